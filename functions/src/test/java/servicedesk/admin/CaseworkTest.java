package servicedesk.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import servicedesk.incident.Incident;
import servicedesk.incident.IncidentPage;
import servicedesk.incident.IncidentQuery;
import servicedesk.incident.IncidentState;
import servicedesk.incident.IncidentStore;
import servicedesk.incident.Level;
import servicedesk.incident.Priority;
import servicedesk.incident.Reporter;
import servicedesk.incident.ResponseTargets;
import servicedesk.incident.TimelineEntry;
import servicedesk.records.Change;
import servicedesk.records.Claim;
import servicedesk.testing.MemoryDesk;
import servicedesk.testing.MutableClock;

/** IT working an incident through its ITIL states, on an in-memory desk. */
class CaseworkTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-11-22T10:00:00Z"));
    private final MemoryDesk desk = new MemoryDesk();
    private final Casework casework = new Casework(desk.incidents(), desk, clock);

    CaseworkTest() {
        Incident incident = Incident.open("INC0000001", Priority.P3, Level.MEDIUM, Level.MEDIUM, "wifi",
                new Reporter("42", "jo"), "t1", null, "down", Set.of(),
                new ResponseTargets.Target(Duration.ofHours(4), Duration.ofDays(3)), null, clock.instant());
        desk.commit(Claim.tweet("t1", "INC0000001"), Change.of(new Change.OpenIncident(incident)));
        clock.advance(Duration.ofMinutes(5));
    }

    private Casework.Result edit(IncidentState state, String assignee, String note, String resolution, String request) {
        return casework.edit("INC0000001", new Casework.Edit(state, assignee, note, resolution), "dana", request);
    }

    @Test
    void cancelingOrClosingFoldsTheIncidentIntoTheClosedTotalsOnce() {
        assertThat(edit(IncidentState.CANCELED, null, "duplicate of INC0000002", null, "r1"))
                .isInstanceOf(Casework.Result.Updated.class);
        assertThat(edit(IncidentState.CANCELED, null, null, null, "r1")).isInstanceOf(Casework.Result.Updated.class);
        assertThat(desk.incidents().closedTotals().incidents()).isEqualTo(1);
        assertThat(servicedesk.targets.DeskReport.current(desk.incidents()).incidents()).isEqualTo(1);
    }

    @Test
    void assigningMovingAndNotingIsOneEditOnTheTimeline() {
        Casework.Result result = edit(IncidentState.IN_PROGRESS, "dana", "looking at the access points", null, "r1");

        Incident incident = ((Casework.Result.Updated) result).incident();
        assertThat(incident.state()).isEqualTo(IncidentState.IN_PROGRESS);
        assertThat(incident.assignee()).isEqualTo("dana");
        assertThat(desk.incidents().timeline("INC0000001")).extracting(TimelineEntry::text)
                .containsExactlyInAnyOrder("New → In Progress", "Assigned to dana", "looking at the access points");
        assertThat(desk.queued()).isEmpty();
    }

    @Test
    void resolvingNeedsAResolutionAndTellsTheReporter() {
        assertThat(edit(IncidentState.RESOLVED, null, null, null, "r1"))
                .isEqualTo(new Casework.Result.Refused(422, "Resolving an incident needs a resolution the reporter can read"));

        Incident resolved = ((Casework.Result.Updated) edit(IncidentState.RESOLVED, null, null, "Restarted the controller", "r2"))
                .incident();

        assertThat(resolved.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(resolved.firstRespondedAt()).isEqualTo(clock.instant());
        assertThat(desk.queued()).singleElement().satisfies(dm -> {
            assertThat(dm.key()).isEqualTo("resolved:INC0000001");
            assertThat(dm.recipientId()).isEqualTo("42");
            assertThat(dm.text()).contains("INC0000001 is resolved: Restarted the controller")
                    .as("a DM about a resolved incident opens nothing: a new report does").contains("tweet us again with #");
        });
    }

    @Test
    void onlyTheItilMovesAreAllowed() {
        edit(IncidentState.CANCELED, null, null, null, "r1");

        assertThat(edit(IncidentState.IN_PROGRESS, null, null, null, "r2"))
                .isEqualTo(new Casework.Result.Refused(409, "An incident that is Canceled cannot become In Progress"));
        assertThat(edit(null, null, null, null, "r3")).isInstanceOf(Casework.Result.Refused.class);
        assertThat(casework.edit("INC0000404", new Casework.Edit(null, "dana", null, null), "dana", "r4"))
                .isEqualTo(new Casework.Result.NotFound());
    }

    @Test
    void aRetriedRequestChangesNothingTwice() {
        edit(null, null, "first note", null, "r1");
        edit(null, null, "first note", null, "r1");

        assertThat(desk.incidents().timeline("INC0000001")).hasSize(1);
    }

    @Test
    void anIncidentThatChangedMeanwhileIsAConflict() {
        Incident read = desk.incidents().find("INC0000001").orElseThrow();
        desk.commit(Claim.expiring("elsewhere", null), Change.of(
                new Change.MoveIncident("INC0000001", IncidentState.NEW, IncidentState.ON_HOLD, clock.instant())));
        Casework stale = new Casework(new ReadBefore(read, desk.incidents()), desk, clock);

        assertThat(stale.edit("INC0000001", new Casework.Edit(IncidentState.IN_PROGRESS, null, null, null), "dana", "r1"))
                .isInstanceOfSatisfying(Casework.Result.Refused.class, refused -> {
                    assertThat(refused.status()).isEqualTo(409);
                    assertThat(refused.reason()).contains("was changed by someone else", "Nothing was saved");
                });
    }

    @Test
    void anEditMadeOnAnOlderVersionIsRefusedWithWhatChangedAndSavesNothing() {
        Incident read = desk.incidents().find("INC0000001").orElseThrow();
        assertThat(read.version()).isEqualTo(1);
        edit(IncidentState.IN_PROGRESS, "dana", null, null, "r1");

        Casework.Result stale = casework.edit("INC0000001", new Casework.Edit(null, null, "my note", null, null, read.version()),
                "sam", "r2");

        assertThat(stale).isEqualTo(new Casework.Result.Refused(409, "INC0000001 was changed by someone else since you read it "
                + "(it is now In Progress, assigned to dana). Nothing was saved: read it again and redo your change."));
        assertThat(desk.incidents().timeline("INC0000001")).extracting(TimelineEntry::text).doesNotContain("my note");
        Incident now = desk.incidents().find("INC0000001").orElseThrow();
        assertThat(now.version()).isEqualTo(2);
        assertThat(casework.edit("INC0000001", new Casework.Edit(null, null, "my note", null, null, now.version()), "sam", "r3"))
                .isInstanceOf(Casework.Result.Updated.class);
        assertThat(desk.incidents().find("INC0000001").orElseThrow().version()).as("every versioned edit counts").isEqualTo(3);
    }

    @Test
    void answeringTheReporterQueuesADmWithAPublicFallbackAndIsTheFirstResponse() {
        Incident updated = ((Casework.Result.Updated) casework.edit("INC0000001",
                new Casework.Edit(null, null, null, null, "Which building are you in?", 1L), "dana", "r1")).incident();

        assertThat(updated.firstRespondedAt()).isEqualTo(clock.instant());
        assertThat(desk.queued()).singleElement().satisfies(dm -> {
            assertThat(dm.key()).isEqualTo("answer:r1");
            assertThat(dm.recipientId()).isEqualTo("42");
            assertThat(dm.text()).isEqualTo("Which building are you in?");
            assertThat(dm.inReplyToTweetId()).isEqualTo("t1");
            assertThat(dm.fallbackText()).startsWith("INC0000001: we have answered you").doesNotContain("building");
        });
        assertThat(desk.incidents().timeline("INC0000001")).singleElement().satisfies(entry -> {
            assertThat(entry.id()).isEqualTo("answer:r1");
            assertThat(entry.kind()).isEqualTo(TimelineEntry.Kind.STAFF_RESPONSE);
        });
        assertThat(casework.edit("INC0000001", new Casework.Edit(null, null, null, null, "x".repeat(10_001), 2L), "dana", "r2"))
                .isEqualTo(new Casework.Result.Refused(422, "An answer is a direct message: at most 10000 characters"));
    }

    @Test
    void theSameRequestTwiceIsMadeOnceEvenThoughItsVersionIsNowOld() {
        Casework.Edit assign = new Casework.Edit(null, "dana", null, null, null, 1L);
        assertThat(casework.edit("INC0000001", assign, "dana", "r1")).isInstanceOf(Casework.Result.Updated.class);
        assertThat(casework.edit("INC0000001", assign, "dana", "r1")).isInstanceOf(Casework.Result.Updated.class);

        assertThat(desk.incidents().find("INC0000001").orElseThrow().version()).isEqualTo(2);
        assertThat(desk.incidents().timeline("INC0000001")).hasSize(1);
    }

    /** The incidents as read before someone else changed this one. */
    private record ReadBefore(Incident read, IncidentStore now) implements IncidentStore {
        @Override
        public Optional<Incident> find(String number) {
            return Optional.of(read);
        }

        @Override
        public Optional<String> incidentForTweet(String tweetId) {
            return now.incidentForTweet(tweetId);
        }

        @Override
        public List<Incident> byReporter(String reporterId, int limit) {
            return now.byReporter(reporterId, limit);
        }

        @Override
        public List<TimelineEntry> timeline(String number) {
            return now.timeline(number);
        }

        @Override
        public IncidentPage list(IncidentQuery query) {
            return now.list(query);
        }

        @Override
        public servicedesk.incident.IncidentTotals closedTotals() {
            return now.closedTotals();
        }
    }
}
