package servicedesk.notify;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import java.time.Duration;
import servicedesk.wiring.AwsClients;
import servicedesk.wiring.Environment;
import servicedesk.wiring.Log;
import servicedesk.wiring.SqsBatch;
import servicedesk.x.TwitterMessenger;
import servicedesk.x.XApi;
import servicedesk.x.XCredentialSource;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Consumes the outbound queue and sends each message on X. A rate limit or an X outage puts the key back
 * on the queue for later (without spending SQS receive attempts); anything unexpected is a batch item
 * failure, retried by SQS and finally parked on the dead-letter queue.
 */
public final class SenderHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final Courier courier;
    private final OutboundQueue queue;
    private final Clock clock;

    public SenderHandler() {
        this(Environment.ofProcess());
    }

    public SenderHandler(Environment environment) {
        this(environment, Clock.systemUTC());
    }

    public SenderHandler(Environment environment, Clock clock) {
        AwsClients aws = new AwsClients(environment);
        SqsClient sqs = aws.sqs();
        XApi api = new XApi(environment.orDefault("TWITTER_API_BASE_URL", XApi.DEFAULT_BASE_URL),
                XCredentialSource.of(environment, aws::secretsManager));
        String table = environment.require("INCIDENTS_TABLE");
        this.courier = new Courier(new DynamoOutbox(aws.dynamoDb(), table), new TwitterMessenger(api),
                new DynamoRateLimits(aws.dynamoDb(), table),
                new DynamoAudience(aws.dynamoDb(), table, Integer.parseInt(environment.orDefault("UNSOLICITED_PER_DAY", "3"))),
                clock);
        this.queue = new SqsOutboundQueue(sqs, environment.require("OUTBOUND_QUEUE_URL"));
        this.clock = clock;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process(event, "outbound-message-failed", this::send);
    }

    /** Every key of the message; if one fails, the whole message comes back and the keys already sent are skipped. */
    private void send(SQSEvent.SQSMessage message) {
        RuntimeException failed = null;
        for (String key : SqsOutboundQueue.keysOf(message.getBody())) {
            try {
                Courier.Outcome outcome = courier.deliver(key);
                if (outcome instanceof Courier.Outcome.RetryAt retry) {
                    queue.enqueueLater(key, Duration.between(clock.instant(), retry.at()));
                }
                Log.info("outbound-message", "key", key, "outcome", outcome.toString());
            } catch (RuntimeException failure) {
                Log.error("outbound-key-failed", "key", key, "error", failure.getClass().getSimpleName());
                failed = failure;
            }
        }
        if (failed != null) {
            throw failed;
        }
    }
}
