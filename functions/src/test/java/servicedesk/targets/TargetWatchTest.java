package servicedesk.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import servicedesk.incident.Escalation;
import servicedesk.incident.Incident;
import servicedesk.incident.IncidentState;
import servicedesk.incident.Level;
import servicedesk.incident.Priority;
import servicedesk.incident.Reporter;
import servicedesk.incident.Resolution;
import servicedesk.incident.ResponseTargets;
import servicedesk.records.Change;
import servicedesk.records.Claim;
import servicedesk.testing.MemoryDesk;
import servicedesk.testing.MutableClock;

/** Response targets watched on a schedule, on an in-memory desk. */
class TargetWatchTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-11-22T10:00:00Z"));
    private final MemoryDesk desk = new MemoryDesk();
    private final TargetWatch watch = new TargetWatch(desk.incidents(), desk, Duration.ofDays(5), clock);

    TargetWatchTest() {
        Incident incident = Incident.open("INC0000001", Priority.P3, Level.MEDIUM, Level.MEDIUM, "wifi",
                new Reporter("42", "jo"), "t1", null, "down", Set.of(),
                new ResponseTargets.Target(Duration.ofHours(4), Duration.ofDays(3)), null, clock.instant());
        desk.commit(Claim.tweet("t1", "INC0000001"), Change.of(new Change.OpenIncident(incident)));
    }

    @Test
    void eachBreachIsFlaggedAndEscalatedOnce() {
        clock.advance(Duration.ofHours(3));
        assertThat(watch.run()).isEqualTo(new TargetWatch.Round(1, 0, 0, 0));

        clock.advance(Duration.ofHours(2));
        assertThat(watch.run()).isEqualTo(new TargetWatch.Round(1, 1, 0, 0));
        assertThat(watch.run()).isEqualTo(new TargetWatch.Round(1, 0, 0, 0));
        assertThat(desk.incidents().find("INC0000001").orElseThrow().flags()).containsExactly(Incident.FLAG_FIRST_RESPONSE_BREACHED);

        clock.advance(Duration.ofDays(3));
        assertThat(watch.run()).isEqualTo(new TargetWatch.Round(1, 0, 1, 0));
        assertThat(desk.escalations()).extracting(Escalation::kind)
                .containsExactly(Escalation.Kind.FIRST_RESPONSE_BREACHED, Escalation.Kind.RESOLUTION_BREACHED);
        assertThat(desk.escalations().get(0).text()).isEqualTo(
                "INC0000001 (P3, #wifi) has had no first response; it was due 2025-11-22T14:00:00Z");
    }

    @Test
    void anAnsweredIncidentDoesNotBreachItsFirstResponse() {
        desk.commit(Claim.expiring("answer", null), Change.of(new Change.RespondFirst("INC0000001", clock.instant())));
        clock.advance(Duration.ofHours(5));

        assertThat(watch.run().firstResponseBreaches()).isZero();
        assertThat(desk.escalations()).isEmpty();
    }

    @Test
    void resolvedIncidentsCloseAfterTheConfiguredDays() {
        desk.commit(Claim.expiring("fix", null), Change.of(new Change.ResolveIncident("INC0000001", IncidentState.NEW,
                new Resolution(Resolution.Source.DESK, "fixed", "dana", clock.instant()))));

        clock.advance(Duration.ofDays(4));
        assertThat(watch.run().closed()).isZero();
        clock.advance(Duration.ofDays(2));
        assertThat(watch.run().closed()).isEqualTo(1);
        assertThat(desk.incidents().find("INC0000001").orElseThrow().state()).isEqualTo(IncidentState.CLOSED);
        assertThat(watch.run().closed()).isZero();
        // Closed, it is in the totals and no longer read by a round.
        assertThat(desk.incidents().closedTotals().incidents()).isEqualTo(1);
        assertThat(watch.run().checked()).isEqualTo(0);
        assertThat(DeskReport.current(desk.incidents()).resolved()).isEqualTo(1);
    }
}
