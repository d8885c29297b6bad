package servicedesk.dynamo;

import static servicedesk.dynamo.DeskTable.instant;
import static servicedesk.dynamo.DeskTable.putIfPresent;
import static servicedesk.dynamo.DeskTable.s;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import servicedesk.format.Timestamps;
import servicedesk.incident.TimelineEntry;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A line of an incident's timeline ({@code pk=INC#<number>, sk=TL#<when>#<id>}), both ways; the lines written
 * with the incident's opening are a list on the incident's item instead ({@link #OPENING}), and come first.
 */
public final class TimelineItems {
    static final String PREFIX = "TL#";
    /** The incident item's attribute holding the lines written with its opening. */
    static final String OPENING = "opening";

    private TimelineItems() {
    }

    public static Map<String, AttributeValue> item(String incidentNumber, TimelineEntry entry) {
        Map<String, AttributeValue> item = new HashMap<>(DeskTable.key(
                "INC#" + incidentNumber, PREFIX + Timestamps.format(entry.at()) + "#" + entry.id()));
        item.put(DeskTable.TYPE, fromS(DeskTable.TYPE_TIMELINE));
        item.putAll(attributes(entry));
        return item;
    }

    private static Map<String, AttributeValue> attributes(TimelineEntry entry) {
        Map<String, AttributeValue> attributes = new HashMap<>();
        attributes.put("entryId", fromS(entry.id()));
        attributes.put("kind", fromS(entry.kind().name()));
        attributes.put("when", fromS(Timestamps.format(entry.at())));
        putIfPresent(attributes, "actorId", entry.actorId());
        putIfPresent(attributes, "text", entry.text());
        return attributes;
    }

    /** The incident's item with the lines written with its opening, if any. */
    static Map<String, AttributeValue> withOpening(Map<String, AttributeValue> incidentItem, List<TimelineEntry> lines) {
        if (!lines.isEmpty()) {
            incidentItem.put(OPENING, AttributeValue.fromL(lines.stream()
                    .map(line -> AttributeValue.fromM(attributes(line))).toList()));
        }
        return incidentItem;
    }

    /**
     * The timeline in an incident's partition, read in key order: the lines on the incident's item (its sort
     * key, {@code INCIDENT}, comes before {@code TL#}), then one line per item.
     */
    static List<TimelineEntry> timeline(List<Map<String, AttributeValue>> partition) {
        List<TimelineEntry> lines = new ArrayList<>();
        for (Map<String, AttributeValue> item : partition) {
            if (DeskTable.TYPE_INCIDENT.equals(DeskTable.s(item, DeskTable.SK))) {
                AttributeValue opening = item.get(OPENING);
                if (opening != null) {
                    opening.l().forEach(line -> lines.add(entry(line.m())));
                }
            } else if (DeskTable.s(item, DeskTable.SK).startsWith(PREFIX)) {
                lines.add(entry(item));
            }
        }
        return lines;
    }

    public static TimelineEntry entry(Map<String, AttributeValue> item) {
        return new TimelineEntry(s(item, "entryId"), instant(item, "when"),
                TimelineEntry.Kind.valueOf(s(item, "kind")), s(item, "actorId"), s(item, "text"));
    }
}
