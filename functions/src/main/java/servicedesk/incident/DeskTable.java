package servicedesk.incident;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import servicedesk.notify.Channel;
import servicedesk.notify.DeliveryState;
import servicedesk.notify.OutboundMessage;
import servicedesk.notify.StoredMessage;
import servicedesk.wiring.Timestamps;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The layout of the desk's single DynamoDB table (IncidentsTable in template.yaml): every item has
 * {@code pk}, {@code sk} and a {@code type}; incidents also carry the attributes its indexes key on.
 *
 * <pre>
 * INCIDENT  pk=INC#INC0000042  sk=INCIDENT                 indexed by state, service, reporterId (sort: at)
 * TIMELINE  pk=INC#INC0000042  sk=TL#2025-11-22T10:00:00.000Z#id
 * CLAIM     pk=CLAIM#tweet:199…  sk=CLAIM                  optional incidentNumber, expiresAt (TTL)
 * OUTBOX    pk=MSG#opened:199…   sk=MSG                    the stream relays new ones to the sender
 * COUNTER   pk=COUNTER           sk=INCIDENT               seq
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
    public static final String BY_STATE = "ByState";
    public static final String BY_SERVICE = "ByService";
    public static final String BY_REPORTER = "ByReporter";
    public static final String BY_TYPE = "ByType";

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
                instant(item, "resolutionDue"));
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

    public static Map<String, AttributeValue> outboxItem(OutboundMessage message, Instant now, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(outboxKey(message.key()));
        item.put(TYPE, fromS(TYPE_OUTBOX));
        item.put("at", fromS(Timestamps.format(now)));
        item.put("messageKey", fromS(message.key()));
        item.put("deliveryState", fromS(DeliveryState.PENDING.name()));
        item.put("expiresAt", fromN(Long.toString(expiresAt.getEpochSecond())));
        item.putAll(messageAttributes(message));
        return item;
    }

    /** The attributes that say what to send, so a release can rewrite them (a DM becoming its fallback). */
    public static Map<String, AttributeValue> messageAttributes(OutboundMessage message) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("channel", fromS(message.channel().name()));
        putIfPresent(item, "recipientId", message.recipientId());
        putIfPresent(item, "inReplyToTweetId", message.inReplyToTweetId());
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
                s(item, "text"),
                s(item, "fallbackText"),
                s(item, "incidentNumber"));
        return new StoredMessage(message, DeliveryState.valueOf(s(item, "deliveryState")), instant(item, "notBefore"));
    }

    public static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String text = s(item, name);
        return text == null ? null : Timestamps.parse(text);
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, fromS(value));
        }
    }

    /** Names of the attributes {@link #messageAttributes} may write, so a rewrite can remove the unused ones. */
    public static final java.util.List<String> MESSAGE_ATTRIBUTES = Arrays.asList(
            "channel", "recipientId", "inReplyToTweetId", "text", "fallbackText", "incidentNumber");
}
