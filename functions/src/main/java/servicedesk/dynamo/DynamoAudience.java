package servicedesk.dynamo;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import servicedesk.notify.Audience;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** {@link Audience} on the desk's table: block markers, and a counter per user and day. */
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
}
