package servicedesk.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import servicedesk.format.Log;
import servicedesk.messaging.OutboundKeys;
import servicedesk.notify.Sender;

/**
 * Consumes the outbound queue, which only wakes the sender: the keys a wake-up carries are entered in the plan
 * and the {@link Sender} works the plan (the table orders it; SQS cannot). A failure fails the whole batch, so
 * SQS brings it back and finally parks it on the dead-letter queue; the messages stay in the table either way.
 */
public final class SenderHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final Sender sender;

    public SenderHandler() {
        this(Desk.ofProcess());
    }

    public SenderHandler(Desk desk) {
        this.sender = desk.sender();
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
        } catch (RuntimeException failure) {
            Log.error("sender-round-failed", "error", failure.getClass().getSimpleName(), "detail", String.valueOf(failure.getMessage()));
            readable.forEach(message -> failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId())));
        }
        return new SQSBatchResponse(failures);
    }
}
