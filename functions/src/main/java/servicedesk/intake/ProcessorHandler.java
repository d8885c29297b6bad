package servicedesk.intake;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import java.util.List;
import servicedesk.catalog.DynamoServiceCatalog;
import servicedesk.broadcast.DynamoOutageStore;
import servicedesk.incident.DynamoIncidentStore;
import servicedesk.records.DynamoDeskRecords;
import servicedesk.wiring.AwsClients;
import servicedesk.wiring.DeskSettings;
import servicedesk.wiring.Environment;
import servicedesk.wiring.Log;
import servicedesk.wiring.SqsBatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Consumes the events queue: each message is one verified webhook payload. A payload that fails is
 * reported back as a batch item failure, retried by SQS and, in the end, parked on the dead-letter queue.
 */
public final class ProcessorHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final AccountActivityParser parser = new AccountActivityParser();
    private final Intake intake;
    private final String accountId;

    public ProcessorHandler() {
        this(Environment.ofProcess(), Clock.systemUTC());
    }

    public ProcessorHandler(Environment environment) {
        this(environment, Clock.systemUTC());
    }

    public ProcessorHandler(Environment environment, Clock clock) {
        AwsClients aws = new AwsClients(environment);
        DynamoDbClient dynamo = aws.dynamoDb();
        DeskSettings settings = DeskSettings.from(environment);
        this.accountId = settings.accountId();
        String table = environment.require("INCIDENTS_TABLE");
        this.intake = new Intake(settings,
                new DynamoServiceCatalog(dynamo, environment.require("SERVICES_TABLE"), clock),
                new DynamoIncidentStore(dynamo, table),
                new DynamoOutageStore(dynamo, table),
                new DynamoDeskRecords(dynamo, table, clock),
                clock);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process(event, "event-processing-failed", this::process);
    }

    private void process(SQSEvent.SQSMessage message) throws AccountActivityParser.MalformedPayload {
        ActivityBatch batch = parser.parse(message.getBody());
        if (!batch.forUserId().isEmpty() && !batch.forUserId().equals(accountId)) {
            Log.warn("event-for-other-account", "messageId", message.getMessageId(), "forUserId", batch.forUserId());
            return;
        }
        List<Intake.Outcome> outcomes = intake.handle(batch);
        Log.info("events-processed", "messageId", message.getMessageId(), "outcomes", outcomes);
    }
}
