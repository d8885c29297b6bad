package servicedesk.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import servicedesk.catalog.ServiceCatalog;
import servicedesk.format.Log;
import servicedesk.intake.ActivityBatch;
import servicedesk.intake.Intake;
import servicedesk.settings.DeskSettings;
import servicedesk.x.AccountActivityParser;

/**
 * Consumes the events queue: each message is one verified webhook payload, read by the
 * {@link AccountActivityParser} and handled by {@link Intake}. A payload that fails is reported back as a
 * batch item failure, retried by SQS and, in the end, parked on the dead-letter queue.
 */
public final class ProcessorHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final AccountActivityParser parser = new AccountActivityParser();
    private final Intake intake;
    private final String accountId;
    private final Priming priming;
    private final Clock clock;

    public ProcessorHandler() {
        this(Desk.ofProcess());
    }

    public ProcessorHandler(Desk desk) {
        ServiceCatalog catalog = desk.catalog();
        DeskSettings settings = desk.settings();
        this.intake = new Intake(settings, catalog, desk.incidents(), desk.outages(), desk.records(), desk.clock());
        this.accountId = settings.accountId();
        this.clock = desk.clock();
        // Priming parses a sample (twitter4j's parser is the slowest class to load) and reads the catalog.
        this.priming = Priming.register(() -> {
            try {
                parser.parse(Priming.samplePayload());
            } catch (AccountActivityParser.MalformedPayload impossible) {
                throw new IllegalStateException(impossible);
            }
            catalog.all();
        });
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        // Each message is its own payload, written under its own claims: they can be handled side by side.
        return SqsBatch.processConcurrently(event, "event-processing-failed", this::process);
    }

    /** SQS's own stamp of when the webhook stored the delivery; nobody outside can set it. */
    private Instant receivedAt(SQSEvent.SQSMessage message) {
        String sent = message.getAttributes() == null ? null : message.getAttributes().get("SentTimestamp");
        try {
            return sent == null ? clock.instant() : Instant.ofEpochMilli(Long.parseLong(sent));
        } catch (NumberFormatException unreadable) {
            return clock.instant();
        }
    }

    private void process(SQSEvent.SQSMessage message) throws AccountActivityParser.MalformedPayload {
        ActivityBatch batch = parser.parse(message.getBody());
        // Only deliveries for the subscribed IT account count; anything else is ignored, and counted.
        if (!batch.forUserId().equals(accountId)) {
            Log.warn("event-for-other-account", "messageId", message.getMessageId(),
                    "forUserId", batch.forUserId().isEmpty() ? "(missing)" : batch.forUserId());
            Log.metrics("ServiceDesk", Map.of("DeliveriesForOtherAccounts", 1));
            return;
        }
        List<Intake.Outcome> outcomes = intake.handle(batch, receivedAt(message));
        Log.info("events-processed", "messageId", message.getMessageId(), "outcomes", outcomes);
        if (batch.unreadable() > 0) {
            // The readable events are handled (and claimed: a retry changes nothing for them); the delivery
            // goes back and in the end to the dead-letter queue, so what could not be read is kept, not dropped.
            throw new AccountActivityParser.MalformedPayload(batch.unreadable() + " unreadable event(s)");
        }
    }
}
