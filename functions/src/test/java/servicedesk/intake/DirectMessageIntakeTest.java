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
