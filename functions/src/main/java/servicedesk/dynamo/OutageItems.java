package servicedesk.dynamo;

import static servicedesk.dynamo.DeskTable.instant;
import static servicedesk.dynamo.DeskTable.parse;
import static servicedesk.dynamo.DeskTable.putIfPresent;
import static servicedesk.dynamo.DeskTable.putInstant;
import static servicedesk.dynamo.DeskTable.s;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import java.util.HashMap;
import java.util.Map;
import servicedesk.format.Timestamps;
import servicedesk.outage.Announcement;
import servicedesk.outage.AnnouncementKind;
import servicedesk.outage.Outage;
import servicedesk.outage.OutageStatus;
import servicedesk.outage.OutageUpdate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Outages, their updates, the service's active-outage marker and the announcements, as table items. An
 * announcement's attributes are all strings, so a stream image reads the same way ({@link #announcement(Map)}).
 */
public final class OutageItems {
    static final String UPDATE_PREFIX = "UPD#";

    private OutageItems() {
    }

    public static Map<String, AttributeValue> key(String id) {
        return DeskTable.key("OUTAGE#" + id, DeskTable.TYPE_OUTAGE);
    }

    public static Map<String, AttributeValue> activeKey(String service) {
        return DeskTable.key("ACTIVE#" + service, DeskTable.TYPE_OUTAGE);
    }

    public static Map<String, AttributeValue> item(Outage outage) {
        Map<String, AttributeValue> item = new HashMap<>(key(outage.id()));
        item.put(DeskTable.TYPE, fromS(DeskTable.TYPE_OUTAGE));
        item.put("at", fromS(Timestamps.format(outage.startedAt())));
        item.put("outageId", fromS(outage.id()));
        item.put("kind", fromS(outage.kind().name()));
        item.put("outageService", fromS(outage.service()));
        item.put("serviceName", fromS(outage.serviceName()));
        item.put("status", fromS(outage.status().name()));
        item.put("title", fromS(outage.title()));
        putIfPresent(item, "eta", outage.eta());
        putInstant(item, "windowStart", outage.windowStart());
        putInstant(item, "windowEnd", outage.windowEnd());
        putInstant(item, "startedAt", outage.startedAt());
        putInstant(item, "updatedAt", outage.updatedAt());
        putInstant(item, "resolvedAt", outage.resolvedAt());
        item.put("rootAnnouncementId", fromS(outage.rootAnnouncementId()));
        item.put("version", fromN(Integer.toString(outage.version())));
        return item;
    }

    public static Outage outage(Map<String, AttributeValue> item) {
        return new Outage(s(item, "outageId"), Outage.Kind.valueOf(s(item, "kind")), s(item, "outageService"),
                s(item, "serviceName"), OutageStatus.valueOf(s(item, "status")), s(item, "title"), s(item, "eta"),
                instant(item, "windowStart"), instant(item, "windowEnd"), instant(item, "startedAt"),
                instant(item, "updatedAt"), instant(item, "resolvedAt"), s(item, "rootAnnouncementId"),
                Integer.parseInt(item.get("version").n()));
    }

    public static Map<String, AttributeValue> activeItem(String service, String outageId) {
        Map<String, AttributeValue> item = new HashMap<>(activeKey(service));
        item.put(DeskTable.TYPE, fromS("ACTIVE"));
        item.put("outageId", fromS(outageId));
        return item;
    }

    public static Map<String, AttributeValue> updateItem(String outageId, OutageUpdate update) {
        Map<String, AttributeValue> item = new HashMap<>(DeskTable.key("OUTAGE#" + outageId,
                UPDATE_PREFIX + Timestamps.format(update.at()) + "#" + update.announcementId()));
        item.put(DeskTable.TYPE, fromS(DeskTable.TYPE_OUTAGE_UPDATE));
        item.put("announcementId", fromS(update.announcementId()));
        item.put("when", fromS(Timestamps.format(update.at())));
        item.put("kind", fromS(update.kind().name()));
        item.put("status", fromS(update.status().name()));
        item.put("text", fromS(update.text()));
        return item;
    }

    public static OutageUpdate update(Map<String, AttributeValue> item) {
        return new OutageUpdate(s(item, "announcementId"), instant(item, "when"),
                AnnouncementKind.valueOf(s(item, "kind")), OutageStatus.valueOf(s(item, "status")), s(item, "text"));
    }

    public static Map<String, AttributeValue> announcementItem(Announcement announcement) {
        Map<String, AttributeValue> item = new HashMap<>(DeskTable.key("ANN#" + announcement.id(), DeskTable.TYPE_ANNOUNCEMENT));
        item.put(DeskTable.TYPE, fromS(DeskTable.TYPE_ANNOUNCEMENT));
        item.put("at", fromS(Timestamps.format(announcement.at())));
        item.put("announcementId", fromS(announcement.id()));
        item.put("kind", fromS(announcement.kind().name()));
        item.put("announcementService", fromS(announcement.service()));
        item.put("serviceName", fromS(announcement.serviceName()));
        item.put("text", fromS(announcement.text()));
        putIfPresent(item, "outageId", announcement.outageId());
        if (announcement.status() != null) {
            item.put("status", fromS(announcement.status().name()));
        }
        putIfPresent(item, "eta", announcement.eta());
        putInstant(item, "windowStart", announcement.windowStart());
        putInstant(item, "windowEnd", announcement.windowEnd());
        putIfPresent(item, "link", announcement.link());
        putIfPresent(item, "authorId", announcement.authorId());
        putIfPresent(item, "sourceTweetId", announcement.sourceTweetId());
        return item;
    }

    public static Announcement announcement(Map<String, AttributeValue> item) {
        Map<String, String> text = new HashMap<>();
        item.forEach((name, value) -> {
            if (value.s() != null) {
                text.put(name, value.s());
            }
        });
        return announcementOf(text);
    }

    /** An announcement from its item's string attributes (a stored item, or a stream image of one). */
    static Announcement announcementOf(Map<String, String> text) {
        return new Announcement(text.get("announcementId"), AnnouncementKind.valueOf(text.get("kind")),
                text.get("announcementService"), text.get("serviceName"), text.get("text"), text.get("outageId"),
                text.get("status") == null ? null : OutageStatus.valueOf(text.get("status")), text.get("eta"),
                parse(text.get("windowStart")), parse(text.get("windowEnd")), text.get("link"), text.get("authorId"),
                text.get("sourceTweetId"), parse(text.get("at")));
    }
}
