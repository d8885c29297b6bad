package servicedesk.dynamo;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import servicedesk.format.Json;
import servicedesk.incident.Incident;
import servicedesk.incident.IncidentPage;
import servicedesk.incident.IncidentQuery;
import servicedesk.incident.IncidentState;
import servicedesk.incident.IncidentStore;
import servicedesk.incident.IncidentTotals;
import servicedesk.incident.TimelineEntry;
import servicedesk.records.Claim;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** {@link IncidentStore} on the desk's DynamoDB table; see {@link DeskTable} for the layout. */
public final class DynamoIncidentStore implements IncidentStore {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoIncidentStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Incident> find(String number) {
        var found = dynamo.getItem(get -> get.tableName(table).key(IncidentItems.key(number)).consistentRead(true));
        return found.hasItem() ? Optional.of(IncidentItems.incident(found.item())) : Optional.empty();
    }

    @Override
    public Optional<String> incidentForTweet(String tweetId) {
        var found = dynamo.getItem(get -> get.tableName(table).key(ClaimItems.key(Claim.tweet(tweetId, null).key())).consistentRead(true));
        return found.hasItem() ? Optional.ofNullable(DeskTable.s(found.item(), "incidentNumber")) : Optional.empty();
    }

    @Override
    public List<Incident> byReporter(String reporterId, int limit) {
        QueryResponse page = dynamo.query(query -> query.tableName(table).indexName(DeskTable.BY_REPORTER)
                .keyConditionExpression("reporterId = :reporter")
                .expressionAttributeValues(Map.of(":reporter", fromS(reporterId)))
                .scanIndexForward(false)
                .limit(limit));
        return page.items().stream().map(IncidentItems::incident).toList();
    }

    @Override
    public List<TimelineEntry> timeline(String number) {
        return TimelineItems.timeline(dynamo.queryPaginator(query -> query.tableName(table)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", fromS("INC#" + number)))
                        .consistentRead(true))
                .items().stream().toList());
    }

    @Override
    public IncidentTotals closedTotals() {
        return TotalsItems.totals(dynamo.getItem(get -> get.tableName(table).key(TotalsItems.key()).consistentRead(true)).item());
    }

    @Override
    public IncidentPage list(IncidentQuery query) {
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        List<String> filters = new ArrayList<>();
        String index;
        String keyCondition;
        if (query.state() != null) {
            index = DeskTable.BY_STATE;
            keyCondition = "#state = :state";
        } else if (query.service() != null) {
            index = DeskTable.BY_SERVICE;
            keyCondition = "service = :service";
        } else if (query.reporterId() != null) {
            index = DeskTable.BY_REPORTER;
            keyCondition = "reporterId = :reporter";
        } else {
            index = DeskTable.BY_TYPE;
            keyCondition = "#type = :type";
            names.put("#type", DeskTable.TYPE);
            values.put(":type", fromS(DeskTable.TYPE_INCIDENT));
        }
        if (query.state() != null) {
            names.put("#state", "state");
            values.put(":state", fromS(query.state().name()));
        }
        if (query.service() != null) {
            values.put(":service", fromS(query.service()));
            if (!index.equals(DeskTable.BY_SERVICE)) {
                filters.add("service = :service");
            }
        }
        if (query.reporterId() != null) {
            values.put(":reporter", fromS(query.reporterId()));
            if (!index.equals(DeskTable.BY_REPORTER)) {
                filters.add("reporterId = :reporter");
            }
        }
        if (query.openOnly()) {
            names.put("#state", "state");
            values.put(":new", fromS(IncidentState.NEW.name()));
            values.put(":inProgress", fromS(IncidentState.IN_PROGRESS.name()));
            values.put(":onHold", fromS(IncidentState.ON_HOLD.name()));
            filters.add("#state IN (:new, :inProgress, :onHold)");
        }
        if (query.outageId() != null) {
            values.put(":outage", fromS(query.outageId()));
            filters.add("outageId = :outage");
        }
        List<Incident> incidents = new ArrayList<>();
        Map<String, AttributeValue> startKey = decodePageToken(query.pageToken());
        // A filter can leave a page short: keep reading until the page is full or the index ends.
        do {
            QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName(index)
                    .keyConditionExpression(keyCondition)
                    .expressionAttributeValues(values)
                    .scanIndexForward(false)
                    .limit(query.limit() - incidents.size());
            if (!names.isEmpty()) {
                request.expressionAttributeNames(names);
            }
            if (!filters.isEmpty()) {
                request.filterExpression(String.join(" AND ", filters));
            }
            if (startKey != null) {
                request.exclusiveStartKey(startKey);
            }
            QueryResponse page;
            try {
                page = dynamo.query(request.build());
            } catch (DynamoDbException rejected) {
                if (rejected.statusCode() == 400) {
                    // A page token from another listing, or tampered with.
                    throw new IllegalArgumentException("Invalid page token for this listing");
                }
                throw rejected;
            }
            page.items().forEach(item -> incidents.add(IncidentItems.incident(item)));
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null && incidents.size() < query.limit());
        return new IncidentPage(incidents, encodePageToken(startKey));
    }

    private static String encodePageToken(Map<String, AttributeValue> key) {
        if (key == null) {
            return null;
        }
        Map<String, String> plain = new HashMap<>();
        key.forEach((name, value) -> plain.put(name, value.s()));
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.MAPPER.writeValueAsBytes(plain));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, AttributeValue> decodePageToken(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        try {
            Map<String, String> plain = Json.MAPPER.readValue(
                    new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8), new TypeReference<>() {
                    });
            Map<String, AttributeValue> key = new HashMap<>();
            plain.forEach((name, value) -> key.put(name, fromS(value)));
            return key;
        } catch (Exception e) {
            throw new IllegalArgumentException("Invalid page token");
        }
    }
}
