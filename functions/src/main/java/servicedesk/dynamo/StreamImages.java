package servicedesk.dynamo;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import servicedesk.format.Timestamps;
import servicedesk.incident.Escalation;
import servicedesk.outage.PossibleOutage;
import servicedesk.relay.Committed;

/** The desk table's stream records, as the relay reads them: only new items (INSERT) are sent out. */
public final class StreamImages {
    private StreamImages() {
    }

    public static List<Committed> read(DynamodbEvent event) {
        return event.getRecords().stream().map(StreamImages::read).toList();
    }

    static Committed read(DynamodbEvent.DynamodbStreamRecord record) {
        String position = record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
        Map<String, AttributeValue> image = "INSERT".equals(record.getEventName()) && record.getDynamodb() != null
                ? record.getDynamodb().getNewImage() : null;
        String type = image == null ? null : text(image, DeskTable.TYPE);
        if (type == null) {
            return new Committed.Other(position);
        }
        try {
            return switch (type) {
                case DeskTable.TYPE_OUTBOX -> new Committed.MessageQueued(position, text(image, "messageKey"));
                case DeskTable.TYPE_ANNOUNCEMENT ->
                        new Committed.AnnouncementPublished(position, OutageItems.announcementOf(strings(image)));
                case DeskTable.TYPE_ALERT -> new Committed.AlertRaised(position, alert(image));
                case DeskTable.TYPE_ESCALATION -> new Committed.Escalated(position, escalation(image));
                default -> new Committed.Other(position);
            };
        } catch (RuntimeException unreadable) {
            return new Committed.Unreadable(position, type, unreadable.getClass().getSimpleName());
        }
    }

    private static String text(Map<String, AttributeValue> image, String name) {
        AttributeValue value = image.get(name);
        return value == null ? null : value.getS();
    }

    private static Map<String, String> strings(Map<String, AttributeValue> image) {
        Map<String, String> strings = new HashMap<>();
        image.forEach((name, value) -> {
            if (value.getS() != null) {
                strings.put(name, value.getS());
            }
        });
        return strings;
    }

    private static Escalation escalation(Map<String, AttributeValue> image) {
        return new Escalation(text(image, "escalationId"), Escalation.Kind.valueOf(text(image, "kind")),
                text(image, "incidentNumber"), text(image, "priority"), text(image, "escalationService"),
                text(image, "text"), Timestamps.parse(text(image, "at")));
    }

    private static PossibleOutage alert(Map<String, AttributeValue> image) {
        return new PossibleOutage(text(image, "alertId"), text(image, "alertService"), text(image, "serviceName"),
                Integer.parseInt(image.get("reports").getN()), Integer.parseInt(image.get("windowMinutes").getN()),
                Timestamps.parse(text(image, "at")));
    }
}
