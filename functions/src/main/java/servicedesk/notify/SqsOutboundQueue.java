package servicedesk.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import servicedesk.wiring.Json;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * {@link OutboundQueue} on SQS. A body carries up to ten outbox keys ({@code {"keys": [...]}}): the messages
 * themselves stay in the table, and packing keys makes a broadcast of thousands a few hundred SQS messages.
 */
public final class SqsOutboundQueue implements OutboundQueue {
    /** SQS's longest per-message delay. */
    private static final long MAX_DELAY_SECONDS = 900;
    private static final int BATCH = 10;
    static final int KEYS_PER_MESSAGE = 10;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsOutboundQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    public static String body(List<String> messageKeys) {
        var json = Json.MAPPER.createObjectNode();
        messageKeys.forEach(json.putArray("keys")::add);
        return json.toString();
    }

    public static List<String> keysOf(String body) {
        try {
            List<String> keys = new ArrayList<>();
            Json.MAPPER.readTree(body).path("keys").forEach(key -> keys.add(key.asText()));
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("no keys");
            }
            return keys;
        } catch (Exception e) {
            throw new IllegalArgumentException("Not an outbound queue message");
        }
    }

    @Override
    public void enqueue(List<String> messageKeys) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int from = 0; from < messageKeys.size(); from += KEYS_PER_MESSAGE) {
            entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(entries.size()))
                    .messageBody(body(messageKeys.subList(from, Math.min(from + KEYS_PER_MESSAGE, messageKeys.size()))))
                    .build());
            if (entries.size() == BATCH) {
                send(entries);
                entries = new ArrayList<>();
            }
        }
        if (!entries.isEmpty()) {
            send(entries);
        }
    }

    private void send(List<SendMessageBatchRequestEntry> entries) {
        SendMessageBatchResponse sent = sqs.sendMessageBatch(batch -> batch.queueUrl(queueUrl).entries(entries));
        if (sent.hasFailed() && !sent.failed().isEmpty()) {
            throw new IllegalStateException(sent.failed().size() + " outbound queue messages were not sent");
        }
    }

    @Override
    public void enqueueLater(String messageKey, Duration delay) {
        int seconds = (int) Math.max(0, Math.min(MAX_DELAY_SECONDS, delay.toSeconds() + 1));
        sqs.sendMessage(send -> send.queueUrl(queueUrl).messageBody(body(List.of(messageKey))).delaySeconds(seconds));
    }
}
