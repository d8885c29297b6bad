package servicedesk.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import servicedesk.format.Log;
import servicedesk.messaging.OutboundKeys;
import servicedesk.notify.OutboxReports;
import servicedesk.notify.Sender;
import servicedesk.notify.SendingState;

/**
 * Consumes the outbound queue, which only wakes the sender: the keys a wake-up carries are entered in the plan
 * and the {@link Sender} works the plan (the table orders it; SQS cannot). A failure fails the whole batch, so
 * SQS brings it back and finally parks it on the dead-letter queue; the messages stay in the table either way.
 */
public final class SenderHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /** The status page's surge note is brought up to date at most this often (the page is cached 30 s). */
    private static final Duration SURGE_NOTE_EVERY = Duration.ofSeconds(30);

    private final Sender sender;
    private final OutboxReports outbox;
    private final SendingState state;
    private final Clock clock;
    private Instant surgeNoted = Instant.MIN;

    public SenderHandler() {
        this(Desk.ofProcess());
    }

    public SenderHandler(Desk desk) {
        this.sender = desk.sender();
        this.outbox = desk.outboxReports();
        this.state = desk.sendingState();
        this.clock = desk.clock();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<String> keys = new ArrayList<>();
        List<SQSEvent.SQSMessage> readable = new ArrayList<>();
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                keys.addAll(OutboundKeys.read(message.getBody()).keys());
                readable.add(message);
            } catch (IllegalArgumentException unreadable) {
                Log.error("outbound-message-unreadable", "messageId", message.getMessageId());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        try {
            Sender.Round round = sender.wake(keys);
            Log.info("sender-round", "keys", keys.size(), "sent", round.sent(), "superseded", round.superseded(),
                    "busy", round.busy(), "nextWake", String.valueOf(round.nextWake()));
            noteSurge();
        } catch (RuntimeException failure) {
            Log.error("sender-round-failed", "error", failure.getClass().getSimpleName(), "detail", String.valueOf(failure.getMessage()));
            readable.forEach(message -> failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId())));
        }
        return new SQSBatchResponse(failures);
    }

    /** The public surge note: during a surge, by when the last waiting report should be answered. */
    private void noteSurge() {
        Instant now = clock.instant();
        if (now.isAfter(surgeNoted.plus(SURGE_NOTE_EVERY))) {
            state.publishSurge(outbox.surgeAnsweredBy());
            surgeNoted = now;
        }
    }
}
