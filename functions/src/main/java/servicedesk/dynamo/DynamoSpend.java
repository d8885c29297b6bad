package servicedesk.dynamo;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import servicedesk.notify.Spend;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * {@link Spend} as counters under {@code pk=SPEND}: {@code DAY#<yyyy-mm-dd>} (micro-dollars and requests by
 * kind) and {@code INC#<number>} (micro-dollars); each request is one atomic add per counter.
 */
public final class DynamoSpend implements Spend {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoSpend(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void add(LocalDate day, String incidentNumber, long micros, Kind kind) {
        String counter = switch (kind) {
            case DIRECT_MESSAGE -> "directMessages";
            case REPLY -> "replies";
            case POST -> "posts";
            case READ -> "reads";
        };
        dynamo.updateItem(update -> update.tableName(table).key(DeskTable.key("SPEND", "DAY#" + day))
                .updateExpression("ADD micros :micros, #counter :one SET #type = :type")
                .expressionAttributeNames(Map.of("#type", DeskTable.TYPE, "#counter", counter))
                .expressionAttributeValues(Map.of(":micros", fromN(Long.toString(micros)), ":one", fromN("1"),
                        ":type", fromS("SPEND"))));
        if (incidentNumber != null) {
            dynamo.updateItem(update -> update.tableName(table).key(DeskTable.key("SPEND", "INC#" + incidentNumber))
                    .updateExpression("ADD micros :micros SET #type = :type")
                    .expressionAttributeNames(Map.of("#type", DeskTable.TYPE))
                    .expressionAttributeValues(Map.of(":micros", fromN(Long.toString(micros)), ":type", fromS("SPEND"))));
        }
    }

    @Override
    public long on(LocalDate day) {
        var found = dynamo.getItem(get -> get.tableName(table).key(DeskTable.key("SPEND", "DAY#" + day)).consistentRead(true));
        return found.hasItem() ? number(found.item(), "micros") : 0;
    }

    @Override
    public List<Day> days(LocalDate from, LocalDate to) {
        return query("sk BETWEEN :from AND :to", Map.of(":from", fromS("DAY#" + from), ":to", fromS("DAY#" + to)))
                .stream().map(item -> new Day(LocalDate.parse(item.get("sk").s().substring(4)), number(item, "micros"),
                        (int) number(item, "directMessages"), (int) number(item, "replies"), (int) number(item, "posts"),
                        (int) number(item, "reads"))).toList();
    }

    @Override
    public List<Incident> incidents() {
        return query("begins_with(sk, :inc)", Map.of(":inc", fromS("INC#"))).stream()
                .map(item -> new Incident(item.get("sk").s().substring(4), number(item, "micros"))).toList();
    }

    private List<Map<String, AttributeValue>> query(String sortCondition, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new java.util.HashMap<>(values);
        all.put(":spend", fromS("SPEND"));
        QueryRequest request = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :spend AND " + sortCondition).expressionAttributeValues(all).build();
        return dynamo.queryPaginator(request).items().stream().toList();
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Long.parseLong(item.get(name).n()) : 0;
    }
}
