package servicedesk.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import servicedesk.incident.Escalation;
import servicedesk.incident.Incident;

/** The sender: once per message, refusals each their own way, the account-wide pause, unknown outcomes, limits. */
class SenderTest {
    private final SenderUnderTest desk = new SenderUnderTest();
    private final MemorySending.ScriptedX x = desk.x;

    @Test
    void sendsOnceEvenWhenWokenAgain() {
        desk.acknowledgement("INC0000001", "42", "101");

        desk.wake();
        desk.wake();

        assertThat(x.sends()).containsExactly("dm 42: We opened INC0000001 (private details)");
        assertThat(desk.outbox.state("opened:101")).isEqualTo(DeliveryState.SENT);
        assertThat(desk.outbox.notes).containsExactly("INC0000001: REPORTER_NOTIFIED Direct message to reporter 42");
        assertThat(desk.spend.on(SenderUnderTest.START.atOffset(java.time.ZoneOffset.UTC).toLocalDate())).isEqualTo(15_000);
        assertThat(desk.spend.incidents).containsEntry("INC0000001", 15_000L);
    }

    @Test
    void aRoundThatFailsGivesTheLeaseUpSoTheQueuesRetryIsNotTurnedAway() {
        desk.acknowledgement("INC0000001", "42", "101");
        x.failNext = new IllegalStateException("a bug in the round");

        assertThatThrownBy(desk::wake).isInstanceOf(IllegalStateException.class);
        desk.acknowledgement("INC0000002", "43", "102");
        Sender.Round retry = desk.wake();

        assertThat(retry.busy()).isFalse();
        assertThat(x.sends()).contains("dm 43: We opened INC0000002 (private details)");
    }

    @Test
    void aRefusedDmFallsBackToAPublicReplyAndThePersonIsRemembered() {
        desk.acknowledgement("INC0000001", "42", "101");
        x.answering(new Delivery.Refused(Delivery.Refusal.NOT_MESSAGEABLE, 403, "Recipient Not Messageable", RateLimit.NONE));

        desk.wake();

        assertThat(x.sends()).containsExactly("dm 42: We opened INC0000001 (private details)", "reply 101: Logged as INC0000001");
        assertThat(desk.outbox.notes).anyMatch(note -> note.contains("does not accept DMs, so a public reply"))
                .contains("INC0000001: REPORTER_NOTIFIED Public reply under tweet 101");

        // The next message to them skips the DM X would refuse.
        desk.advance(Duration.ofMinutes(1));
        desk.acknowledgement("INC0000002", "42", "102");
        desk.queue(OutboundMessage.directMessage("dm-reply:7", "42", "INC0000001 is New", null));
        desk.wake();

        assertThat(x.sends()).hasSize(3).last().isEqualTo("reply 102: Logged as INC0000002");
        assertThat(desk.outbox.state("dm-reply:7")).isEqualTo(DeliveryState.FAILED);
        assertThat(desk.outbox.why("dm-reply:7")).contains("does not accept DMs");
    }

    @Test
    void aDuplicatePostIsMadeDistinctOnceAndRecorded() {
        desk.queue(OutboundMessage.timelinePost("timeline:a", "#outage #wifi Wifi is down", null));
        x.answering(new Delivery.Refused(Delivery.Refusal.DUPLICATE, 403,
                "You are not allowed to create a Tweet with duplicate content.", RateLimit.NONE));

        desk.wake();

        assertThat(x.sends()).containsExactly("post: #outage #wifi Wifi is down", "post: #outage #wifi Wifi is down (10:00 UTC)");
        assertThat(desk.outbox.state("timeline:a")).isEqualTo(DeliveryState.SENT);
    }

    @Test
    void aThreadReplyXRefusesIsPostedOnItsOwn() {
        desk.queue(OutboundMessage.timelinePost("timeline:a", "#outage #wifi down", null));
        desk.queue(OutboundMessage.timelinePost("timeline:b", "#update #wifi identified", "timeline:a"));
        x.answering(new Delivery.Sent("900", RateLimit.NONE), new Delivery.Refused(Delivery.Refusal.REPLY_NOT_ALLOWED, 403,
                "You can only reply to or quote posts where you are mentioned or are the author.", RateLimit.NONE));

        desk.wake();

        assertThat(x.sends()).containsExactly("post: #outage #wifi down", "reply 900: #update #wifi identified",
                "post: #update #wifi identified");
        assertThat(desk.outbox.state("timeline:b")).isEqualTo(DeliveryState.SENT);
    }

