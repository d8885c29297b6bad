package servicedesk.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import servicedesk.notify.OutboundQueue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** {@link OutboundQueue} on SQS, each message body an {@link OutboundKeys} (no keys: a plain wake-up). */
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

    @Override
    public void enqueue(List<String> messageKeys) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int from = 0; from < messageKeys.size(); from += OutboundKeys.MAX) {
            entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(entries.size()))
                    .messageBody(new OutboundKeys(messageKeys.subList(from, Math.min(from + OutboundKeys.MAX, messageKeys.size()))).json())
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
    public void wakeLater(Duration delay) {
        int seconds = (int) Math.max(0, Math.min(MAX_DELAY_SECONDS, delay.toSeconds() + 1));
        sqs.sendMessage(send -> send.queueUrl(queueUrl).messageBody(new OutboundKeys(List.of()).json()).delaySeconds(seconds));
    }
}
