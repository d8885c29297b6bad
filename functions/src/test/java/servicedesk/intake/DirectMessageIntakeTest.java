package servicedesk.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static servicedesk.intake.DeskUnderTest.IT;
import static servicedesk.intake.DeskUnderTest.JO;
import static servicedesk.intake.DeskUnderTest.SAM;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import servicedesk.incident.IncidentState;
import servicedesk.incident.Resolution;
import servicedesk.incident.TimelineEntry;
import servicedesk.notify.OutboundMessage;
import servicedesk.records.Change;
import servicedesk.records.Claim;

/** Direct messages to the IT account, through {@link Intake} on an in-memory desk. */
class DirectMessageIntakeTest {
    private final DeskUnderTest it = new DeskUnderTest();

    @Test
    void statusAnswersWithTheLatestIncidentAndOnlyTheSendersOwn() {
        assertThat(it.dm("d1", JO, "status")).isEqualTo(DirectMessageIntake.Outcome.STATUS_SENT);
        assertThat(it.queued("dm-reply:d1").text()).contains("no incidents with us yet");

        it.tweet("101", JO, "@ITHelp #blackboard I can't open my grades");
        assertThat(it.dm("d2", JO, "Status please")).isEqualTo(DirectMessageIntake.Outcome.STATUS_SENT);
        assertThat(it.queued("dm-reply:d2").text()).startsWith("INC0000001 (Blackboard Learn) is New. Priority P3");
        assertThat(it.dm("d3", SAM, "what about inc0000001?")).isEqualTo(DirectMessageIntake.Outcome.STATUS_SENT);
        assertThat(it.queued("dm-reply:d3").text()).contains("couldn't find INC0000001");
    }

    @Test
    void anyOtherDmIsAPrivateNoteOnTheOpenIncidentOnce() {
        it.tweet("101", JO, "@ITHelp #blackboard I can't open my grades");

        assertThat(it.dm("d1", JO, "It happens in Firefox too")).isEqualTo(DirectMessageIntake.Outcome.NOTE_ADDED);
        assertThat(it.dm("d1", JO, "It happens in Firefox too")).isEqualTo(DirectMessageIntake.Outcome.ALREADY_HANDLED);

        assertThat(it.desk.incidents().timeline("INC0000001")).filteredOn(entry -> entry.kind() == TimelineEntry.Kind.PRIVATE_NOTE)
                .singleElement().extracting(TimelineEntry::text).isEqualTo("It happens in Firefox too");
        assertThat(it.queued("dm-reply:d1").text()).isEqualTo("Thanks, we've added that to INC0000001.");
    }

    @Test
    void aPasswordInAPrivateNoteIsRedactedBeforeItIsStored() {
        it.tweet("101", JO, "@ITHelp #email can't sign in");

        assertThat(it.dm("d1", JO, "in case it helps, my password is Hunter2!x and card 4111 1111 1111 1111"))
                .isEqualTo(DirectMessageIntake.Outcome.NOTE_ADDED);

        assertThat(it.desk.incidents().timeline("INC0000001")).filteredOn(entry -> entry.kind() == TimelineEntry.Kind.PRIVATE_NOTE)
                .singleElement().extracting(TimelineEntry::text).asString()
                .doesNotContain("Hunter2").doesNotContain("4111").contains("[redacted]");
        assertThat(it.queued("dm-reply:d1").text()).contains("left out what looked like a password");
    }

    @Test
    void aReporterAnsweringAnIncidentOnHoldPutsItBackInProgress() {
        it.tweet("101", JO, "@ITHelp #blackboard I can't open my grades");
        it.desk.commit(Claim.expiring("hold", null), Change.of(
                new Change.MoveIncident("INC0000001", IncidentState.NEW, IncidentState.ON_HOLD, it.clock.instant())));

        it.dm("d1", JO, "here is the screenshot you asked for");

        assertThat(it.incident("INC0000001").state()).isEqualTo(IncidentState.IN_PROGRESS);
    }

    @Test
    void withoutAnOpenIncidentTheSenderIsToldHowToReport() {
        assertThat(it.dm("d1", JO, "my laptop is slow")).isEqualTo(DirectMessageIntake.Outcome.NO_OPEN_INCIDENT);
        assertThat(it.queued("dm-reply:d1").text()).contains("no open incident");
    }

