package servicedesk.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import servicedesk.format.Log;
import servicedesk.messaging.OutboundKeys;
import servicedesk.notify.Courier;

/**
 * Consumes the outbound queue and has the {@link Courier} send each message on X (or put it off, after a
 * rate limit or an X outage); anything unexpected is a batch item failure, retried by SQS and finally
 * parked on the dead-letter queue.
 */
public final class SenderHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final Courier courier;

    public SenderHandler() {
        this(Desk.ofProcess());
    }

    public SenderHandler(Desk desk) {
        this.courier = new Courier(desk.outbox(), desk.messenger(), desk.rateLimits(), desk.audience(),
                desk.outboundQueue(), desk.clock());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process(event, "outbound-message-failed", this::send);
    }

    /** Every key of the message; if one fails, the whole message comes back and the keys already sent are skipped. */
    private void send(SQSEvent.SQSMessage message) {
        RuntimeException failed = null;
        for (String key : OutboundKeys.read(message.getBody()).keys()) {
            try {
                Courier.Outcome outcome = courier.deliver(key);
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
