package servicedesk.dynamo;

import static servicedesk.dynamo.DeskTable.instant;
import static servicedesk.dynamo.DeskTable.putIfPresent;
import static servicedesk.dynamo.DeskTable.putInstant;
import static servicedesk.dynamo.DeskTable.s;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import servicedesk.format.Timestamps;
import servicedesk.notify.Channel;
import servicedesk.notify.DeliveryState;
import servicedesk.notify.Lane;
import servicedesk.notify.MessageClass;
import servicedesk.notify.OutboundMessage;
import servicedesk.notify.StoredMessage;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An outbox message ({@code pk=MSG#<key>, sk=MSG}) with its delivery state, both ways; and its place in the
 * plan: while PENDING, an entry {@code pk=PLAN#<lane>, sk=<class>#<when the matter began>#<key>}, so one
 * strongly consistent query of a lane reads its best messages first; while an attempt is under way or its
 * outcome is unknown, an entry {@code pk=PLAN#LOOKUP, sk=<when to look>#<key>}. The message names its entry
 * ({@code planEntry}); an entry carries the message's attributes, so the plan reads no message twice.
 */
public final class OutboxItems {
    /** Names of the attributes {@link #messageAttributes} may write, so a rewrite can remove the unused ones. */
    public static final List<String> MESSAGE_ATTRIBUTES = List.of(
            "channel", "recipientId", "inReplyToTweetId", "inReplyToMessageKey", "text", "fallbackText", "incidentNumber",
            "messageClass", "orderAt");
    static final String LOOKUP = "PLAN#LOOKUP";
    static final String TYPE_PLAN = "PLAN";

    private OutboxItems() {
    }

    public static Map<String, AttributeValue> key(String messageKey) {
        return DeskTable.key("MSG#" + messageKey, "MSG");
    }

    public static Map<String, AttributeValue> item(OutboundMessage message, Instant now, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(key(message.key()));
        item.put(DeskTable.TYPE, fromS(DeskTable.TYPE_OUTBOX));
        item.put("queuedAt", fromS(Timestamps.format(now)));
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
        item.put("messageClass", fromS(message.messageClass().name()));
        putInstant(item, "orderAt", message.orderAt());
        return item;
    }

    public static StoredMessage storedMessage(Map<String, AttributeValue> item) {
        String messageClass = s(item, "messageClass");
        OutboundMessage message = new OutboundMessage(
                s(item, "messageKey"),
                Channel.valueOf(s(item, "channel")),
                s(item, "recipientId"),
                s(item, "inReplyToTweetId"),
                s(item, "inReplyToMessageKey"),
                s(item, "text"),
                s(item, "fallbackText"),
                s(item, "incidentNumber"),
                item.containsKey("unsolicited") && Boolean.TRUE.equals(item.get("unsolicited").bool()),
                messageClass == null ? null : MessageClass.valueOf(messageClass),
                instant(item, "orderAt"));
        Instant queuedAt = item.containsKey("at") ? instant(item, "at") : instant(item, "queuedAt");
        return new StoredMessage(message, DeliveryState.valueOf(s(item, "deliveryState")), queuedAt,
                instant(item, "notBefore"), instant(item, "claimedAt"),
                item.containsKey("attempts") ? Integer.parseInt(item.get("attempts").n()) : 0, s(item, "xId"));
    }

    /** What the message item holds of a stored message, as its plan entry copies it. */
    static Map<String, AttributeValue> attributes(StoredMessage stored) {
        Map<String, AttributeValue> item = new HashMap<>(messageAttributes(stored.message()));
        item.put("messageKey", fromS(stored.key()));
        item.put("deliveryState", fromS(stored.state().name()));
        item.put("unsolicited", AttributeValue.fromBool(stored.message().unsolicited()));
        putInstant(item, "at", stored.createdAt());
        putInstant(item, "notBefore", stored.notBefore());
        putInstant(item, "claimedAt", stored.claimedAt());
        item.put("attempts", fromN(Integer.toString(stored.attempts())));
        return item;
    }

    /** The entry of a pending message in its lane's plan, as {@code pk|sk}. */
    static String laneEntry(StoredMessage stored) {
        OutboundMessage message = stored.message();
        return "PLAN#" + message.lane().name() + "|" + message.messageClass().ordinal() + "#" + millis(stored.orderAt())
                + "#" + message.key();
    }

    /** The entry of a message to look into at {@code at}. */
    static String lookupEntry(String messageKey, Instant at) {
        return LOOKUP + "|" + millis(at) + "#" + messageKey;
    }

    static String lanePartition(Lane lane) {
        return "PLAN#" + lane.name();
    }

    /** The sort key bound of look-ups due by {@code now}. */
    static String dueBy(Instant now) {
        return millis(now) + "#~";
    }

    /** When a look-up entry's sort key says it falls due. */
    static Instant dueAt(String sortKey) {
        return Instant.ofEpochMilli(Long.parseLong(sortKey.substring(0, sortKey.indexOf('#'))));
    }

    /** The class of a lane entry by its sort key. */
    static MessageClass classOf(String sortKey) {
        return MessageClass.values()[Integer.parseInt(sortKey.substring(0, sortKey.indexOf('#')))];
    }

    static Map<String, AttributeValue> entryKey(String entry) {
        String[] parts = entry.split("\\|", 2);
        return DeskTable.key(parts[0], parts[1]);
    }

    /** The entry item: its key and a copy of what the plan needs of the message. */
    static Map<String, AttributeValue> entryItem(String entry, Map<String, AttributeValue> message) {
        Map<String, AttributeValue> item = new HashMap<>(message);
        item.remove("expiresAt");
        // Out of the ByType index, which orders items by "at".
        AttributeValue queuedAt = item.remove("at");
        if (queuedAt != null) {
            item.put("queuedAt", queuedAt);
        }
        item.putAll(entryKey(entry));
        item.put(DeskTable.TYPE, fromS(TYPE_PLAN));
        return item;
    }

    /** Milliseconds, zero-padded: sort keys compare as text. */
    private static String millis(Instant at) {
        return String.format("%015d", at.toEpochMilli());
    }
}
