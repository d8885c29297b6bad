package servicedesk.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import servicedesk.incident.Escalation;
import servicedesk.notify.OutboundQueue;
import servicedesk.outage.Announcement;
import servicedesk.outage.AnnouncementKind;
import servicedesk.outage.PossibleOutage;

/** What the relay hands on from the change stream, in order, and where it stops when a receiver fails. */
class StreamRelayTest {
    private static final Instant T0 = Instant.parse("2025-11-22T10:00:00Z");
    /** Everything handed on, in order: "queue [keys]" or "topic <what>". */
    private final List<String> sent = new ArrayList<>();
    private int failQueueCalls;
    private boolean failTopics;

    private final OutboundQueue queue = new OutboundQueue() {
        @Override
        public void enqueue(List<String> messageKeys) {
            if (failQueueCalls-- > 0) {
                throw new IllegalStateException("queue down");
            }
            sent.add("queue " + messageKeys);
        }

        @Override
        public void wakeLater(Duration delay) {
            throw new UnsupportedOperationException("the relay queues now");
        }
    };

    private final TopicPublisher topics = new TopicPublisher() {
        @Override
        public void announcement(Announcement announcement) {
            publish("announcement " + announcement.id());
        }

        @Override
        public void alert(PossibleOutage alert) {
            publish("alert " + alert.id());
        }

        @Override
        public void escalation(Escalation escalation) {
            publish("escalation " + escalation.id());
        }

        private void publish(String what) {
            if (failTopics) {
                throw new IllegalStateException("topic down");
            }
            sent.add("topic " + what);
        }
    };

    private final StreamRelay relay = new StreamRelay(queue, topics);

    private static Committed announced(String position) {
        return new Committed.AnnouncementPublished(position, new Announcement("a" + position, AnnouncementKind.KB, "wifi",
                "Wi-Fi", "#kb", null, null, null, null, null, "https://kb/1", "staff", null, T0));
    }

    @Test
    void messagesGoToTheQueueTogetherAndKeepTheirOrderAroundPublications() {
        Optional<String> failed = relay.relay(List.of(
                new Committed.MessageQueued("1", "opened:1"),
                new Committed.MessageQueued("2", "opened:2"),
                new Committed.Other("3"),
                announced("4"),
                new Committed.MessageQueued("5", "told:1"),
                new Committed.AlertRaised("6", new PossibleOutage("p1", "vpn", "VPN", 5, 15, T0)),
                new Committed.Escalated("7", new Escalation("e1", Escalation.Kind.IMMEDIATE_ATTENTION, "INC0000001", "P1",
                        "wifi", "call back", T0))));

        assertThat(failed).isEmpty();
        assertThat(sent).containsExactly("queue [opened:1, opened:2]", "topic announcement a4", "queue [told:1]",
                "topic alert p1", "topic escalation e1");
    }

    @Test
    void aFailedQueueStopsAtItsFirstMessageSoTheStreamRetriesFromThere() {
        failQueueCalls = 1;

        assertThat(relay.relay(List.of(new Committed.Other("1"), new Committed.MessageQueued("2", "opened:1"),
                new Committed.MessageQueued("3", "opened:2"), announced("4")))).contains("2");
        assertThat(sent).isEmpty();
    }

    @Test
    void aFailedPublicationStopsAtItsRecordAfterTheMessagesBeforeIt() {
        failTopics = true;

        assertThat(relay.relay(List.of(new Committed.MessageQueued("1", "opened:1"), announced("2"),
                new Committed.MessageQueued("3", "opened:2")))).contains("2");
        assertThat(sent).containsExactly("queue [opened:1]");
    }

    @Test
    void anUnreadableRecordIsAFailureNotASkip() {
        assertThat(relay.relay(List.of(new Committed.MessageQueued("1", "opened:1"),
                new Committed.Unreadable("2", "ANNOUNCEMENT", "NullPointerException"), announced("3")))).contains("2");
        assertThat(sent).containsExactly("queue [opened:1]");
    }
}
