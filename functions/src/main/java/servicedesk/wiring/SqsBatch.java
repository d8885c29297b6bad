package servicedesk.wiring;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Partial batch failures for SQS-triggered functions: each message is handled on its own, and only the
 * ones that fail go back to the queue (to be retried, and in the end parked on its dead-letter queue).
 * What Powertools' batch module does, without its start-up cost.
 */
public final class SqsBatch {

    /** Handles one message; throws to have it retried. */
    public interface MessageHandler {
        void handle(SQSEvent.SQSMessage message) throws Exception;
    }

    private SqsBatch() {
    }

    public static SQSBatchResponse process(SQSEvent event, String failureLogEvent, MessageHandler handler) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                handler.handle(message);
            } catch (Exception failure) {
                // The reason names the failure, never the message's content.
                Log.error(failureLogEvent, "messageId", message.getMessageId(),
                        "error", failure.getClass().getSimpleName());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
