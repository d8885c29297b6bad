package servicedesk.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import servicedesk.broadcast.AffectedReporters;
import servicedesk.format.Log;
import servicedesk.messaging.AnnouncementMessage;
import servicedesk.messaging.SqsAnnouncementQueue;
import servicedesk.outage.Announcement;

/**
 * Consumes the affected-reporters queue (outage and resolved announcements from the SNS topic). A large
 * outage is worked through page by page; when the invocation's time runs short, the rest is queued as a
 * continuation, so no broadcast is bound by one Lambda's timeout.
 */
public final class AffectedReportersHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /** Leave this much of the invocation for queueing the continuation. */
    private static final int RESERVE_MILLIS = 5_000;

    private final AffectedReporters reporters;
    private final SqsAnnouncementQueue queue;

    public AffectedReportersHandler() {
        this(Desk.ofProcess());
    }

    public AffectedReportersHandler(Desk desk) {
        this.reporters = new AffectedReporters(desk.incidents(), desk.records(), desk.clock());
        this.queue = desk.affectedReportersQueue();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process(event, "affected-reporters-failed", message -> handle(message, context));
    }

    private void handle(SQSEvent.SQSMessage message, Context context) {
        AnnouncementMessage received = AnnouncementMessage.read(message.getBody());
        Announcement announcement = received.announcement();
        String cursor = received.cursor();
        int pages = 0;
        do {
            cursor = reporters.handlePage(announcement, cursor);
            pages++;
        } while (cursor != null && (context == null || context.getRemainingTimeInMillis() > RESERVE_MILLIS));
        if (cursor != null) {
            queue.send(AnnouncementMessage.of(announcement, cursor));
        }
        Log.info("affected-reporters", "announcementId", announcement.id(),
                "outageId", announcement.outageId(), "pages", pages, "continued", cursor != null);
    }
}
