package servicedesk.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The message plan: the most valuable message first within both windows, acknowledgements in public when no
 * DM slot is near, news merged or dropped per person, and the spend ceiling holding the lowest classes.
 */
class PlanTest {
    private final SenderUnderTest desk = new SenderUnderTest();
    private final MemorySending.ScriptedX x = desk.x;

    /** Uses up the DM window now (as earlier requests would), so whatever is queued next has to wait. */
    private void dmWindowUsedUp() {
        desk.state.save(desk.budget(Lane.DIRECT_MESSAGES).taken(15, desk.clock.instant()));
    }

    @Test
    void eachRequestGoesToTheMostValuableWaitingMessageInReportOrder() {
        Instant early = desk.clock.instant();
        desk.advance(Duration.ofMinutes(1));
        desk.queue(OutboundMessage.publicReply("help:1", "50", "901", "hint"));
        desk.incident("INC0000009", "51", "951", "OUT0000001");
        desk.incident("INC0000008", "52", "952", "OUT0000001");
        // Queued in the opposite order to their reports: report order wins among notices.
        desk.queue(OutboundMessage.outageNotice(OutboundMessage.outageNoticeKey("OUT0000001", false, "51"), "51",
                "notice late report", "INC0000009", early.plusSeconds(30), true));
        desk.queue(OutboundMessage.outageNotice(OutboundMessage.outageNoticeKey("OUT0000001", false, "52"), "52",
                "notice early report", "INC0000008", early, true));
        desk.queue(OutboundMessage.directMessage("resolved:INC0000007", "53", "resolved", null));
        desk.queue(OutboundMessage.directMessage("dm-reply:1", "54", "status", null));
        desk.acknowledgement("INC0000010", "55", "955");
        desk.queue(OutboundMessage.timelinePost("timeline:ann", "#outage #blackboard down", null));

        desk.wake();

        assertThat(x.sends()).containsExactly(
                "post: #outage #blackboard down",
                "dm 55: We opened INC0000010 (private details)",
                "dm 54: status",
                "dm 53: resolved",
                "dm 52: notice early report",
                "dm 51: notice late report",
                "reply 901: hint");
    }

    @Test
    void theBudgetLeftAfterBetterMessagesGoesToNoticesAndTheRestWaitForTheReset() {
        for (int i = 0; i < 20; i++) {
            desk.incident(String.format("INC%07d", i + 1), Long.toString(100 + i), Long.toString(900 + i), "OUT0000001");
            desk.queue(OutboundMessage.outageNotice(OutboundMessage.outageNoticeKey("OUT0000001", false, Long.toString(100 + i)),
                    Long.toString(100 + i), "notice " + i, String.format("INC%07d", i + 1), desk.clock.instant().plusSeconds(i), true));
        }
        desk.queue(OutboundMessage.directMessage("dm-reply:1", "54", "status", null));

        Sender.Round round = desk.wake();

        // 15 DMs a window, 2 of them kept for acknowledgements and answers until the window's last minutes.
        assertThat(x.sends()).hasSize(13).first().isEqualTo("dm 54: status");
        assertThat(round.nextWake()).isEqualTo(desk.clock.instant().plus(Duration.ofMinutes(13)));
        desk.advance(Duration.ofMinutes(13));
        desk.wake();
        assertThat(x.sends()).hasSize(15);
        desk.advance(Duration.ofMinutes(2));
        desk.wake();
        assertThat(x.sends()).hasSize(21).last().isEqualTo("dm 119: notice 19");
    }

    @Test
    void anAcknowledgementWithNoDmSlotInSightGoesAsAPublicReplyWithTheNumberOnly() {
        dmWindowUsedUp();
        desk.acknowledgement("INC0000001", "42", "101");

        desk.wake();

        assertThat(x.sends()).containsExactly("reply 101: Thanks, we've logged this as INC0000001. We'll DM you when there is news.");
        assertThat(desk.outbox.notes).anyMatch(note -> note.contains("no DM slot within 5 minutes"));
        assertThat(desk.spend.incidents).containsEntry("INC0000001", 10_000L);
    }

