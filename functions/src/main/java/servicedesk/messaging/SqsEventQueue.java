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

    @Override
    public void prime() {
        sqs.getQueueAttributes(get -> get.queueUrl(queueUrl).attributeNamesWithStrings("ApproximateNumberOfMessages"));
    }

    @Override
    public void accept(String verifiedBody) {
        sqs.sendMessage(send -> send.queueUrl(queueUrl).messageBody(verifiedBody));
    }
}
