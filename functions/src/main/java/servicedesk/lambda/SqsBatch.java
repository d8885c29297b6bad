package servicedesk.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import servicedesk.format.Log;

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
            handleOne(message, failureLogEvent, handler, failures);
        }
        return new SQSBatchResponse(failures);
    }

    /** As {@link #process}, the messages handled side by side on virtual threads (the work is I/O-bound). */
    public static SQSBatchResponse processConcurrently(SQSEvent event, String failureLogEvent, MessageHandler handler) {
        List<SQSBatchResponse.BatchItemFailure> failures = Collections.synchronizedList(new ArrayList<>());
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (SQSEvent.SQSMessage message : event.getRecords()) {
                threads.submit(() -> handleOne(message, failureLogEvent, handler, failures));
            }
        }
        return new SQSBatchResponse(new ArrayList<>(failures));
    }

    private static void handleOne(SQSEvent.SQSMessage message, String failureLogEvent, MessageHandler handler,
                                  List<SQSBatchResponse.BatchItemFailure> failures) {
        try {
            handler.handle(message);
        } catch (Throwable failure) {
            // Throwable, not Exception: an Error in one message must send it back for a retry (and in the
            // end to the dead-letter queue), not mark it done. The reason names the failure, never the
            // message's content.
            Log.error(failureLogEvent, "messageId", message.getMessageId(), "error", failure.getClass().getSimpleName());
            failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
        }
    }
}
