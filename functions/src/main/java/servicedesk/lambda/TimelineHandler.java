package servicedesk.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import servicedesk.broadcast.TimelinePosts;
import servicedesk.format.Log;
import servicedesk.messaging.AnnouncementMessage;
import servicedesk.outage.Announcement;

/** Consumes the timeline queue (every announcement, from the SNS topic): see {@link TimelinePosts}. */
public final class TimelineHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final TimelinePosts posts;

    public TimelineHandler() {
        this(Desk.ofProcess());
    }

    public TimelineHandler(Desk desk) {
        this.posts = new TimelinePosts(desk.outages(), desk.records());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process(event, "timeline-post-failed", message -> {
            Announcement announcement = AnnouncementMessage.read(message.getBody()).announcement();
            boolean queued = posts.post(announcement);
            Log.info("timeline-post", "announcementId", announcement.id(), "queued", queued);
        });
    }
}
