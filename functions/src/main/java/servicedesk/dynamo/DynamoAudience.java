package servicedesk.dynamo;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import servicedesk.notify.Audience;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link Audience} on the desk's table: block markers, a counter per user and day, and
 * {@code NODM#<user>} while the desk remembers that X refused a DM to them (kept until {@code until}).
 */
public final class DynamoAudience implements Audience {
    private final DynamoDbClient dynamo;
    private final String table;
    private final int unsolicitedPerDay;

    public DynamoAudience(DynamoDbClient dynamo, String table, int unsolicitedPerDay) {
        this.dynamo = dynamo;
        this.table = table;
        this.unsolicitedPerDay = unsolicitedPerDay;
    }

    @Override
    public boolean isBlocked(String userId) {
        return dynamo.getItem(get -> get.tableName(table).key(BlockItems.key(userId)).consistentRead(true)).hasItem();
    }

    @Override
    public boolean blocksAccount(String userId) {
        return dynamo.getItem(get -> get.tableName(table).key(BlockItems.key(userId, true)).consistentRead(true)).hasItem();
    }

    @Override
    public boolean takeUnsolicited(String userId, LocalDate day) {
        long forget = day.plusDays(2).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        try {
            dynamo.updateItem(update -> update.tableName(table)
                    .key(DeskTable.key("UNSOLICITED#" + userId + "#" + day, "COUNT"))
                    .updateExpression("ADD sent :one SET expiresAt = :forget")
                    .conditionExpression("attribute_not_exists(sent) OR sent < :allowed")
                    .expressionAttributeValues(Map.of(":one", fromN("1"), ":forget", fromN(Long.toString(forget)),
                            ":allowed", fromN(Integer.toString(unsolicitedPerDay)))));
            return true;
        } catch (ConditionalCheckFailedException usedUp) {
            return false;
        }
    }

    @Override
    public boolean acceptsDms(String userId, Instant now) {
        var found = dynamo.getItem(get -> get.tableName(table).key(DeskTable.key("NODM#" + userId, "NODM")));
        return !found.hasItem() || !now.isBefore(Instant.ofEpochMilli(Long.parseLong(found.item().get("until").n())));
    }

    @Override
    public void dmsRefused(String userId, Instant until) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item = new java.util.HashMap<>(
                DeskTable.key("NODM#" + userId, "NODM"));
        item.put(DeskTable.TYPE, fromS("NODM"));
        item.put("until", fromN(Long.toString(until.toEpochMilli())));
        item.put("expiresAt", fromN(Long.toString(until.plusSeconds(86_400).getEpochSecond())));
        dynamo.putItem(put -> put.tableName(table).item(item));
    }
}
