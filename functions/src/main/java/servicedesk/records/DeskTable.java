package servicedesk.records;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import servicedesk.broadcast.Announcement;
import servicedesk.broadcast.AnnouncementKind;
import servicedesk.broadcast.Outage;
import servicedesk.broadcast.OutageStatus;
import servicedesk.broadcast.OutageUpdate;
import servicedesk.broadcast.PossibleOutage;
import servicedesk.incident.Escalation;
import servicedesk.incident.Incident;
import servicedesk.incident.IncidentState;
import servicedesk.incident.Level;
import servicedesk.incident.Priority;
import servicedesk.incident.Reporter;
import servicedesk.incident.Resolution;
import servicedesk.incident.TimelineEntry;
import servicedesk.notify.Channel;
import servicedesk.notify.DeliveryState;
import servicedesk.notify.OutboundMessage;
import servicedesk.notify.StoredMessage;
import servicedesk.wiring.Timestamps;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The layout of the desk's single DynamoDB table (IncidentsTable in template.yaml): every item has
 * {@code pk}, {@code sk} and a {@code type}; {@code at} orders items of a type in the ByType index.
 *
 * <pre>
 * INCIDENT      pk=INC#INC0000042     sk=INCIDENT           also indexed by state, service, reporterId
 * TIMELINE      pk=INC#INC0000042     sk=TL#&lt;when&gt;#&lt;id&gt;
 * CLAIM         pk=CLAIM#tweet:199…   sk=CLAIM              optional incidentNumber, expiresAt (TTL)
 * OUTBOX        pk=MSG#opened:199…    sk=MSG                the stream relays new ones to the sender
 * OUTAGE        pk=OUTAGE#OUT0000007  sk=OUTAGE             (outageService, not service: kept out of ByService)
 * OUTAGE_UPDATE pk=OUTAGE#OUT0000007  sk=UPD#&lt;when&gt;#&lt;announcement&gt;
 * ACTIVE        pk=ACTIVE#blackboard  sk=OUTAGE             the service's active outage, one at a time
 * ANNOUNCEMENT  pk=ANN#&lt;id&gt;           sk=ANNOUNCEMENT       the status feed; the stream relays new ones to SNS
 * ALERT         pk=ALERT#&lt;id&gt;         sk=ALERT              the stream relays new ones to IT's alert topic
 * ESCALATION    pk=ESC#&lt;id&gt;           sk=ESCALATION         the stream relays new ones to the on-call topic
 * BLOCKED       pk=BLOCKED#&lt;user&gt;    sk=BLOCKED            the user blocks the IT account: nothing is sent to them
 * UNSOLICITED   pk=UNSOLICITED#&lt;user&gt;#&lt;day&gt; sk=COUNT  messages the user did not ask for, that day
 * COUNTER       pk=COUNTER            sk=&lt;name&gt;             seq
 * RATE          pk=RATE#&lt;bucket&gt;      sk=RATE               X's rate-limit window, shared by all senders
 * </pre>
 */
public final class DeskTable {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String TYPE = "type";
    public static final String TYPE_INCIDENT = "INCIDENT";
    public static final String TYPE_TIMELINE = "TIMELINE";
    public static final String TYPE_CLAIM = "CLAIM";
    public static final String TYPE_OUTBOX = "OUTBOX";
    public static final String TYPE_OUTAGE = "OUTAGE";
    public static final String TYPE_OUTAGE_UPDATE = "OUTAGE_UPDATE";
    public static final String TYPE_ANNOUNCEMENT = "ANNOUNCEMENT";
    public static final String TYPE_ALERT = "ALERT";
    public static final String TYPE_ESCALATION = "ESCALATION";
    public static final String BY_STATE = "ByState";
    public static final String BY_SERVICE = "ByService";
    public static final String BY_REPORTER = "ByReporter";
    public static final String BY_TYPE = "ByType";

    /** Names of the attributes {@link #messageAttributes} may write, so a rewrite can remove the unused ones. */
    public static final List<String> MESSAGE_ATTRIBUTES = List.of(
            "channel", "recipientId", "inReplyToTweetId", "inReplyToMessageKey", "text", "fallbackText", "incidentNumber");

    private DeskTable() {
    }

