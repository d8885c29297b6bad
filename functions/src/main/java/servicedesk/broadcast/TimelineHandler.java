package servicedesk.broadcast;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import java.util.Optional;
import servicedesk.notify.OutboundMessage;
import servicedesk.records.Change;
import servicedesk.records.Claim;
import servicedesk.records.DeskRecords;
import servicedesk.records.DynamoDeskRecords;
import servicedesk.wiring.AwsClients;
import servicedesk.wiring.Environment;
import servicedesk.wiring.Log;
import servicedesk.wiring.SqsBatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Consumes the timeline queue: every announcement made through the API or from a staff member's own
 * account is posted from the IT account; an outage's later announcements reply under its first post, so
 * the story of an outage reads as one thread.
 */
public final class TimelineHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final OutageStore outages;
    private final DeskRecords records;

    public TimelineHandler() {
        this(Environment.ofProcess());
    }

    public TimelineHandler(Environment environment) {
        AwsClients aws = new AwsClients(environment);
        DynamoDbClient dynamo = aws.dynamoDb();
        String table = environment.require("INCIDENTS_TABLE");
        this.outages = new DynamoOutageStore(dynamo, table);
        this.records = new DynamoDeskRecords(dynamo, table, Clock.systemUTC());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process(event, "timeline-post-failed",
                message -> post(AnnouncementMessage.read(message.getBody()).announcement()));
    }

    private void post(Announcement announcement) {
        String key = "timeline:" + announcement.id();
        OutboundMessage post = OutboundMessage.timelinePost(key, BroadcastWording.timelinePost(announcement), null);
        Optional<String> root = announcement.outageId() == null ? Optional.empty()
                : outages.find(announcement.outageId()).map(Outage::rootAnnouncementId)
                        .filter(rootId -> !rootId.equals(announcement.id()));
        if (root.isPresent()) {
            post = OutboundMessage.timelinePost(key, post.text(), "timeline:" + root.get());
        }
        boolean queued = records.commit(Claim.expiring(key, null), Change.of(new Change.QueueMessage(post)));
        Log.info("timeline-post", "announcementId", announcement.id(), "queued", queued);
    }
}