    @Test
    void solvedAfterACommunityAnswerResolvesTheIncidentCreditingIt() {
        it.tweet("101", JO, "@ITHelp #blackboard I can't open my grades");
        it.reply("102", SAM, "@userJO clear the browser cache", "101");

        assertThat(it.dm("d1", JO, "solved, thanks!")).isEqualTo(DirectMessageIntake.Outcome.RESOLVED_BY_COMMUNITY);

        var resolved = it.incident("INC0000001");
        assertThat(resolved.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(resolved.resolution().source()).isEqualTo(Resolution.Source.COMMUNITY);
        assertThat(resolved.resolution().creditedTo()).isEqualTo(SAM);
        assertThat(it.queued("dm-reply:d1").text()).contains("with thanks to @user04");
    }

    @Test
    void fortyDmsFromSomeoneWithNoIncidentGetOneAnswerThatDay() {
        java.util.List<Intake.Outcome> outcomes = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            outcomes.add(it.dm("x" + i, SAM, java.util.List.of("hello " + i, "status", "what about INC0000009?").get(i % 3)));
        }

        assertThat(outcomes.get(0)).isEqualTo(DirectMessageIntake.Outcome.NO_OPEN_INCIDENT);
        assertThat(outcomes.subList(1, 40)).containsOnly(DirectMessageIntake.Outcome.ANSWERED_TODAY);
        assertThat(it.desk.queued()).extracting(OutboundMessage::key).containsExactly("dm-reply:x0");
        // Each was claimed all the same: a redelivery is known, and nothing is answered.
        assertThat(it.dm("x1", SAM, "status")).isEqualTo(DirectMessageIntake.Outcome.ALREADY_HANDLED);
        assertThat(it.dm("x0", SAM, "hello 0")).isEqualTo(DirectMessageIntake.Outcome.ALREADY_HANDLED);

        it.clock.advance(java.time.Duration.ofDays(1));
        assertThat(it.dm("y1", SAM, "status")).isEqualTo(DirectMessageIntake.Outcome.STATUS_SENT);
        assertThat(it.queued("dm-reply:y1").text()).contains("no incidents with us yet");
        assertThat(it.dm("y2", SAM, "status")).isEqualTo(DirectMessageIntake.Outcome.ANSWERED_TODAY);
    }

    @Test
    void aReportersDmsAreAllRecordedButAnsweredOncePerQuarterHour() {
        it.tweet("101", JO, "@ITHelp #blackboard I can't open my grades");
        it.dm("x1", SAM, "hello");

        for (int i = 0; i < 5; i++) {
            assertThat(it.dm("d" + i, JO, "detail " + i)).isEqualTo(DirectMessageIntake.Outcome.NOTE_ADDED);
            assertThat(it.dm("s" + i, JO, "status")).isEqualTo(DirectMessageIntake.Outcome.ANSWERED_RECENTLY);
        }
        assertThat(it.desk.incidents().timeline("INC0000001")).extracting(TimelineEntry::id)
                .contains("dm:d0", "dm:d1", "dm:d2", "dm:d3", "dm:d4");
        assertThat(it.desk.queued()).extracting(OutboundMessage::key).filteredOn(key -> key.startsWith("dm-reply:d")
                || key.startsWith("dm-reply:s")).containsExactly("dm-reply:d0");

        it.clock.advance(DirectMessageIntake.ANSWER_WINDOW);
        assertThat(it.dm("s5", JO, "status")).isEqualTo(DirectMessageIntake.Outcome.STATUS_SENT);
        assertThat(it.dm("d5", JO, "my password is hunter2")).as("a secret warning is always sent")
                .isEqualTo(DirectMessageIntake.Outcome.NOTE_ADDED);
        assertThat(it.queued("dm-reply:d5").text()).isNotBlank();
    }

    @Test
    void aPoliteThanksAfterAStrangersReplyIsDetailNotAResolution() {
        it.tweet("101", JO, "@ITHelp #blackboard I can't open my grades");
        it.reply("102", SAM, "ok", "101");

        assertThat(it.dm("d1", JO, "Thank you")).isEqualTo(DirectMessageIntake.Outcome.NOTE_ADDED);
        assertThat(it.dm("d2", JO, "Thanks, but it is still broken for me")).isEqualTo(DirectMessageIntake.Outcome.NOTE_ADDED);
        assertThat(it.dm("d3", JO, "fixed?")).isEqualTo(DirectMessageIntake.Outcome.NOTE_ADDED);
        assertThat(it.incident("INC0000001").state()).isEqualTo(IncidentState.NEW);
        assertThat(it.desk.incidents().timeline("INC0000001")).filteredOn(entry -> entry.kind() == TimelineEntry.Kind.PRIVATE_NOTE)
                .extracting(TimelineEntry::text).containsExactly("Thank you", "Thanks, but it is still broken for me", "fixed?");

        assertThat(it.dm("d4", JO, "Solved 👍")).isEqualTo(DirectMessageIntake.Outcome.RESOLVED_BY_COMMUNITY);
        assertThat(it.incident("INC0000001").state()).isEqualTo(IncidentState.RESOLVED);
    }

