package servicedesk.dynamo;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import servicedesk.incident.IncidentTotals;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The totals of closed incidents as one item ({@code pk=TOTALS, sk=CLOSED}): one number attribute per
 * sum, and one per breach count ({@code breaches:priority:P3}, {@code breaches:service:wifi}), each added
 * to atomically as an incident closes.
 */
final class TotalsItems {
    static final String PRIORITY = "breaches:priority:";
    static final String SERVICE = "breaches:service:";

    private TotalsItems() {
    }

    static Map<String, AttributeValue> key() {
        return DeskTable.key("TOTALS", "CLOSED");
    }

    /** An {@code ADD} of the share to every sum, creating the item and its attributes as needed. */
    static TransactWriteItem add(String table, IncidentTotals share) {
        Map<String, Long> sums = new LinkedHashMap<>();
        sums.put("incidents", share.incidents());
        sums.put("firstResponses", share.firstResponses());
        sums.put("firstResponseSeconds", share.firstResponseSeconds());
        sums.put("resolutions", share.resolutions());
        sums.put("resolutionSeconds", share.resolutionSeconds());
        sums.put("communityResolutions", share.communityResolutions());
        share.breachesByPriority().forEach((priority, count) -> sums.put(PRIORITY + priority, count));
        share.breachesByService().forEach((service, count) -> sums.put(SERVICE + service, count));
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> adds = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Long> sum : sums.entrySet()) {
            names.put("#a" + i, sum.getKey());
            values.put(":a" + i, fromN(Long.toString(sum.getValue())));
            adds.add("#a" + i + " :a" + i);
            i++;
        }
        names.put("#type", DeskTable.TYPE);
        values.put(":type", AttributeValue.fromS("TOTALS"));
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key())
                .updateExpression("SET #type = :type ADD " + String.join(", ", adds))
                .expressionAttributeNames(names).expressionAttributeValues(values).build()).build();
    }

    static IncidentTotals totals(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return IncidentTotals.NONE;
        }
        Map<String, Long> byPriority = new HashMap<>();
        Map<String, Long> byService = new HashMap<>();
        item.forEach((name, value) -> {
            if (name.startsWith(PRIORITY)) {
                byPriority.put(name.substring(PRIORITY.length()), Long.parseLong(value.n()));
            } else if (name.startsWith(SERVICE)) {
                byService.put(name.substring(SERVICE.length()), Long.parseLong(value.n()));
            }
        });
        return new IncidentTotals(n(item, "incidents"), n(item, "firstResponses"), n(item, "firstResponseSeconds"),
                n(item, "resolutions"), n(item, "resolutionSeconds"), n(item, "communityResolutions"), byPriority, byService);
    }

    private static long n(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }
}
