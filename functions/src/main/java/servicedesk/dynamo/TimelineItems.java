package servicedesk.dynamo;

import static servicedesk.dynamo.DeskTable.instant;
import static servicedesk.dynamo.DeskTable.putIfPresent;
import static servicedesk.dynamo.DeskTable.s;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import java.util.HashMap;
import java.util.Map;
import servicedesk.format.Timestamps;
import servicedesk.incident.TimelineEntry;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A line of an incident's timeline ({@code pk=INC#<number>, sk=TL#<when>#<id>}), both ways. */
public final class TimelineItems {
    static final String PREFIX = "TL#";

    private TimelineItems() {
    }

    public static Map<String, AttributeValue> item(String incidentNumber, TimelineEntry entry) {
        Map<String, AttributeValue> item = new HashMap<>(DeskTable.key(
                "INC#" + incidentNumber, PREFIX + Timestamps.format(entry.at()) + "#" + entry.id()));
        item.put(DeskTable.TYPE, fromS(DeskTable.TYPE_TIMELINE));
        item.put("entryId", fromS(entry.id()));
        item.put("kind", fromS(entry.kind().name()));
        item.put("when", fromS(Timestamps.format(entry.at())));
        putIfPresent(item, "actorId", entry.actorId());
        putIfPresent(item, "text", entry.text());
        return item;
    }

    public static TimelineEntry entry(Map<String, AttributeValue> item) {
        return new TimelineEntry(s(item, "entryId"), instant(item, "when"),
                TimelineEntry.Kind.valueOf(s(item, "kind")), s(item, "actorId"), s(item, "text"));
    }
}