    public static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, fromS(pk), SK, fromS(sk));
    }

    public static Map<String, AttributeValue> incidentKey(String number) {
        return key("INC#" + number, TYPE_INCIDENT);
    }

    public static Map<String, AttributeValue> claimKey(String claimKey) {
        return key("CLAIM#" + claimKey, TYPE_CLAIM);
    }

    public static Map<String, AttributeValue> outboxKey(String messageKey) {
        return key("MSG#" + messageKey, "MSG");
    }

    public static Map<String, AttributeValue> outageKey(String id) {
        return key("OUTAGE#" + id, TYPE_OUTAGE);
    }

    public static Map<String, AttributeValue> activeOutageKey(String service) {
        return key("ACTIVE#" + service, TYPE_OUTAGE);
    }

    // ---- incidents --------------------------------------------------------------------------------

    public static Map<String, AttributeValue> incidentItem(Incident incident) {
        Map<String, AttributeValue> item = new HashMap<>(incidentKey(incident.number()));
        item.put(TYPE, fromS(TYPE_INCIDENT));
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
        if (incident.resolution() != null) {
            item.putAll(resolutionAttributes(incident.resolution()));
        }
        return item;
    }

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
                s(item, "assignee"));
    }

    public static Map<String, AttributeValue> timelineItem(String incidentNumber, TimelineEntry entry) {
        Map<String, AttributeValue> item = new HashMap<>(key(
                "INC#" + incidentNumber, "TL#" + Timestamps.format(entry.at()) + "#" + entry.id()));
        item.put(TYPE, fromS(TYPE_TIMELINE));
        item.put("entryId", fromS(entry.id()));
        item.put("kind", fromS(entry.kind().name()));
        item.put("when", fromS(Timestamps.format(entry.at())));
        putIfPresent(item, "actorId", entry.actorId());
        putIfPresent(item, "text", entry.text());
        return item;
    }

    public static TimelineEntry timelineEntry(Map<String, AttributeValue> item) {
        return new TimelineEntry(s(item, "entryId"), instant(item, "when"),
                TimelineEntry.Kind.valueOf(s(item, "kind")), s(item, "actorId"), s(item, "text"));
    }

    public static Map<String, AttributeValue> claimItem(Claim claim, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(claimKey(claim.key()));
        item.put(TYPE, fromS(TYPE_CLAIM));
        item.put("claimedAt", fromS(Timestamps.format(now)));
        putIfPresent(item, "incidentNumber", claim.incidentNumber());
        if (claim.expiresAt() != null) {
            item.put("expiresAt", fromN(Long.toString(claim.expiresAt().getEpochSecond())));
        }
        return item;
    }

    // ---- outbox -----------------------------------------------------------------------------------

    public static Map<String, AttributeValue> outboxItem(OutboundMessage message, Instant now, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(outboxKey(message.key()));
        item.put(TYPE, fromS(TYPE_OUTBOX));
        item.put("at", fromS(Timestamps.format(now)));
        item.put("messageKey", fromS(message.key()));
        item.put("deliveryState", fromS(DeliveryState.PENDING.name()));
        item.put("expiresAt", fromN(Long.toString(expiresAt.getEpochSecond())));
        item.put("unsolicited", AttributeValue.fromBool(message.unsolicited()));
        item.putAll(messageAttributes(message));
        return item;
    }

    /** The attributes that say what to send, so a release can rewrite them (a DM becoming its fallback). */
    public static Map<String, AttributeValue> messageAttributes(OutboundMessage message) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("channel", fromS(message.channel().name()));
        putIfPresent(item, "recipientId", message.recipientId());
        putIfPresent(item, "inReplyToTweetId", message.inReplyToTweetId());
        putIfPresent(item, "inReplyToMessageKey", message.inReplyToMessageKey());
        item.put("text", fromS(message.text()));
        putIfPresent(item, "fallbackText", message.fallbackText());
        putIfPresent(item, "incidentNumber", message.incidentNumber());
        return item;
    }

    public static StoredMessage storedMessage(Map<String, AttributeValue> item) {
        OutboundMessage message = new OutboundMessage(
                s(item, "messageKey"),
                Channel.valueOf(s(item, "channel")),
                s(item, "recipientId"),
                s(item, "inReplyToTweetId"),
                s(item, "inReplyToMessageKey"),
                s(item, "text"),
                s(item, "fallbackText"),
                s(item, "incidentNumber"),
                item.containsKey("unsolicited") && Boolean.TRUE.equals(item.get("unsolicited").bool()));
        return new StoredMessage(message, DeliveryState.valueOf(s(item, "deliveryState")), instant(item, "notBefore"),
                s(item, "xId"));
    }

    // ---- outages and announcements --------------------------------------------------------------------

    public static Map<String, AttributeValue> outageItem(Outage outage) {
        Map<String, AttributeValue> item = new HashMap<>(outageKey(outage.id()));
        item.put(TYPE, fromS(TYPE_OUTAGE));
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

    public static Map<String, AttributeValue> outageUpdateItem(String outageId, OutageUpdate update) {
        Map<String, AttributeValue> item = new HashMap<>(key("OUTAGE#" + outageId,
                "UPD#" + Timestamps.format(update.at()) + "#" + update.announcementId()));
        item.put(TYPE, fromS(TYPE_OUTAGE_UPDATE));
        item.put("announcementId", fromS(update.announcementId()));
        item.put("when", fromS(Timestamps.format(update.at())));
        item.put("kind", fromS(update.kind().name()));
        item.put("status", fromS(update.status().name()));
        item.put("text", fromS(update.text()));
        return item;
    }

    public static OutageUpdate outageUpdate(Map<String, AttributeValue> item) {
        return new OutageUpdate(s(item, "announcementId"), instant(item, "when"),
                AnnouncementKind.valueOf(s(item, "kind")), OutageStatus.valueOf(s(item, "status")), s(item, "text"));
    }

    public static Map<String, AttributeValue> announcementItem(Announcement announcement) {
        Map<String, AttributeValue> item = new HashMap<>(key("ANN#" + announcement.id(), TYPE_ANNOUNCEMENT));
        item.put(TYPE, fromS(TYPE_ANNOUNCEMENT));
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

    /** An announcement from its string attributes (a stored item, a stream image, a queue message). */
    public static Announcement announcementOf(Map<String, String> text) {
        return new Announcement(text.get("announcementId"), AnnouncementKind.valueOf(text.get("kind")),
                text.get("announcementService"), text.get("serviceName"), text.get("text"), text.get("outageId"),
                text.get("status") == null ? null : OutageStatus.valueOf(text.get("status")), text.get("eta"),
                parse(text.get("windowStart")), parse(text.get("windowEnd")), text.get("link"), text.get("authorId"),
                text.get("sourceTweetId"), parse(text.get("at")));
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

    public static Map<String, AttributeValue> alertItem(PossibleOutage alert) {
        Map<String, AttributeValue> item = new HashMap<>(key("ALERT#" + alert.id(), TYPE_ALERT));
        item.put(TYPE, fromS(TYPE_ALERT));
        item.put("at", fromS(Timestamps.format(alert.at())));
        item.put("alertId", fromS(alert.id()));
        item.put("alertService", fromS(alert.service()));
        item.put("serviceName", fromS(alert.serviceName()));
        item.put("reports", fromN(Integer.toString(alert.reports())));
        item.put("windowMinutes", fromN(Integer.toString(alert.windowMinutes())));
        return item;
    }

    public static Map<String, AttributeValue> escalationItem(Escalation escalation) {
        Map<String, AttributeValue> item = new HashMap<>(key("ESC#" + escalation.id(), TYPE_ESCALATION));
        item.put(TYPE, fromS(TYPE_ESCALATION));
        item.put("at", fromS(Timestamps.format(escalation.at())));
        item.put("escalationId", fromS(escalation.id()));
        item.put("kind", fromS(escalation.kind().name()));
        item.put("incidentNumber", fromS(escalation.incidentNumber()));
        item.put("priority", fromS(escalation.priority()));
        item.put("escalationService", fromS(escalation.service()));
        item.put("text", fromS(escalation.text()));
        return item;
    }

    public static Map<String, AttributeValue> blockedKey(String userId) {
        return key("BLOCKED#" + userId, "BLOCKED");
    }

    public static Map<String, AttributeValue> blockedItem(String userId, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(blockedKey(userId));
        item.put(TYPE, fromS("BLOCKED"));
        item.put("blockedAt", fromS(Timestamps.format(at)));
        return item;
    }

    // ---- helpers ------------------------------------------------------------------------------------

    public static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    public static Instant instant(Map<String, AttributeValue> item, String name) {
        return parse(s(item, name));
    }

    private static Instant parse(String text) {
        return text == null ? null : Timestamps.parse(text);
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, fromS(value));
        }
    }

    private static void putInstant(Map<String, AttributeValue> item, String name, Instant value) {
        if (value != null) {
            item.put(name, fromS(Timestamps.format(value)));
        }
    }
}
