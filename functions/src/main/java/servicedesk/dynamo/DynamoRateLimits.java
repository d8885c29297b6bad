package servicedesk.dynamo;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import servicedesk.format.Timestamps;
import servicedesk.notify.RateLimit;
import servicedesk.notify.RateLimits;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link RateLimits} as one item per bucket in the desk's table; the last observation wins. While a window
 * has plenty left, a sender trusts what it saw itself and skips the table: the shared item matters only
 * near the end of a window, when several senders could use it up between them.
 */
public final class DynamoRateLimits implements RateLimits {
    /** Below this many requests left, every sender reads and writes the shared window. */
    static final int SHARE_BELOW = 20;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Map<String, RateLimit> seen = new ConcurrentHashMap<>();

    public DynamoRateLimits(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Instant> exhaustedUntil(String bucket, Instant now) {
        RateLimit local = seen.get(bucket);
        if (local != null && local.remaining() >= SHARE_BELOW && local.resetAt().isAfter(now)) {
            return Optional.empty();
        }
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
        RateLimit previous = seen.put(bucket, limit);
        if (limit.remaining() >= SHARE_BELOW && previous != null && previous.resetAt().equals(limit.resetAt())) {
            return;
        }
        Map<String, AttributeValue> item = new HashMap<>(DeskTable.key("RATE#" + bucket, "RATE"));
        item.put(DeskTable.TYPE, fromS("RATE"));
        item.put("remaining", fromN(Integer.toString(limit.remaining())));
        item.put("resetAt", fromS(Timestamps.format(limit.resetAt())));
        item.put("expiresAt", fromN(Long.toString(limit.resetAt().plusSeconds(86_400).getEpochSecond())));
        dynamo.putItem(put -> put.tableName(table).item(item));
    }
}
