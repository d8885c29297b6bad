package servicedesk.notify;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import servicedesk.records.DeskTable;
import servicedesk.wiring.Timestamps;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link RateLimits} as one item per bucket in the desk's table; the last observation wins. */
public final class DynamoRateLimits implements RateLimits {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoRateLimits(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Instant> exhaustedUntil(String bucket, Instant now) {
        var found = dynamo.getItem(get -> get.tableName(table).key(DeskTable.key("RATE#" + bucket, "RATE")));
        if (!found.hasItem()) {
            return Optional.empty();
        }
        int remaining = Integer.parseInt(found.item().get("remaining").n());
        Instant resetAt = DeskTable.instant(found.item(), "resetAt");
        return remaining <= 0 && resetAt.isAfter(now) ? Optional.of(resetAt) : Optional.empty();
    }

    @Override
    public void observe(String bucket, RateLimit limit) {
        Map<String, AttributeValue> item = new HashMap<>(DeskTable.key("RATE#" + bucket, "RATE"));
        item.put(DeskTable.TYPE, fromS("RATE"));
        item.put("remaining", fromN(Integer.toString(limit.remaining())));
        item.put("resetAt", fromS(Timestamps.format(limit.resetAt())));
        item.put("expiresAt", fromN(Long.toString(limit.resetAt().plusSeconds(86_400).getEpochSecond())));
        dynamo.putItem(put -> put.tableName(table).item(item));
    }
}
