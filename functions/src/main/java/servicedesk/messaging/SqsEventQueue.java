package servicedesk.messaging;

import servicedesk.intake.EventQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@link EventQueue} on SQS: the processor function consumes the queue with retries and a dead-letter queue. */
public final class SqsEventQueue implements EventQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsEventQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** SQS's limit for a message (body and attributes; the desk sends no attributes). */
    public static final int MAX_MESSAGE_BYTES = 262_144;

    @Override
    public int maxBodyBytes() {
        return MAX_MESSAGE_BYTES;
    }

    @Override
    public void prime() {
        sqs.getQueueAttributes(get -> get.queueUrl(queueUrl).attributeNamesWithStrings("ApproximateNumberOfMessages"));
    }

    @Override
    public void accept(String verifiedBody) {
        sqs.sendMessage(send -> send.queueUrl(queueUrl).messageBody(verifiedBody));
    }
}
