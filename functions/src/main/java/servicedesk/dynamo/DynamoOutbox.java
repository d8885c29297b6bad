package servicedesk.dynamo;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import servicedesk.format.Timestamps;
import servicedesk.incident.TimelineEntry;
import servicedesk.notify.DeliveryState;
import servicedesk.notify.OutboundMessage;
import servicedesk.notify.Outbox;
import servicedesk.notify.StoredMessage;
import servicedesk.records.Change;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * {@link Outbox} on the desk's table. A message's delivery state moves by conditional updates (its own
 * guard against sending twice, so no claim is needed); the note on the incident's timeline is a
 * {@link Change.AddNote}, written through the unit of work's translation in the same transaction.
 */
public final class DynamoOutbox implements Outbox {
    private final DynamoDbClient dynamo;
    private final String table;
    private final ChangeWrites writes;

    public DynamoOutbox(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.writes = new ChangeWrites(table);
    }

    @Override
    public Optional<StoredMessage> find(String key) {
        var found = dynamo.getItem(get -> get.tableName(table).key(OutboxItems.key(key)).consistentRead(true));
        return found.hasItem() ? Optional.of(OutboxItems.storedMessage(found.item())) : Optional.empty();
    }

    @Override
    public boolean claim(String key, Instant now) {
        try {
            dynamo.updateItem(update -> update.tableName(table).key(OutboxItems.key(key))
                    .updateExpression("SET deliveryState = :sending, claimedAt = :now ADD attempts :one")
                    .conditionExpression("deliveryState = :pending")
                    .expressionAttributeValues(Map.of(
                            ":sending", fromS(DeliveryState.SENDING.name()),
                            ":pending", fromS(DeliveryState.PENDING.name()),
                            ":now", fromS(Timestamps.format(now)),
                            ":one", AttributeValue.fromN("1"))));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    @Override
    public void markSent(OutboundMessage sent, String xId, TimelineEntry note) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":sent", fromS(DeliveryState.SENT.name()));
        values.put(":sending", fromS(DeliveryState.SENDING.name()));
        values.put(":via", fromS(sent.channel().name()));
        values.put(":xid", fromS(xId == null ? "" : xId));
        values.put(":now", fromS(Timestamps.format(note.at())));
        finish(sent, "SET deliveryState = :sent, sentVia = :via, xId = :xid, finishedAt = :now", values, note);
    }

    @Override
    public void markUndelivered(OutboundMessage message, DeliveryState state, String reason, TimelineEntry note) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":state", fromS(state.name()));
        values.put(":sending", fromS(DeliveryState.SENDING.name()));
        values.put(":reason", fromS(reason));
        values.put(":now", fromS(Timestamps.format(note.at())));
        finish(message, "SET deliveryState = :state, failure = :reason, finishedAt = :now", values, note);
    }

    @Override
    public void release(OutboundMessage next, Instant notBefore) {
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        values.put(":pending", fromS(DeliveryState.PENDING.name()));
        values.put(":sending", fromS(DeliveryState.SENDING.name()));
        values.put(":notBefore", fromS(Timestamps.format(notBefore)));
        List<String> sets = new ArrayList<>(List.of("deliveryState = :pending", "notBefore = :notBefore"));
        List<String> removals = new ArrayList<>();
        Map<String, AttributeValue> attributes = OutboxItems.messageAttributes(next);
        // Names go through placeholders: some ("text") are DynamoDB reserved words.
        for (String name : OutboxItems.MESSAGE_ATTRIBUTES) {
            names.put("#" + name, name);
            if (attributes.containsKey(name)) {
                sets.add("#" + name + " = :" + name);
                values.put(":" + name, attributes.get(name));
            } else {
                removals.add("#" + name);
            }
        }
        String expression = "SET " + String.join(", ", sets)
                + (removals.isEmpty() ? "" : " REMOVE " + String.join(", ", removals));
        dynamo.updateItem(update -> update.tableName(table).key(OutboxItems.key(next.key()))
                .updateExpression(expression)
                .conditionExpression("deliveryState = :sending")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values));
    }

    /** Moves the message out of SENDING and, for an incident's message, notes the outcome on its timeline. */
    private void finish(OutboundMessage message, String updateExpression, Map<String, AttributeValue> values,
                        TimelineEntry note) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(OutboxItems.key(message.key()))
                .updateExpression(updateExpression)
                .conditionExpression("deliveryState = :sending")
                .expressionAttributeValues(values).build()).build());
        if (message.incidentNumber() != null) {
            items.add(writes.of(new Change.AddNote(message.incidentNumber(), note), note.at()));
        }
        dynamo.transactWriteItems(transaction -> transaction.transactItems(items));
    }
}
