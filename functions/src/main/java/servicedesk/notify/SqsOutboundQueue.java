package servicedesk.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import servicedesk.wiring.Json;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** {@link OutboundQueue} on SQS. Bodies are {@code {"key": "..."}}: the message itself stays in the table. */
public final class SqsOutboundQueue implements OutboundQueue {
    /** SQS's longest per-message delay. */
    private static final long MAX_DELAY_SECONDS = 900;
    private static final int BATCH = 10;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsOutboundQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    public static String body(String messageKey) {
        return Json.MAPPER.createObjectNode().put("key", messageKey).toString();
    }

    public static String keyOf(String body) {
        try {
            return Json.MAPPER.readTree(body).path("key").asText();
        } catch (Exception e) {
            throw new IllegalArgumentException("Not an outbound queue message");
        }
    }

    @Override
    public void enqueue(List<String> messageKeys) {
        for (int from = 0; from < messageKeys.size(); from += BATCH) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            List<String> slice = messageKeys.subList(from, Math.min(from + BATCH, messageKeys.size()));
            for (int i = 0; i < slice.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .messageBody(body(slice.get(i))).build());
            }
            SendMessageBatchResponse sent = sqs.sendMessageBatch(batch -> batch.queueUrl(queueUrl).entries(entries));
            if (sent.hasFailed() && !sent.failed().isEmpty()) {
                throw new IllegalStateException(sent.failed().size() + " outbound keys were not queued");
            }
        }
    }

    @Override
    public void enqueueLater(String messageKey, Duration delay) {
        int seconds = (int) Math.max(0, Math.min(MAX_DELAY_SECONDS, delay.toSeconds() + 1));
        sqs.sendMessage(send -> send.queueUrl(queueUrl).messageBody(body(messageKey)).delaySeconds(seconds));
    }
}
