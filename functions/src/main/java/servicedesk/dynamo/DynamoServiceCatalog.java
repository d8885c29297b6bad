package servicedesk.dynamo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import servicedesk.catalog.Service;
import servicedesk.catalog.ServiceCatalog;
import servicedesk.incident.Level;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The catalog in its DynamoDB table, one item per hashtag. Reads are cached for a short while: every
 * event needs the catalog, and a new service showing up within a minute is soon enough.
 */
public final class DynamoServiceCatalog implements ServiceCatalog {
    private static final Duration CACHE_FOR = Duration.ofSeconds(60);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private List<Service> cached;
    private Instant cachedAt = Instant.MIN;
    private final ReentrantLock lock = new ReentrantLock();

    public DynamoServiceCatalog(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public List<Service> all() {
        // A lock, not synchronized: loading is a request, and a virtual thread blocked inside synchronized
        // pins its carrier on Java 21.
        lock.lock();
        try {
            Instant now = clock.instant();
            if (cached == null || cachedAt.plus(CACHE_FOR).isBefore(now)) {
                cached = load();
                cachedAt = now;
            }
            return cached;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean addIfAbsent(Service service) {
        try {
            dynamo.putItem(put -> put.tableName(table).item(item(service))
                    .conditionExpression("attribute_not_exists(hashtag)"));
            invalidate();
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    @Override
    public void put(Service service) {
        dynamo.putItem(put -> put.tableName(table).item(item(service)));
        invalidate();
    }

    @Override
    public boolean remove(String hashtag) {
        var deleted = dynamo.deleteItem(delete -> delete.tableName(table)
                .key(Map.of("hashtag", AttributeValue.fromS(Service.normalise(hashtag))))
                .returnValues("ALL_OLD"));
        invalidate();
        return deleted.hasAttributes() && !deleted.attributes().isEmpty();
    }

    private void invalidate() {
        lock.lock();
        try {
            cached = null;
        } finally {
            lock.unlock();
        }
    }

    private List<Service> load() {
        return dynamo.scanPaginator(scan -> scan.tableName(table)).items().stream()
                .map(item -> new Service(item.get("hashtag").s(), item.get("name").s(),
                        Level.ofRank(Integer.parseInt(item.get("impact").n()))))
                .sorted(Comparator.comparing(Service::hashtag))
                .toList();
    }

    private static Map<String, AttributeValue> item(Service service) {
        return Map.of(
                "hashtag", AttributeValue.fromS(service.hashtag()),
                "name", AttributeValue.fromS(service.name()),
                "impact", AttributeValue.fromN(Integer.toString(service.impact().rank())));
    }
}
