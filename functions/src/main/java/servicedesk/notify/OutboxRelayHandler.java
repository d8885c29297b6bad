package servicedesk.notify;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import servicedesk.incident.DeskTable;
import servicedesk.wiring.AwsClients;
import servicedesk.wiring.Environment;
import servicedesk.wiring.Log;

/**
 * The incidents table's stream: every message newly written to the outbox is handed to the outbound
 * queue, whose consumer sends it. The table write and the decision to send are one transaction; this
 * relay makes sure each decided message reaches the sender. Other records are ignored.
 */
public final class OutboxRelayHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final OutboundQueue queue;

    public OutboxRelayHandler() {
        this(Environment.ofProcess());
    }

    public OutboxRelayHandler(Environment environment) {
        this(new SqsOutboundQueue(new AwsClients(environment).sqs(), environment.require("OUTBOUND_QUEUE_URL")));
    }

    public OutboxRelayHandler(OutboundQueue queue) {
        this.queue = queue;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<String> keys = new ArrayList<>();
        String firstSequence = null;
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            String key = newOutboxKey(record);
            if (key != null) {
                keys.add(key);
                if (firstSequence == null) {
                    firstSequence = record.getDynamodb().getSequenceNumber();
                }
            }
        }
        if (keys.isEmpty()) {
            return new StreamsEventResponse(List.of());
        }
        try {
            queue.enqueue(keys);
            Log.info("outbox-relayed", "messages", keys.size());
            return new StreamsEventResponse(List.of());
        } catch (RuntimeException failed) {
            // Report from the first outbox record on: the stream retries from there, and the sender's
            // claim makes a key that was queued twice harmless.
            Log.error("outbox-relay-failed", "messages", keys.size(), "error", failed.getClass().getSimpleName());
            return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(firstSequence)));
        }
    }

    static String newOutboxKey(DynamodbEvent.DynamodbStreamRecord record) {
        if (!"INSERT".equals(record.getEventName()) || record.getDynamodb() == null) {
            return null;
        }
        Map<String, AttributeValue> image = record.getDynamodb().getNewImage();
        if (image == null || image.get(DeskTable.TYPE) == null
                || !DeskTable.TYPE_OUTBOX.equals(image.get(DeskTable.TYPE).getS())) {
            return null;
        }
        AttributeValue key = image.get("messageKey");
        return key == null ? null : key.getS();
    }
}