    @Test
    void aHelpReplyXRefusesGoesByDmAndAReplyUnderAGonePostFails() {
        desk.queue(OutboundMessage.publicReply("help:101", "42", "101", "Use a hashtag"));
        desk.queue(OutboundMessage.publicReply("help:102", "43", "102", "Use a hashtag please"));
        x.answering(new Delivery.Refused(Delivery.Refusal.REPLY_NOT_ALLOWED, 403, "not summoned", RateLimit.NONE),
                new Delivery.Sent("7", RateLimit.NONE), new Delivery.Refused(Delivery.Refusal.NOT_VISIBLE, 403,
                        "You attempted to reply to a Tweet that is deleted or not visible to you.", RateLimit.NONE));

        desk.wake();

        // The DM comes back in its class and order (the same class, queued first) ahead of the second reply.
        assertThat(x.sends()).containsExactly("reply 101: Use a hashtag", "dm 42: Use a hashtag", "reply 102: Use a hashtag please");
        assertThat(desk.outbox.state("help:101")).isEqualTo(DeliveryState.SENT);
        assertThat(desk.outbox.state("help:102")).isEqualTo(DeliveryState.FAILED);
        assertThat(desk.outbox.why("help:102")).contains("deleted or not visible");
    }

    @Test
    void anAccountWideRefusalPausesEverythingAlarmsOnceAndResumesByItself() {
        desk.acknowledgement("INC0000001", "42", "101");
        desk.acknowledgement("INC0000002", "43", "102");
        x.answering(new Delivery.AccountFailed(Delivery.AccountProblem.CREDITS, 402,
                "Your enrolled account [29820954] does not have any credits to fulfill this request."));
        x.probes.add(new Delivery.AccountFailed(Delivery.AccountProblem.CREDITS, 402, "still none"));

        Sender.Round first = desk.wake();

        assertThat(x.sends()).hasSize(1);
        assertThat(desk.outbox.state("opened:101")).isEqualTo(DeliveryState.PENDING);
        assertThat(desk.outbox.state("opened:102")).isEqualTo(DeliveryState.PENDING);
        assertThat(desk.state.pause).isNotNull();
        assertThat(desk.state.pause.since()).isEqualTo(SenderUnderTest.START);
        assertThat(desk.state.pause.problem()).isEqualTo(Delivery.AccountProblem.CREDITS);
        assertThat(first.nextWake()).isEqualTo(SenderUnderTest.START.plusSeconds(30));
        assertThat(desk.desk.escalations()).singleElement().satisfies(escalation -> {
            assertThat(escalation.kind()).isEqualTo(Escalation.Kind.SENDING_PAUSED);
            assertThat(escalation.text()).contains("credits are used up", "does not have any credits");
        });

        // Woken early: nothing. At the probe: X still refuses, so the next probe is later; one notice in all.
        desk.wake();
        desk.advance(Duration.ofSeconds(30));
        Sender.Round second = desk.wake();
        assertThat(x.calls).containsExactly("dm 42: We opened INC0000001 (private details)", "probe");
        assertThat(second.nextWake()).isEqualTo(SenderUnderTest.START.plusSeconds(30 + 60));
        assertThat(desk.desk.escalations()).hasSize(1);

        // X accepts again: the probe passes and everything goes, in order.
        desk.advance(Duration.ofSeconds(60));
        desk.wake();
        assertThat(desk.state.pause).isNull();
        assertThat(x.sends()).containsExactly("dm 42: We opened INC0000001 (private details)",
                "dm 42: We opened INC0000001 (private details)", "dm 43: We opened INC0000002 (private details)");
    }

    @Test
    void probesBackOffButNeverWaitMoreThanFourMinutes() {
        desk.acknowledgement("INC0000001", "42", "101");
        x.answering(new Delivery.AccountFailed(Delivery.AccountProblem.CREDENTIALS, 401, "Unauthorized"));
        for (int i = 0; i < 10; i++) {
            x.probes.add(new Delivery.AccountFailed(Delivery.AccountProblem.CREDENTIALS, 401, "Unauthorized"));
        }
        desk.wake();
        Instant previous = desk.state.pause.nextProbeAt();
        for (int i = 0; i < 8; i++) {
            desk.clock.advance(Duration.between(desk.clock.instant(), previous));
            Instant next = desk.wake().nextWake();
            assertThat(Duration.between(previous, next)).isLessThanOrEqualTo(Duration.ofMinutes(4));
            previous = next;
        }
        assertThat(Duration.between(desk.clock.instant(), previous)).isEqualTo(Duration.ofMinutes(4));
    }

