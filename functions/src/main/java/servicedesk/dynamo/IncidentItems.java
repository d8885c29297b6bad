package servicedesk.dynamo;

import static servicedesk.dynamo.DeskTable.instant;
import static servicedesk.dynamo.DeskTable.putIfPresent;
import static servicedesk.dynamo.DeskTable.putInstant;
import static servicedesk.dynamo.DeskTable.s;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import servicedesk.format.Timestamps;
import servicedesk.incident.Incident;
import servicedesk.incident.IncidentState;
import servicedesk.incident.Level;
import servicedesk.incident.Priority;
import servicedesk.incident.Reporter;
import servicedesk.incident.Resolution;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** An incident as its table item ({@code pk=INC#<number>, sk=INCIDENT}), both ways. */
public final class IncidentItems {
    private IncidentItems() {
    }

    public static Map<String, AttributeValue> key(String number) {
        return DeskTable.key("INC#" + number, DeskTable.TYPE_INCIDENT);
    }

    public static Map<String, AttributeValue> item(Incident incident) {
        Map<String, AttributeValue> item = new HashMap<>(key(incident.number()));
        item.put(DeskTable.TYPE, fromS(DeskTable.TYPE_INCIDENT));
        item.put("at", fromS(Timestamps.format(incident.openedAt())));
        item.put("number", fromS(incident.number()));
        item.put("state", fromS(incident.state().name()));
        item.put("priority", fromS(incident.priority().name()));
        item.put("impact", fromN(Integer.toString(incident.impact().rank())));
        item.put("urgency", fromN(Integer.toString(incident.urgency().rank())));
        item.put("service", fromS(incident.service()));
        item.put("reporterId", fromS(incident.reporter().userId()));
        item.put("reporterHandle", fromS(incident.reporter().handle()));
        putIfPresent(item, "sourceTweetId", incident.sourceTweetId());
        putIfPresent(item, "sourceTweetUrl", incident.sourceTweetUrl());
        item.put("description", fromS(incident.description()));
        if (!incident.flags().isEmpty()) {
            item.put("flags", AttributeValue.fromSs(incident.flags().stream().sorted().toList()));
        }
        item.put("openedAt", fromS(Timestamps.format(incident.openedAt())));
        item.put("updatedAt", fromS(Timestamps.format(incident.updatedAt())));
        item.put("firstResponseDue", fromS(Timestamps.format(incident.firstResponseDue())));
        item.put("resolutionDue", fromS(Timestamps.format(incident.resolutionDue())));
        putIfPresent(item, "outageId", incident.outageId());
        putInstant(item, "firstRespondedAt", incident.firstRespondedAt());
        putIfPresent(item, "assignee", incident.assignee());
        item.put("version", fromN(Long.toString(incident.version())));
        if (incident.resolution() != null) {
            item.putAll(resolutionAttributes(incident.resolution()));
        }
        return item;
    }

    /** The attributes a resolution sets: written with the item, or by an update that resolves it. */
    public static Map<String, AttributeValue> resolutionAttributes(Resolution resolution) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("resolvedBy", fromS(resolution.source().name()));
        putIfPresent(item, "resolution", resolution.text());
        putIfPresent(item, "creditedTo", resolution.creditedTo());
        item.put("resolvedAt", fromS(Timestamps.format(resolution.at())));
        return item;
    }

    public static Incident incident(Map<String, AttributeValue> item) {
        return new Incident(
                s(item, "number"),
                IncidentState.valueOf(s(item, "state")),
                Priority.valueOf(s(item, "priority")),
                Level.ofRank(Integer.parseInt(item.get("impact").n())),
                Level.ofRank(Integer.parseInt(item.get("urgency").n())),
                s(item, "service"),
                new Reporter(s(item, "reporterId"), s(item, "reporterHandle")),
                s(item, "sourceTweetId"),
                s(item, "sourceTweetUrl"),
                s(item, "description"),
                item.containsKey("flags") ? new HashSet<>(item.get("flags").ss()) : new HashSet<>(),
                instant(item, "openedAt"),
                instant(item, "updatedAt"),
                instant(item, "firstResponseDue"),
                instant(item, "resolutionDue"),
                s(item, "outageId"),
                instant(item, "firstRespondedAt"),
                item.containsKey("resolvedBy") ? new Resolution(Resolution.Source.valueOf(s(item, "resolvedBy")),
                        s(item, "resolution"), s(item, "creditedTo"), instant(item, "resolvedAt")) : null,
                s(item, "assignee"),
                item.containsKey("version") ? Long.parseLong(item.get("version").n()) : 0);
    }
}
