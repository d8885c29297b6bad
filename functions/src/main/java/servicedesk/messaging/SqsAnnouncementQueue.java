package servicedesk.messaging;

import software.amazon.awssdk.services.sqs.SqsClient;

/** A subscriber's own announcements queue on SQS, to queue a continuation of a large announcement for itself. */
public final class SqsAnnouncementQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsAnnouncementQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    public void send(AnnouncementMessage message) {
        String body = message.json();
        sqs.sendMessage(send -> send.queueUrl(queueUrl).messageBody(body));
    }
}
