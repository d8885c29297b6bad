package servicedesk.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import servicedesk.format.Log;

/** What GET /outbox, the status page's surge note, GET /reports and the metrics show of the plan. */
class OutboxReportsTest {
    private final SenderUnderTest desk = new SenderUnderTest();
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    private OutboxReports reports() {
        return new OutboxReports(desk.outbox, desk.state, desk.spend, desk.policy, desk.clock);
    }

    @AfterEach
    void logsBack() {
        Log.redirect(System.out);
    }

    @Test
    void showsWhatWaitsByClassTheBudgetLeftAndWhenTheLastMessageShouldGo() {
        for (int i = 0; i < 20; i++) {
            desk.queue(OutboundMessage.directMessage("dm-reply:" + i, Long.toString(100 + i), "answer " + i, null));
        }
        desk.queue(OutboundMessage.publicReply("help:1", "50", "901", "hint"));
        desk.wake();

        OutboxReports.OutboxReport report = reports().outbox();

        assertThat(report.waiting()).isEqualTo(5);
        assertThat(report.waitingByClass()).containsEntry(MessageClass.ANSWER, 5).doesNotContainKey(MessageClass.OTHER);
        OutboxReports.LaneReport dms = report.lanes().get(0);
        assertThat(dms.lane()).isEqualTo(Lane.DIRECT_MESSAGES);
        assertThat(dms.windows()).extracting(OutboxReports.WindowReport::window, OutboxReports.WindowReport::remaining)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("15 minutes, user", 0),
                        org.assertj.core.groups.Tuple.tuple("24 hours, user", 1_425),
                        org.assertj.core.groups.Tuple.tuple("24 hours, app", 1_425));
        assertThat(report.expectedLastSend()).isEqualTo(SenderUnderTest.START.plus(Duration.ofMinutes(15)));
        // 15 DMs and a reply: $0.235.
        assertThat(report.spentTodayMicros()).isEqualTo(15 * 15_000 + 10_000);
    }

    @Test
    void aSurgeIsWhenTheLastAcknowledgementIsMoreThanAMomentAway() {
        desk.state.save(desk.budget(Lane.DIRECT_MESSAGES).taken(15, desk.clock.instant()));
        desk.state.save(desk.budget(Lane.POSTS).taken(100, desk.clock.instant()));
        assertThat(reports().surgeAnsweredBy()).isEmpty();

        desk.acknowledgement("INC0000001", "42", "101");

        assertThat(reports().surgeAnsweredBy()).contains(SenderUnderTest.START.plus(Duration.ofMinutes(15)));
    }

    @Test
    void estimatesTheSpendPerDayAndPerIncident() {
        desk.acknowledgement("INC0000001", "42", "101");
        desk.acknowledgement("INC0000002", "43", "102");
        desk.queue(OutboundMessage.directMessage("resolved:INC0000001", "42", "INC0000001 is resolved", "INC0000001"));
        desk.queue(OutboundMessage.timelinePost("timeline:1", "#kb How to https://kb.example.edu/x", null));
        desk.wake();

        OutboxReports.SpendReport spend = reports().spend(7);

        // The resolution rides in INC0000001's acknowledgement (one DM); the post with a link is the dear one.
        assertThat(spend.todayMicros()).isEqualTo(2 * 15_000 + 200_000);
        assertThat(spend.incidents()).isEqualTo(2);
        assertThat(spend.meanPerIncidentMicros()).isEqualTo(15_000);
        assertThat(spend.mostForOneIncidentMicros()).isEqualTo(15_000);
    }

    @Test
    void writesTimeToAcknowledgeSupersededMessagesAndCostsAsMetrics() {
        Log.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
        desk.incident("INC0000001", "42", "101", "OUT0000001");
        desk.queue(OutboundMessage.outageNotice(OutboundMessage.outageNoticeKey("OUT0000001", false, "42"), "42",
                "Blackboard is down", "INC0000001", desk.clock.instant(), true));
        desk.queue(OutboundMessage.outageNotice(OutboundMessage.outageNoticeKey("OUT0000001", true, "42"), "42",
                "INC0000001 is resolved", "INC0000001", desk.clock.instant(), false));
        desk.advance(Duration.ofSeconds(40));
        desk.acknowledgement("INC0000002", "43", "102");
        desk.advance(Duration.ofSeconds(2));

        desk.wake();

        String lines = logs.toString(StandardCharsets.UTF_8);
        assertThat(lines).contains("\"SecondsToAcknowledge\":2.0", "\"MessagesSuperseded\":1", "\"EstimatedCostUsd\":0.015")
                .contains("\"Namespace\":\"ServiceDesk\"");
    }
}
