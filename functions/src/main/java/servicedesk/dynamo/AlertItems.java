package servicedesk.dynamo;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import java.util.HashMap;
import java.util.Map;
import servicedesk.format.Timestamps;
import servicedesk.incident.Escalation;
import servicedesk.outage.PossibleOutage;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the desk raises for people to act on: possible-outage alerts ({@code ALERT#<id>}) and on-call
 * escalations ({@code ESC#<id>}). They are written once and read back only from the stream.
 */
public final class AlertItems {
    private AlertItems() {
    }

    public static Map<String, AttributeValue> alertItem(PossibleOutage alert) {
        Map<String, AttributeValue> item = new HashMap<>(DeskTable.key("ALERT#" + alert.id(), DeskTable.TYPE_ALERT));
        item.put(DeskTable.TYPE, fromS(DeskTable.TYPE_ALERT));
        item.put("at", fromS(Timestamps.format(alert.at())));
        item.put("alertId", fromS(alert.id()));
        item.put("alertService", fromS(alert.service()));
        item.put("serviceName", fromS(alert.serviceName()));
        item.put("reports", fromN(Integer.toString(alert.reports())));
        item.put("windowMinutes", fromN(Integer.toString(alert.windowMinutes())));
        return item;
    }

    public static Map<String, AttributeValue> escalationItem(Escalation escalation) {
        Map<String, AttributeValue> item = new HashMap<>(DeskTable.key("ESC#" + escalation.id(), DeskTable.TYPE_ESCALATION));
        item.put(DeskTable.TYPE, fromS(DeskTable.TYPE_ESCALATION));
        item.put("at", fromS(Timestamps.format(escalation.at())));
        item.put("escalationId", fromS(escalation.id()));
        item.put("kind", fromS(escalation.kind().name()));
        DeskTable.putIfPresent(item, "incidentNumber", escalation.incidentNumber());
        DeskTable.putIfPresent(item, "priority", escalation.priority());
        DeskTable.putIfPresent(item, "escalationService", escalation.service());
        item.put("text", fromS(escalation.text()));
        return item;
    }
}
