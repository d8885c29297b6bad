package servicedesk.records;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import servicedesk.broadcast.PossibleOutage;
import servicedesk.incident.Escalation;
import servicedesk.notify.OutboundQueue;
import servicedesk.notify.SqsOutboundQueue;
import servicedesk.wiring.AwsClients;
import servicedesk.wiring.Environment;
import servicedesk.wiring.Log;
import servicedesk.wiring.Timestamps;

/**
 * The desk table's stream: what a transaction decided to send out is handed on here, so that deciding
 * and sending cannot drift apart. New outbox messages go to the outbound queue, new announcements to the
 * announcements topic, new alerts to IT's alert topic, new escalations to the on-call topic. Records are handled in order; on a failure the
 * stream retries from the failed record (receivers are idempotent, so a repeat is harmless).
 */
public final class StreamRelayHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final OutboundQueue queue;
    private final TopicPublisher publisher;

    public StreamRelayHandler() {
        this(Environment.ofProcess());
    }

    public StreamRelayHandler(Environment environment) {
        AwsClients aws = new AwsClients(environment);
        this.queue = new SqsOutboundQueue(aws.sqs(), environment.require("OUTBOUND_QUEUE_URL"));
        this.publisher = new SnsTopicPublisher(aws.sns(), environment.require("ANNOUNCEMENTS_TOPIC_ARN"),
                environment.require("ALERTS_TOPIC_ARN"), environment.require("ONCALL_TOPIC_ARN"));
    }

    public StreamRelayHandler(OutboundQueue queue, TopicPublisher publisher) {
        this.queue = queue;
        this.publisher = publisher;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<String> keys = new ArrayList<>();
        String firstKeySequence = null;
        int relayed = 0;
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            Map<String, AttributeValue> image = newItem(record);
            String type = image == null ? null : text(image, DeskTable.TYPE);
            String sequence = record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
            if (DeskTable.TYPE_OUTBOX.equals(type)) {
                keys.add(text(image, "messageKey"));
                if (firstKeySequence == null) {
                    firstKeySequence = sequence;
                }
                continue;
            }
            if (!DeskTable.TYPE_ANNOUNCEMENT.equals(type) && !DeskTable.TYPE_ALERT.equals(type)
                    && !DeskTable.TYPE_ESCALATION.equals(type)) {
                continue;
            }
            // Keep the order: messages decided before this record go out first.
            if (!flush(keys)) {
                return failedFrom(firstKeySequence);
            }
            relayed += keys.size();
            keys.clear();
            firstKeySequence = null;
            try {
                switch (type) {
                    case DeskTable.TYPE_ANNOUNCEMENT -> publisher.announcement(DeskTable.announcementOf(strings(image)));
                    case DeskTable.TYPE_ALERT -> publisher.alert(alert(image));
                    default -> publisher.escalation(escalation(image));
                }
                relayed++;
            } catch (RuntimeException failed) {
                Log.error("stream-relay-failed", "type", type, "error", failed.getClass().getSimpleName());
                return failedFrom(sequence);
            }
        }
        if (!flush(keys)) {
            return failedFrom(firstKeySequence);
        }
        relayed += keys.size();
        if (relayed > 0) {
            Log.info("stream-relayed", "records", relayed);
        }
        return new StreamsEventResponse(List.of());
    }

    private boolean flush(List<String> keys) {
        if (keys.isEmpty()) {
            return true;
        }
        try {
            queue.enqueue(keys);
            return true;
        } catch (RuntimeException failed) {
            Log.error("stream-relay-failed", "type", DeskTable.TYPE_OUTBOX, "messages", keys.size(),
                    "error", failed.getClass().getSimpleName());
            return false;
        }
    }

    private static StreamsEventResponse failedFrom(String sequence) {
        return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(sequence)));
    }

    private static Map<String, AttributeValue> newItem(DynamodbEvent.DynamodbStreamRecord record) {
        return "INSERT".equals(record.getEventName()) && record.getDynamodb() != null
                ? record.getDynamodb().getNewImage() : null;
    }

    private static String text(Map<String, AttributeValue> image, String name) {
        AttributeValue value = image.get(name);
        return value == null ? null : value.getS();
    }

    private static Map<String, String> strings(Map<String, AttributeValue> image) {
        Map<String, String> strings = new HashMap<>();
        image.forEach((name, value) -> {
            if (value.getS() != null) {
                strings.put(name, value.getS());
            }
        });
        return strings;
    }

    private static Escalation escalation(Map<String, AttributeValue> image) {
        return new Escalation(text(image, "escalationId"), Escalation.Kind.valueOf(text(image, "kind")),
                text(image, "incidentNumber"), text(image, "priority"), text(image, "escalationService"),
                text(image, "text"), Timestamps.parse(text(image, "at")));
    }

    private static PossibleOutage alert(Map<String, AttributeValue> image) {
        return new PossibleOutage(text(image, "alertId"), text(image, "alertService"), text(image, "serviceName"),
                Integer.parseInt(image.get("reports").getN()), Integer.parseInt(image.get("windowMinutes").getN()),
                Timestamps.parse(text(image, "at")));
    }
}
