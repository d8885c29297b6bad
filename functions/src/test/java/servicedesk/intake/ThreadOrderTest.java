package servicedesk.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static servicedesk.intake.DeskUnderTest.DANA_STAFF;
import static servicedesk.intake.DeskUnderTest.IT;
import static servicedesk.intake.DeskUnderTest.JO;
import static servicedesk.intake.DeskUnderTest.SAM;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import servicedesk.incident.Incident;
import servicedesk.incident.IncidentState;
import servicedesk.incident.TimelineEntry;
import servicedesk.notify.Channel;
import servicedesk.notify.OutboundMessage;
import servicedesk.testing.Orders;

/**
 * Issue 12: a thread's tweets (the report, a community answer to it, a staff reply with a knowledge article
 * to the answer) in every order, in one delivery and in three, end in the same state: one incident,
 * resolved by staff, both replies on its timeline, and one DM for the opening and one for the resolution.
 * Deliveries put back to wait go to the end of the queue, as SQS's delay puts them after what is waiting.
 */
class ThreadOrderTest {
    private static final String REPORT = "101";
    private static final String ANSWER = "102";
    private static final String STAFF_REPLY = "103";

    private record Delivery(List<InboundEvent> events, Receipt receipt) {
    }

    static Stream<Arguments> orders() {
        List<Arguments> all = new ArrayList<>();
        for (List<String> order : Orders.of(List.of(REPORT, ANSWER, STAFF_REPLY))) {
            all.add(Arguments.of(order, true));
            all.add(Arguments.of(order, false));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}, one delivery: {1}")
    @MethodSource("orders")
    void everyOrderEndsInOneResolvedIncidentAndOneDmEach(List<String> order, boolean oneDelivery) {
        DeskUnderTest it = new DeskUnderTest();
        List<InboundEvent> events = order.stream().map(id -> (InboundEvent) new InboundEvent.TweetCreated(tweet(it, id), null)).toList();
        Deque<Delivery> queue = new ArrayDeque<>();
        if (oneDelivery) {
            queue.add(new Delivery(events, Receipt.webhook(it.clock.instant())));
        } else {
            events.forEach(event -> queue.add(new Delivery(List.of(event), Receipt.webhook(it.clock.instant()))));
        }
        int looks = 0;
        while (!queue.isEmpty()) {
            Delivery delivery = queue.poll();
            looks++;
            List<Intake.Outcome> outcomes = it.intake.handle(new ActivityBatch(IT, delivery.events()), delivery.receipt());
            if (Intake.waitsForParent(outcomes)) {
                queue.add(new Delivery(delivery.events(), delivery.receipt().waitedOnce()));
            }
        }

        assertThat(it.desk.incidents().find("INC0000002")).isEmpty();
        Incident incident = it.incident("INC0000001");
        assertThat(incident.sourceTweetId()).isEqualTo(REPORT);
        assertThat(incident.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(incident.resolution().text()).isEqualTo("https://kb.example.edu/article/KB0042");
        assertThat(it.desk.incidents().timeline("INC0000001")).extracting(TimelineEntry::kind)
                .contains(TimelineEntry.Kind.COMMUNITY_ANSWER, TimelineEntry.Kind.STAFF_RESPONSE);
        assertThat(it.desk.queued()).extracting(OutboundMessage::key).containsExactlyInAnyOrder("opened:" + REPORT, "resolved:INC0000001");
        assertThat(it.desk.queued()).extracting(OutboundMessage::channel).containsOnly(Channel.DIRECT_MESSAGE);
        assertThat(looks).isLessThanOrEqualTo(oneDelivery ? 3 : 6);
    }

    private static Tweet tweet(DeskUnderTest it, String id) {
        return switch (id) {
            case REPORT -> it.tweetOf(REPORT, JO, "@ITHelp #blackboard I can't open my grades", null);
            case ANSWER -> it.tweetOf(ANSWER, SAM, "@jo_student @ITHelp clear your browser cache", REPORT);
            default -> it.tweetOf(STAFF_REPLY, DANA_STAFF, "@sam_ta @jo_student see https://kb.example.edu/article/KB0042", ANSWER);
        };
    }
}
