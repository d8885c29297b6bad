package servicedesk.notify;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import servicedesk.records.DeskTable;
import servicedesk.incident.TimelineEntry;
import servicedesk.wiring.Timestamps;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** {@link Outbox} on the desk's table, next to the incidents whose timelines it notes deliveries on. */
public final class DynamoOutbox implements Outbox {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoOutbox(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<StoredMessage> find(String key) {
        var found = dynamo.getItem(get -> get.tableName(table).key(DeskTable.outboxKey(key)).consistentRead(true));
        return found.hasItem() ? Optional.of(DeskTable.storedMessage(found.item())) : Optional.empty();
    }

    @Override
    public boolean claim(String key, Instant now) {
        try {
            dynamo.updateItem(update -> update.tableName(table).key(DeskTable.outboxKey(key))
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
    public void markSent(OutboundMessage sent, String xId, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":sent", fromS(DeliveryState.SENT.name()));
        values.put(":sending", fromS(DeliveryState.SENDING.name()));
        values.put(":via", fromS(sent.channel().name()));
        values.put(":xid", fromS(xId == null ? "" : xId));
        values.put(":now", fromS(Timestamps.format(now)));
        finish(sent, "SET deliveryState = :sent, sentVia = :via, xId = :xid, finishedAt = :now", values,
                new TimelineEntry("sent:" + sent.key(), now, TimelineEntry.Kind.REPORTER_NOTIFIED, null,
                        describe(sent)));
    }

    @Override
    public void markUndelivered(OutboundMessage message, DeliveryState state, String reason, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":state", fromS(state.name()));
        values.put(":sending", fromS(DeliveryState.SENDING.name()));
        values.put(":reason", fromS(reason));
        values.put(":now", fromS(Timestamps.format(now)));
        finish(message, "SET deliveryState = :state, failure = :reason, finishedAt = :now", values,
                new TimelineEntry("undelivered:" + message.key(), now, TimelineEntry.Kind.NOTIFICATION_FAILED, null,
                        describe(message) + " could not be delivered: " + reason));
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
        Map<String, AttributeValue> attributes = DeskTable.messageAttributes(next);
        // Names go through placeholders: some ("text") are DynamoDB reserved words.
        for (String name : DeskTable.MESSAGE_ATTRIBUTES) {
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
        dynamo.updateItem(update -> update.tableName(table).key(DeskTable.outboxKey(next.key()))
                .updateExpression(expression)
                .conditionExpression("deliveryState = :sending")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values));
    }

    /** Moves the message out of SENDING and, for an incident's message, notes the outcome on its timeline. */
    private void finish(OutboundMessage message, String updateExpression, Map<String, AttributeValue> values,
                        TimelineEntry note) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(DeskTable.outboxKey(message.key()))
                .updateExpression(updateExpression)
                .conditionExpression("deliveryState = :sending")
                .expressionAttributeValues(values).build()).build());
        if (message.incidentNumber() != null) {
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                    .item(DeskTable.timelineItem(message.incidentNumber(), note)).build()).build());
        }
        dynamo.transactWriteItems(transaction -> transaction.transactItems(writes));
    }

    /** What the timeline says about a message: how it went and to whom, never what it said. */
    private static String describe(OutboundMessage message) {
        return switch (message.channel()) {
            case DIRECT_MESSAGE -> "Direct message to reporter " + message.recipientId();
            case PUBLIC_REPLY -> "Public reply under tweet " + message.inReplyToTweetId();
            case TIMELINE_POST -> "Post on the IT account's timeline";
        };
    }
}