    @Test
    void anAcknowledgementKeepsItsDmWhenTheSlotIsNearEnough() {
        dmWindowUsedUp();
        desk.advance(Duration.ofMinutes(11));
        desk.acknowledgement("INC0000001", "42", "101");

        Sender.Round round = desk.wake();

        assertThat(x.sends()).isEmpty();
        assertThat(round.nextWake()).isEqualTo(SenderUnderTest.START.plus(LaneBudget.QUARTER_HOUR));
        desk.advance(Duration.ofMinutes(4));
        desk.wake();
        assertThat(x.sends()).containsExactly("dm 42: We opened INC0000001 (private details)");
    }

    @Test
    void ofManyAcknowledgementsEachTakesTheEarlierLane() {
        dmWindowUsedUp();
        desk.state.save(desk.budget(Lane.POSTS).taken(99, desk.clock.instant().plusSeconds(60)));
        for (int i = 0; i < 20; i++) {
            desk.acknowledgement(String.format("INC%07d", i + 1), Long.toString(100 + i), Long.toString(900 + i));
        }

        desk.wake();

        // Posts have 1 left (held for an announcement until 2 minutes before the reset at 16 minutes): the first
        // takes it at 14 minutes, before the DM window's reset at 15; the next 15 take that; the rest the posts' next window.
        long replies = desk.outbox.waitingCounts().get(Lane.POSTS).getOrDefault(MessageClass.ACKNOWLEDGEMENT, 0);
        long dms = desk.outbox.waitingCounts().get(Lane.DIRECT_MESSAGES).getOrDefault(MessageClass.ACKNOWLEDGEMENT, 0);
        assertThat(x.sends()).isEmpty();
        assertThat(dms).isEqualTo(15);
        assertThat(replies).isEqualTo(5);
    }

    @Test
    void aWaitingOutageNoticeIsReplacedByTheResolution() {
        desk.incident("INC0000001", "42", "101", "OUT0000001");
        dmWindowUsedUp();
        desk.queue(OutboundMessage.outageNotice(OutboundMessage.outageNoticeKey("OUT0000001", false, "42"), "42",
                "Blackboard is down", "INC0000001", desk.clock.instant(), true));
        desk.wake();
        desk.queue(OutboundMessage.outageNotice(OutboundMessage.outageNoticeKey("OUT0000001", true, "42"), "42",
                "INC0000001 is resolved", "INC0000001", desk.clock.instant(), false));
        desk.advance(LaneBudget.QUARTER_HOUR);

        desk.wake();

        assertThat(x.sends()).containsExactly("dm 42: INC0000001 is resolved");
        assertThat(desk.outbox.state("told:OUT0000001:OUTAGE:42")).isEqualTo(DeliveryState.SUPERSEDED);
        assertThat(desk.outbox.why("told:OUT0000001:OUTAGE:42")).contains("the outage is over");
        assertThat(desk.outbox.notes).anyMatch(note -> note.contains("not sent: the outage is over"));
    }

