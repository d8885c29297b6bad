package servicedesk.dynamo;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import servicedesk.format.Timestamps;
import servicedesk.incident.TimelineEntry;
import servicedesk.notify.DeliveryState;
import servicedesk.notify.Lane;
import servicedesk.notify.MessageClass;
import servicedesk.notify.OutboundMessage;
import servicedesk.notify.Outbox;
import servicedesk.notify.StoredMessage;
import servicedesk.records.Change;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * {@link Outbox} on the desk's table, with the plan beside the messages (see {@link OutboxItems}): every move
 * of a message is one transaction that changes its state, on the condition that it is in the state and plan
 * entry it was read in, and moves its entry with it; a note for the incident's timeline goes in the same
 * transaction (a {@link Change.AddNote}, written through the unit of work's translation).
 */
public final class DynamoOutbox implements Outbox {
    private final DynamoDbClient dynamo;
    private final String table;
    private final ChangeWrites writes;
    /** The look-up entry of each message this instance claimed, until its outcome is written. */
    private final Map<String, String> claimedEntries = new java.util.concurrent.ConcurrentHashMap<>();

    public DynamoOutbox(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.writes = new ChangeWrites(table);
    }

    @Override
    public Optional<StoredMessage> find(String key) {
        return item(key).map(OutboxItems::storedMessage);
    }

    private Optional<Map<String, AttributeValue>> item(String key) {
        var found = dynamo.getItem(get -> get.tableName(table).key(OutboxItems.key(key)).consistentRead(true));
        return found.hasItem() ? Optional.of(found.item()) : Optional.empty();
    }

    @Override
    public boolean plan(String key) {
        Optional<Map<String, AttributeValue>> item = item(key);
        if (item.isEmpty() || !DeliveryState.PENDING.name().equals(DeskTable.s(item.get(), "deliveryState"))) {
            return false;
        }
        String entry = OutboxItems.laneEntry(OutboxItems.storedMessage(item.get()));
        String was = DeskTable.s(item.get(), "planEntry");
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(update(key, "SET planEntry = :entry", Map.of(":entry", fromS(entry)), "pending", item.get()));
        items.add(put(OutboxItems.entryItem(entry, item.get())));
        if (was != null && !was.equals(entry)) {
            items.add(delete(was));
        }
        return transact(items);
    }

    @Override
    public List<StoredMessage> waiting(Lane lane, int limit) {
        return dynamo.query(query -> query.tableName(table).consistentRead(true).limit(limit)
                        .keyConditionExpression("pk = :lane")
                        .expressionAttributeValues(Map.of(":lane", fromS(OutboxItems.lanePartition(lane)))))
                .items().stream().map(OutboxItems::storedMessage).toList();
    }

    @Override
    public Map<Lane, Map<MessageClass, Integer>> waitingCounts() {
        Map<Lane, Map<MessageClass, Integer>> counts = new EnumMap<>(Lane.class);
        for (Lane lane : Lane.values()) {
            Map<MessageClass, Integer> byClass = new EnumMap<>(MessageClass.class);
            QueryRequest request = QueryRequest.builder().tableName(table).projectionExpression("sk")
                    .keyConditionExpression("pk = :lane")
                    .expressionAttributeValues(Map.of(":lane", fromS(OutboxItems.lanePartition(lane)))).build();
            dynamo.queryPaginator(request).items().forEach(item ->
                    byClass.merge(OutboxItems.classOf(item.get("sk").s()), 1, Integer::sum));
            counts.put(lane, byClass);
        }
        return counts;
    }

    @Override
    public List<StoredMessage> due(Instant now, int limit) {
        return dynamo.query(query -> query.tableName(table).consistentRead(true).limit(limit)
                        .keyConditionExpression("pk = :lookup AND sk <= :now")
                        .expressionAttributeValues(Map.of(":lookup", fromS(OutboxItems.LOOKUP),
                                ":now", fromS(OutboxItems.dueBy(now)))))
                .items().stream().map(OutboxItems::storedMessage).toList();
    }

    @Override
    public Optional<Instant> nextLookup() {
        return dynamo.query(query -> query.tableName(table).consistentRead(true).limit(1).projectionExpression("sk")
                        .keyConditionExpression("pk = :lookup")
                        .expressionAttributeValues(Map.of(":lookup", fromS(OutboxItems.LOOKUP))))
                .items().stream().findFirst().map(item -> OutboxItems.dueAt(item.get("sk").s()));
    }

    @Override
    public boolean claim(StoredMessage message, Instant now, boolean attempt, Instant watchdogAt) {
        if (message.state() == DeliveryState.PENDING) {
            // The common case needs no read: the message as its lane entry showed it, if it is still so.
            String entry = OutboxItems.laneEntry(message);
            if (claimAs(message, Map.of("deliveryState", fromS(DeliveryState.PENDING.name()), "planEntry", fromS(entry)),
                    entry, now, attempt, watchdogAt)) {
                return true;
            }
        }
        Optional<Map<String, AttributeValue>> item = item(message.key());
        String entry = item.map(found -> DeskTable.s(found, "planEntry")).orElse(null);
        StoredMessage current = item.map(OutboxItems::storedMessage).orElse(null);
        if (current == null || current.state() != message.state()
                || (message.state() == DeliveryState.SENDING && !current.claimedAt().equals(message.claimedAt()))) {
            dropStaleEntry(message, entry);
            return false;
        }
        return claimAs(current, item.get(), entry, now, attempt, watchdogAt);
    }

    /** Into SENDING from {@code was} (as {@code read}), its entry {@code entry} swapped for a look-up at the watchdog. */
    private boolean claimAs(StoredMessage was, Map<String, AttributeValue> read, String entry, Instant now, boolean attempt,
                            Instant watchdogAt) {
        String lookup = OutboxItems.lookupEntry(was.key(), watchdogAt);
        StoredMessage claimed = new StoredMessage(was.message(), DeliveryState.SENDING, was.createdAt(), was.notBefore(),
                now, was.attempts() + (attempt ? 1 : 0), null);
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":sending", fromS(DeliveryState.SENDING.name()),
                ":now", fromS(Timestamps.format(now)), ":lookup", fromS(lookup)));
        String set = "SET deliveryState = :sending, claimedAt = :now, planEntry = :lookup";
        if (attempt) {
            set += " ADD attempts :one";
            values.put(":one", fromN("1"));
        }
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(update(was.key(), set, values, null, read));
        if (entry != null && !entry.equals(lookup)) {
            items.add(delete(entry));
        }
        items.add(put(OutboxItems.entryItem(lookup, OutboxItems.attributes(claimed))));
        if (transact(items)) {
            claimedEntries.put(was.key(), lookup);
            return true;
        }
        return false;
    }

    /** An entry whose message moved on (or is gone) is removed, so it never blocks its lane. */
    private void dropStaleEntry(StoredMessage message, String current) {
        String read = message.state() == DeliveryState.PENDING ? OutboxItems.laneEntry(message) : null;
        if (read != null && !read.equals(current)) {
            dynamo.deleteItem(delete -> delete.tableName(table).key(OutboxItems.entryKey(read)));
        }
    }

    @Override
    public void markSent(OutboundMessage sent, String xId, TimelineEntry note) {
        Map<String, AttributeValue> values = new HashMap<>(messageValues(sent));
        values.put(":sent", fromS(DeliveryState.SENT.name()));
        values.put(":xid", fromS(xId == null ? "" : xId));
        values.put(":now", fromS(Timestamps.format(note.at())));
        move(sent, "SET deliveryState = :sent, sentVia = :channel, xId = :xid, finishedAt = :now, " + messageSets(sent)
                + " REMOVE planEntry, failure" + messageRemovals(sent), values, null, note);
    }

    @Override
    public void markUndelivered(OutboundMessage message, DeliveryState state, String reason, TimelineEntry note) {
        Map<String, AttributeValue> values = new HashMap<>(messageValues(message));
        values.put(":state", fromS(state.name()));
        values.put(":reason", fromS(reason));
        values.put(":now", fromS(Timestamps.format(note.at())));
        move(message, "SET deliveryState = :state, failure = :reason, finishedAt = :now, " + messageSets(message)
                + " REMOVE planEntry" + messageRemovals(message), values, null, note);
    }

    @Override
    public void release(OutboundMessage next, Instant notBefore, TimelineEntry note) {
        Map<String, AttributeValue> values = new HashMap<>(messageValues(next));
        values.put(":pending", fromS(DeliveryState.PENDING.name()));
        String set = "SET deliveryState = :pending, " + messageSets(next);
        String remove = " REMOVE failure" + messageRemovals(next);
        if (notBefore != null) {
            values.put(":notBefore", fromS(Timestamps.format(notBefore)));
            set += ", notBefore = :notBefore";
        } else {
            remove += ", notBefore";
        }
        move(next, set + remove, values, DeliveryState.PENDING, note);
    }

    @Override
    public void markUncertain(OutboundMessage message, String reason, Instant lookAt, TimelineEntry note) {
        Map<String, AttributeValue> values = new HashMap<>(messageValues(message));
        values.put(":uncertain", fromS(DeliveryState.UNCERTAIN.name()));
        values.put(":reason", fromS(reason));
        move(message, "SET deliveryState = :uncertain, failure = :reason, " + messageSets(message)
                + " REMOVE notBefore" + messageRemovals(message), values, lookAt, note);
    }

    @Override
    public boolean rewrite(StoredMessage was, OutboundMessage next, TimelineEntry note) {
        Optional<Map<String, AttributeValue>> item = item(was.key());
        if (item.isEmpty() || !DeliveryState.PENDING.name().equals(DeskTable.s(item.get(), "deliveryState"))) {
            return false;
        }
        Map<String, AttributeValue> values = new HashMap<>(messageValues(next));
        Map<String, AttributeValue> rewritten = new HashMap<>(item.get());
        rewritten.putAll(OutboxItems.messageAttributes(next));
        OutboxItems.MESSAGE_ATTRIBUTES.stream().filter(name -> !OutboxItems.messageAttributes(next).containsKey(name))
                .forEach(rewritten::remove);
        String entry = OutboxItems.laneEntry(OutboxItems.storedMessage(rewritten));
        values.put(":entry", fromS(entry));
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(update(was.key(), "SET planEntry = :entry, " + messageSets(next) + messageRemovals(next).replaceFirst("^,", " REMOVE"),
                values, "pending", item.get()));
        String old = DeskTable.s(item.get(), "planEntry");
        if (old != null && !old.equals(entry)) {
            items.add(delete(old));
        }
        items.add(put(OutboxItems.entryItem(entry, rewritten)));
        note(next, note, items);
        return transact(items);
    }

    @Override
    public boolean supersede(StoredMessage message, String why, TimelineEntry note) {
        Optional<Map<String, AttributeValue>> item = item(message.key());
        if (item.isEmpty() || !DeliveryState.PENDING.name().equals(DeskTable.s(item.get(), "deliveryState"))) {
            return false;
        }
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(update(message.key(), "SET deliveryState = :superseded, failure = :why, finishedAt = :now REMOVE planEntry",
                Map.of(":superseded", fromS(DeliveryState.SUPERSEDED.name()), ":why", fromS(why),
                        ":now", fromS(Timestamps.format(note.at()))), "pending", item.get()));
        String entry = DeskTable.s(item.get(), "planEntry");
        if (entry != null) {
            items.add(delete(entry));
        }
        note(message.message(), note, items);
        return transact(items);
    }

    /**
     * Moves a SENDING message on: its look-up entry goes; a PENDING one gets its lane entry back, one still to
     * look into a new look-up entry at {@code lookAt} (an Instant), anything else none.
     */
    private void move(OutboundMessage message, String expression, Map<String, AttributeValue> values, Object nextPlace,
                      TimelineEntry note) {
        String claimed = claimedEntries.remove(message.key());
        if (claimed != null && nextPlace == null) {
            // Sent or given up, as this sender claimed it: no read is needed to know its entry.
            List<TransactWriteItem> items = new ArrayList<>(List.of(update(message.key(), expression, values, "sending",
                    Map.of("deliveryState", fromS(DeliveryState.SENDING.name()), "planEntry", fromS(claimed))), delete(claimed)));
            note(message, note, items);
            if (transact(items)) {
                return;
            }
        }
        Map<String, AttributeValue> item = item(message.key())
                .orElseThrow(() -> new IllegalStateException("No outbox message " + message.key()));
        Map<String, AttributeValue> next = new HashMap<>(item);
        next.putAll(OutboxItems.messageAttributes(message));
        OutboxItems.MESSAGE_ATTRIBUTES.stream().filter(name -> !OutboxItems.messageAttributes(message).containsKey(name))
                .forEach(next::remove);
        String entry = null;
        if (nextPlace == DeliveryState.PENDING) {
            next.put("deliveryState", fromS(DeliveryState.PENDING.name()));
            if (values.containsKey(":notBefore")) {
                next.put("notBefore", values.get(":notBefore"));
            } else {
                next.remove("notBefore");
            }
            entry = OutboxItems.laneEntry(OutboxItems.storedMessage(next));
        } else if (nextPlace instanceof Instant lookAt) {
            next.put("deliveryState", fromS(DeliveryState.UNCERTAIN.name()));
            entry = OutboxItems.lookupEntry(message.key(), lookAt);
        }
        Map<String, AttributeValue> allValues = new HashMap<>(values);
        String update = expression;
        if (entry != null) {
            allValues.put(":entry", fromS(entry));
            update = update.replaceFirst("^SET ", "SET planEntry = :entry, ");
        }
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(update(message.key(), update, allValues, "sending", item));
        String old = DeskTable.s(item, "planEntry");
        if (old != null && !old.equals(entry)) {
            items.add(delete(old));
        }
        if (entry != null) {
            items.add(put(OutboxItems.entryItem(entry, next)));
        }
        note(message, note, items);
        if (!transact(items)) {
            throw new IllegalStateException("Outbox message " + message.key() + " changed while it was being sent");
        }
    }

    private void note(OutboundMessage message, TimelineEntry note, List<TransactWriteItem> items) {
        if (note != null && message.incidentNumber() != null) {
            items.add(writes.of(new Change.AddNote(message.incidentNumber(), note), note.at()));
        }
    }

    /** The message's attributes as update values ({@code :channel}, {@code :text}, …). */
    private static Map<String, AttributeValue> messageValues(OutboundMessage message) {
        Map<String, AttributeValue> values = new HashMap<>();
        OutboxItems.messageAttributes(message).forEach((name, value) -> values.put(":" + name, value));
        return values;
    }

    /** "#channel = :channel, …": names go through placeholders, as some ("text") are reserved words. */
    private static String messageSets(OutboundMessage message) {
        return String.join(", ", OutboxItems.messageAttributes(message).keySet().stream()
                .map(name -> "#" + name + " = :" + name).sorted().toList());
    }

    /** ", #name, …" for the message attributes this form of the message does not have. */
    private static String messageRemovals(OutboundMessage message) {
        Map<String, AttributeValue> present = OutboxItems.messageAttributes(message);
        StringBuilder removals = new StringBuilder();
        for (String name : OutboxItems.MESSAGE_ATTRIBUTES) {
            if (!present.containsKey(name)) {
                removals.append(", #").append(name);
            }
        }
        return removals.toString();
    }

    /** The update of a message, on the condition that it is still as it was read ({@code expected} state). */
    private TransactWriteItem update(String key, String expression, Map<String, AttributeValue> values, String expected,
                                     Map<String, AttributeValue> read) {
        Map<String, AttributeValue> allValues = new HashMap<>(values);
        Map<String, String> names = new HashMap<>();
        for (String name : OutboxItems.MESSAGE_ATTRIBUTES) {
            if (expression.contains("#" + name)) {
                names.put("#" + name, name);
            }
        }
        String condition = "deliveryState = :was";
        allValues.put(":was", read.get("deliveryState"));
        if (read.containsKey("planEntry")) {
            condition += " AND planEntry = :wasEntry";
            allValues.put(":wasEntry", read.get("planEntry"));
        } else {
            condition += " AND attribute_not_exists(planEntry)";
        }
        if (expected != null && !expected.equalsIgnoreCase(DeskTable.s(read, "deliveryState"))) {
            condition = "attribute_not_exists(pk)";
        }
        Update.Builder update = Update.builder().tableName(table).key(OutboxItems.key(key)).updateExpression(expression)
                .conditionExpression(condition).expressionAttributeValues(allValues);
        if (!names.isEmpty()) {
            update.expressionAttributeNames(names);
        }
        return TransactWriteItem.builder().update(update.build()).build();
    }

    private TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build();
    }

    private TransactWriteItem delete(String entry) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(OutboxItems.entryKey(entry)).build()).build();
    }

    /** True when written; false when a condition failed (the message moved on meanwhile). */
    private boolean transact(List<TransactWriteItem> items) {
        try {
            dynamo.transactWriteItems(transaction -> transaction.transactItems(items));
            return true;
        } catch (TransactionCanceledException | ConditionalCheckFailedException moved) {
            if (moved instanceof TransactionCanceledException cancelled && cancelled.cancellationReasons() != null
                    && cancelled.cancellationReasons().stream().noneMatch(reason -> "ConditionalCheckFailed".equals(reason.code()))) {
                throw cancelled;
            }
            return false;
        }
    }
}