    @Test
    void anUnknownOutcomeIsLookedUpAndMarkedSentWhenItWentOut() {
        desk.acknowledgement("INC0000001", "42", "101");
        x.answering(new Delivery.Uncertain("no answer from X"));
        x.lookups.add(new Lookup.Found("555", 3));

        Sender.Round round = desk.wake();
        assertThat(desk.outbox.state("opened:101")).isEqualTo(DeliveryState.UNCERTAIN);
        assertThat(round.nextWake()).isEqualTo(SenderUnderTest.START.plus(Sender.LOOK_UP_AFTER));

        desk.advance(Sender.LOOK_UP_AFTER);
        desk.wake();

        assertThat(x.calls).containsExactly("dm 42: We opened INC0000001 (private details)", "look up opened:101");
        assertThat(desk.outbox.state("opened:101")).isEqualTo(DeliveryState.SENT);
    }

    @Test
    void anUnknownOutcomeNotOnXIsSentOnceMore() {
        desk.acknowledgement("INC0000001", "42", "101");
        x.answering(new Delivery.Uncertain("X answered 503 after the request reached it"));
        x.lookups.add(new Lookup.NotFound(2));

        desk.wake();
        desk.advance(Sender.LOOK_UP_AFTER);
        desk.wake();

        assertThat(x.calls).containsExactly("dm 42: We opened INC0000001 (private details)", "look up opened:101",
                "dm 42: We opened INC0000001 (private details)");
        assertThat(desk.outbox.state("opened:101")).isEqualTo(DeliveryState.SENT);
        // The reads are billed too: two DM events at $0.010 each, on top of the DM.
        assertThat(desk.spend.incidents).containsEntry("INC0000001", 15_000L + 20_000L);
    }

    @Test
    void aMessageLeftSendingByASenderThatDiedIsLookedUp() {
        desk.acknowledgement("INC0000001", "42", "101");
        StoredMessage pending = desk.outbox.waiting(Lane.DIRECT_MESSAGES, 1).get(0);
        assertThat(desk.outbox.claim(pending, desk.clock.instant(), true, desk.clock.instant().plus(Sender.WATCHDOG))).isTrue();
        x.lookups.add(new Lookup.Found("556", 1));

        desk.wake();
        assertThat(x.calls).isEmpty();
        desk.advance(Sender.WATCHDOG);
        desk.wake();

        assertThat(x.calls).containsExactly("look up opened:101");
        assertThat(desk.outbox.state("opened:101")).isEqualTo(DeliveryState.SENT);
    }

    @Test
    void aRateLimitWithAResetWaitsForIt() {
        desk.queue(OutboundMessage.directMessage("dm-reply:1", "42", "INC0000001 is New", null));
        Instant reset = SenderUnderTest.START.plusSeconds(600);
        x.answering(new Delivery.RateLimited(reset, new RateLimit(new RateLimit.Window(15, 0, reset), null, null)));

        Sender.Round round = desk.wake();

        assertThat(round.nextWake()).isEqualTo(reset);
        assertThat(desk.outbox.state("dm-reply:1")).isEqualTo(DeliveryState.PENDING);
        desk.advance(Duration.ofSeconds(300));
        desk.wake();
        assertThat(x.sends()).hasSize(1);
        desk.advance(Duration.ofSeconds(300));
        desk.wake();
        assertThat(x.sends()).hasSize(2);
        assertThat(desk.outbox.state("dm-reply:1")).isEqualTo(DeliveryState.SENT);
    }

    @Test
    void aRateLimitWithoutAResetBacksOffWithJitterFromHalfAMinuteUpToTheWindow() {
        desk.queue(OutboundMessage.directMessage("dm-reply:1", "42", "INC0000001 is New", null));
        for (int i = 0; i < 8; i++) {
            x.answering(new Delivery.RateLimited(null, RateLimit.NONE));
        }
        List<Duration> waits = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Instant next = desk.wake().nextWake();
            waits.add(Duration.between(desk.clock.instant(), next));
            desk.clock.advance(waits.get(i));
        }
        assertThat(x.sends()).hasSize(7);
        assertThat(waits.get(0)).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
        assertThat(waits.get(1)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
        assertThat(waits.get(6)).isBetween(Duration.ofMinutes(7).plusSeconds(30), Duration.ofMinutes(15));
        assertThat(desk.outbox.state("dm-reply:1")).isEqualTo(DeliveryState.PENDING);
    }

