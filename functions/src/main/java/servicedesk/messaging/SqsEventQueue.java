package servicedesk.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import servicedesk.intake.EventQueue;
import servicedesk.intake.Receipt;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/**
 * {@link EventQueue} on SQS: the processor function consumes the queue with retries and a dead-letter queue.
 * A webhook body goes on as it came, with no attributes: its receipt is SQS's own {@code SentTimestamp}.
 * The desk's own bodies carry their {@link Receipt} as message attributes, which only the desk's functions
 * (allowed to send to the queue) can set.
 */
public final class SqsEventQueue implements EventQueue {
    public static final String RECEIVED_AT = "DeskReceivedAt";
    public static final String WAITS = "DeskWaits";
    public static final String ORIGIN = "DeskOrigin";
    public static final String RECOVERED = "reconciliation";

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsEventQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** SQS's limit for a message, body and attributes. */
    public static final int MAX_MESSAGE_BYTES = 262_144;
    /**
     * The largest body: room is kept for the receipt's attributes when a body is put back (their names, types
     * and values take about 100 bytes).
     */
    public static final int MAX_BODY_BYTES = MAX_MESSAGE_BYTES - 1_024;

    @Override
    public int maxBodyBytes() {
        return MAX_BODY_BYTES;
    }

    /** A read-only call, and the send's request and answer built (not sent): what the first send would load. */
    @Override
    public void prime() {
        sqs.getQueueAttributes(get -> get.queueUrl(queueUrl).attributeNamesWithStrings("ApproximateNumberOfMessages"));
        SendMessageRequest.builder().queueUrl(queueUrl).messageBody("{}").build();
        SendMessageResponse.builder().build();
    }

    @Override
    public void accept(String verifiedBody) {
        sqs.sendMessage(send -> send.queueUrl(queueUrl).messageBody(verifiedBody));
    }

    @Override
    public void accept(String body, Receipt receipt, Duration delay) {
        Map<String, MessageAttributeValue> attributes = new java.util.HashMap<>(Map.of(
                RECEIVED_AT, number(receipt.receivedAt().toEpochMilli()),
                WAITS, number(receipt.waits())));
        if (receipt.recovered()) {
            attributes.put(ORIGIN, MessageAttributeValue.builder().dataType("String").stringValue(RECOVERED).build());
        }
        int seconds = (int) Math.min(900, Math.max(0, delay.toSeconds()));
        sqs.sendMessage(send -> send.queueUrl(queueUrl).messageBody(body).delaySeconds(seconds)
                .messageAttributes(attributes));
    }

    /** How the message reached the desk: its attributes when the desk sent it, else SQS's stamp (a webhook body). */
    public static Receipt receipt(Map<String, String> attributes, Instant sentAt) {
        String receivedAt = attributes.get(RECEIVED_AT);
        if (receivedAt == null) {
            return Receipt.webhook(sentAt);
        }
        try {
            return new Receipt(Instant.ofEpochMilli(Long.parseLong(receivedAt)),
                    Integer.parseInt(attributes.getOrDefault(WAITS, "0")), RECOVERED.equals(attributes.get(ORIGIN)));
        } catch (NumberFormatException unreadable) {
            return Receipt.webhook(sentAt);
        }
    }

    private static MessageAttributeValue number(long value) {
        return MessageAttributeValue.builder().dataType("Number").stringValue(Long.toString(value)).build();
    }
}