    @Test
    void onlyACommunityAnswerAfterTheDesksLastWordToTheReporterCanBeConfirmed() {
        it.tweet("101", JO, "@ITHelp #blackboard I can't open my grades");
        it.reply("102", SAM, "ok", "101");
        it.clock.advance(java.time.Duration.ofMinutes(5));
        // The acknowledgement reaches the reporter after the stranger's reply.
        it.desk.commit(Claim.expiring("sent", null), Change.of(new Change.AddNote("INC0000001", new TimelineEntry(
                "sent:opened:101", it.clock.instant(), TimelineEntry.Kind.REPORTER_NOTIFIED, null, "Direct message to reporter"))));
        it.clock.advance(java.time.Duration.ofMinutes(1));

        assertThat(it.dm("d1", JO, "solved")).isEqualTo(DirectMessageIntake.Outcome.NOTE_ADDED);
        assertThat(it.incident("INC0000001").state()).isEqualTo(IncidentState.NEW);

        it.reply("103", "1700000000000000009", "@userJO clear the cache", "101");
        it.clock.advance(java.time.Duration.ofMinutes(1));
        // The receipt of the reporter's own DM is not a word about the incident.
        it.desk.commit(Claim.expiring("sent2", null), Change.of(new Change.AddNote("INC0000001", new TimelineEntry(
                "sent:dm-reply:d1", it.clock.instant(), TimelineEntry.Kind.REPORTER_NOTIFIED, null, "Direct message to reporter"))));
        assertThat(it.dm("d2", JO, "That worked, thanks!")).isEqualTo(DirectMessageIntake.Outcome.RESOLVED_BY_COMMUNITY);
        assertThat(it.incident("INC0000001").resolution().creditedTo()).isEqualTo("1700000000000000009");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"solved", "Solved!", "fixed.", "  FIXED 🎉🎉", "that worked",
            "It works now :)", "it works", "Solved, thanks!", "Thanks, that worked 🙏🏽", "thx! fixed"})
    void explicitConfirmationsCountAsSolved(String text) {
        assertThat(DirectMessageIntake.SOLVED.matcher(text).matches()).isTrue();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"thanks", "Thank you!", "thx", "Thanks, but it is still broken",
            "solved? not for me", "fixed?", "not fixed", "it works on my phone but not the laptop", "solved it is not",
            "Fixed for 5 minutes then broke again"})
    void politenessQuestionsAndDetailDoNot(String text) {
        assertThat(DirectMessageIntake.SOLVED.matcher(text).matches()).isFalse();
    }

    @Test
    void theAccountsOwnDmsAreIgnored() {
        assertThat(it.dm("d1", IT, "status")).isEqualTo(DirectMessageIntake.Outcome.IGNORED_OWN);
        assertThat(it.handle(new InboundEvent.DirectMessageReceived(
                new DirectMessage("d2", JO, IT, "own-app", "status", Instant.now()))))
                .isEqualTo(DirectMessageIntake.Outcome.IGNORED_OWN);
        assertThat(it.desk.queued()).isEmpty();
    }

    @Test
    void aDmFromSomeoneWithNoOpenIncidentWaitsBrieflyForTheirReport() {
        InboundEvent detail = new InboundEvent.DirectMessageReceived(
                new DirectMessage("d9", JO, DeskUnderTest.IT, "", "It happens on Chrome too", it.clock.instant()));

        assertThat(it.handle(detail, Receipt.webhook(it.clock.instant()))).isEqualTo(DirectMessageIntake.Outcome.AWAITING_INCIDENT);
        assertThat(it.desk.queued()).isEmpty();
        it.tweet("101", JO, "@ITHelp #blackboard I can't open my grades");
        assertThat(it.handle(detail, new Receipt(it.clock.instant(), 1, false))).isEqualTo(DirectMessageIntake.Outcome.NOTE_ADDED);

        InboundEvent stray = new InboundEvent.DirectMessageReceived(
                new DirectMessage("d10", SAM, DeskUnderTest.IT, "", "hello?", it.clock.instant()));
        assertThat(it.handle(stray, new Receipt(it.clock.instant(), Intake.DM_WAITS, false)))
                .isEqualTo(DirectMessageIntake.Outcome.NO_OPEN_INCIDENT);
    }
}