    @Test
    void aWaitingAcknowledgementCarriesTheOutageNoticeAndTheResolutionInOneMessage() {
        dmWindowUsedUp();
        desk.advance(Duration.ofMinutes(12));
        desk.incident("INC0000001", "42", "101", "OUT0000001");
        desk.queue(OutboundMessage.directMessage("opened:101", "42", "We opened INC0000001", "INC0000001")
                .withPublicFallback("101", "Logged as INC0000001"));
        desk.queue(OutboundMessage.outageNotice(OutboundMessage.outageNoticeKey("OUT0000001", false, "42"), "42",
                "Blackboard is down", "INC0000001", desk.clock.instant(), true));
        desk.queue(OutboundMessage.outageNotice(OutboundMessage.outageNoticeKey("OUT0000001", true, "42"), "42",
                "INC0000001 is resolved", "INC0000001", desk.clock.instant(), false));
        desk.advance(Duration.ofMinutes(3));

        desk.wake();

        assertThat(x.sends()).containsExactly("dm 42: We opened INC0000001\n\nINC0000001 is resolved");
        assertThat(desk.outbox.state("told:OUT0000001:RESOLVED:42")).isEqualTo(DeliveryState.SUPERSEDED);
        assertThat(desk.outbox.state("told:OUT0000001:OUTAGE:42")).isEqualTo(DeliveryState.SUPERSEDED);
        assertThat(desk.outbox.why("told:OUT0000001:RESOLVED:42")).contains("merged into opened:101");
    }

    @Test
    void anOutageNoticeIsDroppedWhenTheAcknowledgementToldThemAlready() {
        desk.incident("INC0000001", "42", "101", "OUT0000001");
        desk.queue(OutboundMessage.directMessage("opened:101", "42", "We opened INC0000001. It is part of a known outage (OUT0000001)",
                "INC0000001").withPublicFallback("101", "Logged as INC0000001"));
        desk.wake();
        desk.queue(OutboundMessage.outageNotice(OutboundMessage.outageNoticeKey("OUT0000001", false, "42"), "42",
                "Blackboard is down", "INC0000001", desk.clock.instant(), true));

        desk.wake();

        assertThat(x.sends()).hasSize(1);
        assertThat(desk.outbox.why("told:OUT0000001:OUTAGE:42")).contains("their acknowledgement opened:101 told them");
    }

    @Test
    void aPublicAcknowledgementDuringAnOutageSaysSoAndTakesInTheNotice() {
        dmWindowUsedUp();
        desk.incident("INC0000001", "42", "101", "OUT0000001");
        desk.queue(OutboundMessage.directMessage("opened:101", "42", "We opened INC0000001", "INC0000001")
                .withPublicFallback("101", "Logged as INC0000001"));
        desk.queue(OutboundMessage.outageNotice(OutboundMessage.outageNoticeKey("OUT0000001", false, "42"), "42",
                "Blackboard is down", "INC0000001", desk.clock.instant(), true));

        desk.wake();

        assertThat(x.sends()).containsExactly("reply 101: Thanks, we've logged this as INC0000001. "
                + "It is part of a known outage (OUT0000001): updates are on our timeline.");
        assertThat(desk.outbox.state("told:OUT0000001:OUTAGE:42")).isEqualTo(DeliveryState.SUPERSEDED);
    }

    @Test
    void theSpendCeilingHoldsTheLowestClassesUntilTheNextDay() {
        desk.policy = desk.policy.withCeilingMicros(30_000);
        desk.incident("INC0000005", "55", "955", "OUT0000001");
        desk.queue(OutboundMessage.outageNotice(OutboundMessage.outageNoticeKey("OUT0000001", false, "55"), "55",
                "notice", "INC0000005", desk.clock.instant(), true));
        desk.queue(OutboundMessage.publicReply("help:1", "50", "901", "hint"));
        desk.acknowledgement("INC0000001", "42", "101");
        desk.acknowledgement("INC0000002", "43", "102");
        desk.acknowledgement("INC0000003", "44", "103");

        Sender.Round round = desk.wake();

        // Three acknowledgements go ($0.045, past the $0.03 ceiling); the notice and the hint wait for tomorrow.
        assertThat(x.sends()).hasSize(3).allMatch(send -> send.startsWith("dm 4"));
        LocalDate today = desk.clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
        assertThat(round.nextWake()).isEqualTo(desk.clock.instant().plus(Sender.LONGEST_WAKE));
        desk.clock.advance(Duration.between(desk.clock.instant(), today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)));
        desk.wake();
        assertThat(x.sends()).hasSize(5).contains("dm 55: notice", "reply 901: hint");
    }
}
