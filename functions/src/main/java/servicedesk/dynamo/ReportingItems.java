package servicedesk.dynamo;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import servicedesk.records.Change;
import servicedesk.records.Reporting;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * One author's reports ({@code pk=REPORTER#<user>, sk=REPORTER}): {@code incident_<service>}, their incident on
 * record for each service, and {@code opened_<day>}, their new incidents of each recent day. One conditional
 * update in the report's own transaction keeps both, so the common report reads nothing first.
 */
final class ReportingItems {
    private static final String INCIDENT = "incident_";
    private static final String OPENED = "opened_";
    /**
     * Only the report's day counts; the counts of the two weeks before it are removed as the item is updated
     * (an older one, left by an author silent longer, goes with the item).
     */
    private static final int DAYS_REMOVED = 14;
    /** An author silent this long is forgotten (the table's TTL). */
    private static final Duration FORGOTTEN_AFTER = Duration.ofDays(90);

    private ReportingItems() {
    }

    static Map<String, AttributeValue> key(String authorId) {
        return DeskTable.key("REPORTER#" + authorId, "REPORTER");
    }

    static TransactWriteItem take(String table, Change.TakeReportAllowance take) {
        Map<String, String> names = new HashMap<>(Map.of("#incident", INCIDENT + take.service(),
                "#today", OPENED + take.day(), "#type", DeskTable.TYPE));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":number", fromS(take.incidentNumber()),
                ":zero", fromN("0"), ":one", fromN("1"), ":allowance", fromN(Integer.toString(take.allowance())),
                ":type", fromS("REPORTER"),
                ":forget", fromN(Long.toString(take.at().plus(FORGOTTEN_AFTER).getEpochSecond()))));
        List<String> removed = new ArrayList<>();
        for (int back = 1; back <= DAYS_REMOVED; back++) {
            names.put("#before" + back, OPENED + take.day().minusDays(back));
            removed.add("#before" + back);
        }
        String incidentFree = "attribute_not_exists(#incident)";
        if (take.replacing() != null) {
            incidentFree = "(" + incidentFree + " OR #incident = :replacing)";
            values.put(":replacing", fromS(take.replacing()));
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(take.authorId()))
                .updateExpression("SET #incident = :number, #today = if_not_exists(#today, :zero) + :one, #type = :type,"
                        + " expiresAt = :forget REMOVE " + String.join(", ", removed))
                .conditionExpression(incidentFree + " AND (attribute_not_exists(#today) OR #today < :allowance)")
                .expressionAttributeNames(names).expressionAttributeValues(values).build()).build();
    }

    static Reporting reporting(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return Reporting.NONE;
        }
        Map<String, String> incidents = new HashMap<>();
        Map<LocalDate, Integer> opened = new HashMap<>();
        item.forEach((name, value) -> {
            if (name.startsWith(INCIDENT) && value.s() != null) {
                incidents.put(name.substring(INCIDENT.length()), value.s());
            } else if (name.startsWith(OPENED) && value.n() != null) {
                opened.put(LocalDate.parse(name.substring(OPENED.length())), Integer.parseInt(value.n()));
            }
        });
        return new Reporting(incidents, opened);
    }
}
