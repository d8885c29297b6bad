package servicedesk.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import servicedesk.catalog.ServiceCatalog;
import servicedesk.format.Log;
import servicedesk.intake.ActivityBatch;
import servicedesk.intake.Cursors;
import servicedesk.intake.EventQueue;
import servicedesk.intake.Intake;
import servicedesk.intake.ParentWait;
import servicedesk.intake.Receipt;
import servicedesk.intake.ReplayJob;
import servicedesk.messaging.SqsEventQueue;
import servicedesk.settings.DeskSettings;
import servicedesk.x.AccountActivityParser;
import servicedesk.x.XPayloads;

/**
 * Consumes the events queue: each message is one delivery (an Account Activity payload, an X Activity API
 * envelope, or events reconciliation recovered), read by {@link XPayloads} and handled by {@link Intake}.
 * A delivery with a reply whose parent has not arrived is put back on the queue, delayed, to look again.
 * A payload that fails is reported back as a batch item failure, retried by SQS and, in the end, parked on
 * the dead-letter queue.
 */
public final class ProcessorHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final XPayloads parser = new XPayloads();
    private final Intake intake;
    private final EventQueue events;
    private final String accountId;
    private final Priming priming;
    private final Clock clock;
    private final Cursors cursors;

    public ProcessorHandler() {
        this(Desk.ofProcess());
    }

    public ProcessorHandler(Desk desk) {
        ServiceCatalog catalog = desk.catalog();
        DeskSettings settings = desk.settings();
        this.intake = new Intake(settings, catalog, desk.incidents(), desk.outages(), desk.records(), desk.audience(),
                parentWait(desk), desk.clock());
        this.events = desk.eventQueue();
        this.accountId = settings.accountId();
        this.clock = desk.clock();
        this.cursors = desk.cursors();
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

    private static ParentWait parentWait(Desk desk) {
        return new ParentWait(
                Duration.ofSeconds(Long.parseLong(desk.environment().orDefault("PARENT_WAIT_SECONDS",
                        Long.toString(ParentWait.DEFAULT.first().toSeconds())))),
                Integer.parseInt(desk.environment().orDefault("PARENT_WAIT_ATTEMPTS",
                        Integer.toString(ParentWait.DEFAULT.attempts()))));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        // Each message is its own payload, written under its own claims: they can be handled side by side.
        return SqsBatch.processConcurrently(event, "event-processing-failed", this::process);
    }

    /**
     * How the delivery reached the desk. A webhook body carries no message attributes: SQS's own stamp of
     * when the webhook stored it, which nobody outside can set, is its receipt. The desk's own messages
     * (put back to wait, or recovered by reconciliation) carry theirs as attributes only its functions set.
     */
    private Receipt receipt(SQSEvent.SQSMessage message) {
        String sent = message.getAttributes() == null ? null : message.getAttributes().get("SentTimestamp");
        Instant sentAt;
        try {
            sentAt = sent == null ? clock.instant() : Instant.ofEpochMilli(Long.parseLong(sent));
        } catch (NumberFormatException unreadable) {
            sentAt = clock.instant();
        }
        Map<String, String> attributes = new HashMap<>();
        if (message.getMessageAttributes() != null) {
            message.getMessageAttributes().forEach((name, value) -> {
                if (value != null && value.getStringValue() != null) {
                    attributes.put(name, value.getStringValue());
                }
            });
        }
        return SqsEventQueue.receipt(attributes, sentAt);
    }

    private void process(SQSEvent.SQSMessage message) throws AccountActivityParser.MalformedPayload {
        ActivityBatch batch;
        switch (parser.read(message.getBody())) {
            case XPayloads.Delivery.ReplayJobEnded ended -> {
                // X's word on a replay job: the webhook watch closes it or, Incomplete, asks again on its next run.
                boolean ours = ReplayJob.ended(cursors, ended.notice());
                Log.info("replay-job-ended", "jobId", ended.notice().jobId(), "complete", ended.notice().complete(),
                        "description", ended.notice().description(), "watched", ours);
                return;
            }
            case XPayloads.Delivery.Events events -> batch = events.batch();
        }
        // Only deliveries for the subscribed IT account count; anything else is ignored, and counted.
        if (!batch.forUserId().equals(accountId)) {
            Log.warn("event-for-other-account", "messageId", message.getMessageId(),
                    "forUserId", batch.forUserId().isEmpty() ? "(missing)" : batch.forUserId());
            Log.metrics("ServiceDesk", Map.of("DeliveriesForOtherAccounts", 1));
            return;
        }
        Receipt receipt = receipt(message);
        List<Intake.Outcome> outcomes = intake.handle(batch, receipt);
        Log.info("events-processed", "messageId", message.getMessageId(), "outcomes", outcomes,
                "waits", receipt.waits(), "recovered", receipt.recovered());
        if (batch.unreadable() > 0) {
            // The readable events are handled (and claimed: a retry changes nothing for them); the delivery
            // goes back and in the end to the dead-letter queue, so what could not be read is kept, not dropped.
            // SQS's retry also gives a waiting reply its next look.
            throw new AccountActivityParser.MalformedPayload(batch.unreadable() + " unreadable event(s)");
        }
        if (Intake.waitsForParent(outcomes)) {
            // The whole delivery goes back: what was handled is claimed, so only the waiting reply is new.
            events.accept(message.getBody(), receipt.waitedOnce(), intake.waitBefore(receipt));
        }
    }
}
