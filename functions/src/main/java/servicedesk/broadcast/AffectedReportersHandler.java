package servicedesk.broadcast;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import servicedesk.incident.DynamoIncidentStore;
import servicedesk.records.DynamoDeskRecords;
import servicedesk.wiring.AwsClients;
import servicedesk.wiring.Environment;
import servicedesk.wiring.Log;
import servicedesk.wiring.SqsBatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Consumes the affected-reporters queue (outage and resolved announcements from the SNS topic). A large
 * outage is worked through page by page; when the invocation's time runs short, the rest is queued as a
 * continuation, so no broadcast is bound by one Lambda's timeout.
 */
public final class AffectedReportersHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /** Leave this much of the invocation for queueing the continuation. */
    private static final int RESERVE_MILLIS = 5_000;

    private final AffectedReporters reporters;
    private final SqsClient sqs;
    private final String queueUrl;

    public AffectedReportersHandler() {
        this(Environment.ofProcess());
    }

    public AffectedReportersHandler(Environment environment) {
        this(environment, Clock.systemUTC());
    }

    public AffectedReportersHandler(Environment environment, Clock clock) {
        AwsClients aws = new AwsClients(environment);
        DynamoDbClient dynamo = aws.dynamoDb();
        String table = environment.require("INCIDENTS_TABLE");
        this.reporters = new AffectedReporters(new DynamoIncidentStore(dynamo, table),
                new DynamoDeskRecords(dynamo, table, clock), clock);
        this.sqs = aws.sqs();
        this.queueUrl = environment.require("AFFECTED_REPORTERS_QUEUE_URL");
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process(event, "affected-reporters-failed", message -> handle(message, context));
    }

    private void handle(SQSEvent.SQSMessage message, Context context) {
        AnnouncementMessage.Received received = AnnouncementMessage.read(message.getBody());
        String cursor = received.cursor();
        int pages = 0;
        do {
            cursor = reporters.handlePage(received.announcement(), cursor);
            pages++;
        } while (cursor != null && (context == null || context.getRemainingTimeInMillis() > RESERVE_MILLIS));
        if (cursor != null) {
            String continuation = AnnouncementMessage.write(received.announcement(), cursor);
            sqs.sendMessage(send -> send.queueUrl(queueUrl).messageBody(continuation));
        }
        Log.info("affected-reporters", "announcementId", received.announcement().id(),
                "outageId", received.announcement().outageId(), "pages", pages, "continued", cursor != null);
    }
}