    @Test
    void aDailyCapWaitsForTheDayNotTheQuarterHour() {
        Instant dayReset = SenderUnderTest.START.plus(Duration.ofHours(9));
        desk.queue(OutboundMessage.directMessage("dm-reply:1", "42", "one", null));
        desk.queue(OutboundMessage.directMessage("dm-reply:2", "43", "two", null));
        x.answering(new Delivery.Sent("1", new RateLimit(new RateLimit.Window(15, 14, SenderUnderTest.START.plusSeconds(900)),
                new RateLimit.Window(1440, 0, dayReset), null)));

        Sender.Round round = desk.wake();

        assertThat(x.sends()).hasSize(1);
        assertThat(round.nextWake()).isEqualTo(SenderUnderTest.START.plus(Sender.LONGEST_WAKE));
        desk.advance(Duration.ofHours(1));
        desk.wake();
        assertThat(x.sends()).hasSize(1);
        desk.clock.advance(Duration.between(desk.clock.instant(), dayReset));
        desk.wake();
        assertThat(x.sends()).hasSize(2);
    }

    @Test
    void withoutHeadersTheDeskCountsItsOwnRequestsAndWaitsForTheWindow() {
        for (int i = 1; i <= 16; i++) {
            desk.queue(OutboundMessage.directMessage("dm-reply:" + i, Long.toString(100 + i), "answer " + i, null));
        }

        Sender.Round round = desk.wake();

        assertThat(x.sends()).hasSize(15);
        assertThat(round.nextWake()).isEqualTo(SenderUnderTest.START.plus(LaneBudget.QUARTER_HOUR));
        desk.advance(LaneBudget.QUARTER_HOUR);
        desk.wake();
        assertThat(x.sends()).hasSize(16);
    }

    @Test
    void nothingGoesToSomeoneWhoBlocksTheAccountAndUnsolicitedMessagesKeepToTheAllowance() {
        desk.acknowledgement("INC0000001", "42", "101");
        desk.audience.blocking.add("42");
        desk.incident("INC0000002", "43", "102", "OUT0000001");
        desk.queue(OutboundMessage.outageNotice(OutboundMessage.outageNoticeKey("OUT0000001", false, "43"), "43",
                "outage one", "INC0000002", desk.clock.instant(), true));
        desk.queue(OutboundMessage.outageNotice(OutboundMessage.outageNoticeKey("OUT0000002", false, "43"), "43",
                "outage two", "INC0000002", desk.clock.instant(), true));

        desk.wake();

        assertThat(x.sends()).containsExactly("dm 43: outage one");
        assertThat(desk.outbox.state("opened:101")).isEqualTo(DeliveryState.WITHHELD);
        assertThat(desk.outbox.why("told:OUT0000002:OUTAGE:43")).contains("allowance");
    }

    @Test
    void someoneWhoBlockedTheAccountGetsNeitherTheDmNorItsPublicFallbackNorAnOutageNotice() {
        desk.acknowledgement("INC0000001", "42", "101");
        desk.incident("INC0000002", "42", "102", "OUT0000001");
        desk.queue(OutboundMessage.outageNotice(OutboundMessage.outageNoticeKey("OUT0000001", false, "42"), "42",
                "outage one", "INC0000002", desk.clock.instant(), true));
        desk.audience.blockingAccount.add("42");

        desk.wake();

        assertThat(x.sends()).isEmpty();
        assertThat(desk.outbox.state("opened:101")).isEqualTo(DeliveryState.WITHHELD);
        assertThat(desk.outbox.why("opened:101")).contains("the recipient has blocked the IT account");
        assertThat(desk.outbox.state("told:OUT0000001:OUTAGE:42")).isEqualTo(DeliveryState.WITHHELD);
    }

    @Test
    void aSecondWakeWhileOneSenderWorksPokesItAndItWorksAgain() {
        desk.acknowledgement("INC0000001", "42", "101");
        desk.state.onRelease = new Runnable() {
            private boolean once;

            @Override
            public void run() {
                if (!once) {
                    once = true;
                    // A message committed while the holder finishes: its wake-up finds the lease held and pokes.
                    desk.acknowledgement("INC0000002", "43", "102");
                    assertThat(desk.sender().wake(List.of()).busy()).isTrue();
                }
            }
        };

        desk.wake();

        assertThat(x.sends()).hasSize(2);
        assertThat(desk.state.holder).isNull();
    }

    @Test
    void anAcknowledgementKeepsItsPlaceWhenItsIncidentIsSecretRelated() {
        desk.state.save(LaneBudget.fresh(Lane.DIRECT_MESSAGES, desk.policy.directMessages())
                .taken(15, desk.clock.instant()));
        desk.incident("INC0000001", "42", "101", null, Incident.FLAG_SECRET_REDACTED);
        desk.queue(OutboundMessage.directMessage("opened:101", "42", "delete that tweet", "INC0000001")
                .withPublicFallback("101", "Logged as INC0000001"));

        desk.wake();

        assertThat(x.sends()).isEmpty();
        assertThat(desk.outbox.message("opened:101").channel()).isEqualTo(Channel.DIRECT_MESSAGE);
    }
}
