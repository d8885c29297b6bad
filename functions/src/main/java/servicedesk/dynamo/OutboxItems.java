package servicedesk.dynamo;

import static servicedesk.dynamo.DeskTable.instant;
import static servicedesk.dynamo.DeskTable.putIfPresent;
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
import servicedesk.notify.OutboundMessage;
import servicedesk.notify.StoredMessage;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** An outbox message ({@code pk=MSG#<key>, sk=MSG}) with its delivery state, both ways. */
public final class OutboxItems {
    /** Names of the attributes {@link #messageAttributes} may write, so a rewrite can remove the unused ones. */
    public static final List<String> MESSAGE_ATTRIBUTES = List.of(
            "channel", "recipientId", "inReplyToTweetId", "inReplyToMessageKey", "text", "fallbackText", "incidentNumber");

    private OutboxItems() {
    }

    public static Map<String, AttributeValue> key(String messageKey) {
        return DeskTable.key("MSG#" + messageKey, "MSG");
    }

    public static Map<String, AttributeValue> item(OutboundMessage message, Instant now, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(key(message.key()));
        item.put(DeskTable.TYPE, fromS(DeskTable.TYPE_OUTBOX));
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
}
