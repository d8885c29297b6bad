package servicedesk.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import servicedesk.incident.Escalation;
import servicedesk.notify.OutboundQueue;
import servicedesk.outage.Announcement;
import servicedesk.outage.AnnouncementKind;
import servicedesk.outage.OutageStatus;
import servicedesk.outage.PossibleOutage;
import servicedesk.relay.TopicPublisher;

/** The table's stream as Lambda delivers it (events/stream-new-items.json), read and relayed. */
class StreamRelayHandlerTest {
    private final List<String> queued = new ArrayList<>();
    private final List<Object> published = new ArrayList<>();
    private boolean topicsDown;

    private final StreamRelayHandler handler = new StreamRelayHandler(new OutboundQueue() {
        @Override
        public void enqueue(List<String> messageKeys) {
            queued.addAll(messageKeys);
        }

        @Override
        public void wakeLater(Duration delay) {
            throw new UnsupportedOperationException();
        }
    }, new TopicPublisher() {
        @Override
        public void announcement(Announcement announcement) {
            publish(announcement);
        }

        @Override
        public void alert(PossibleOutage alert) {
            publish(alert);
        }

        @Override
        public void escalation(Escalation escalation) {
            publish(escalation);
        }

        private void publish(Object what) {
            if (topicsDown) {
                throw new IllegalStateException("SNS unavailable");
            }
            published.add(what);
        }
    });

    @Test
    void newOutboxMessagesAnnouncementsEscalationsAndAlertsAreHandedOn() {
        DynamodbEvent event = EventLoader.loadDynamoDbEvent("events/stream-new-items.json");

        StreamsEventResponse response = handler.handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(queued).containsExactly("opened:1990000000000000101");
        assertThat(published).hasSize(3);
        assertThat(published.get(0)).isEqualTo(new Announcement("1990000000000000301", AnnouncementKind.OUTAGE, "blackboard",
                "Blackboard Learn", "#outage #blackboard Blackboard is down. ETA 15:00 UTC", "OUT0000001",
                OutageStatus.INVESTIGATING, "15:00 UTC", null, null, null, "1800000000000000003", "1990000000000000301",
                Instant.parse("2025-11-22T10:00:00Z")));
        assertThat(published.get(1)).isInstanceOfSatisfying(Escalation.class,
                escalation -> assertThat(escalation.incidentNumber()).isEqualTo("INC0000001"));
        assertThat(published.get(2)).isEqualTo(new PossibleOutage("possible-outage:vpn:1960000", "vpn", "VPN", 5, 15,
                Instant.parse("2025-11-22T10:00:02Z")));
    }

    @Test
    void aFailedPublicationIsReportedFromItsRecord() {
        topicsDown = true;

        StreamsEventResponse response = handler.handleRequest(EventLoader.loadDynamoDbEvent("events/stream-new-items.json"), null);

        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("100000000000000000003");
        assertThat(queued).containsExactly("opened:1990000000000000101");
    }
}
