package servicedesk.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.List;
import servicedesk.dynamo.StreamImages;
import servicedesk.notify.OutboundQueue;
import servicedesk.relay.StreamRelay;
import servicedesk.relay.TopicPublisher;

/**
 * The desk table's stream trigger: reads the records ({@link StreamImages}) and relays them
 * ({@link StreamRelay}); a failure is reported from the first record not relayed, which the stream retries.
 */
public final class StreamRelayHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final StreamRelay relay;

    public StreamRelayHandler() {
        this(Desk.ofProcess());
    }

    public StreamRelayHandler(Desk desk) {
        this(desk.outboundQueue(), desk.topics());
    }

    public StreamRelayHandler(OutboundQueue queue, TopicPublisher publisher) {
        this.relay = new StreamRelay(queue, publisher);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return new StreamsEventResponse(relay.relay(StreamImages.read(event))
                .map(position -> List.of(new StreamsEventResponse.BatchItemFailure(position)))
                .orElse(List.of()));
    }
}
