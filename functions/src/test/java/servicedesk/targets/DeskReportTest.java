package servicedesk.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import servicedesk.incident.Incident;
import servicedesk.incident.IncidentState;
import servicedesk.incident.IncidentTotals;
import servicedesk.incident.Level;
import servicedesk.incident.Priority;
import servicedesk.incident.Reporter;
import servicedesk.incident.Resolution;

/** The desk's figures from its incidents. */
class DeskReportTest {
    private static final Instant T0 = Instant.parse("2025-11-22T10:00:00Z");

    private static Incident incident(String number, Priority priority, String service, Set<String> flags,
                                     Duration respondedAfter, Resolution resolution) {
        return new Incident(number, resolution == null ? IncidentState.NEW : IncidentState.RESOLVED, priority, Level.MEDIUM,
                Level.MEDIUM, service, new Reporter("42", "jo"), null, null, "down", flags, T0, T0, T0, T0, null,
                respondedAfter == null ? null : T0.plus(respondedAfter), resolution, null);
    }

    @Test
    void meanTimesBreachesAndTheCommunitysShare() {
        DeskReport report = DeskReport.of(List.of(
                incident("INC0000001", Priority.P3, "wifi", Set.of(Incident.FLAG_FIRST_RESPONSE_BREACHED), Duration.ofMinutes(10),
                        new Resolution(Resolution.Source.COMMUNITY, "cache", "43", T0.plus(Duration.ofHours(1)))),
                incident("INC0000002", Priority.P3, "vpn",
                        Set.of(Incident.FLAG_FIRST_RESPONSE_BREACHED, Incident.FLAG_RESOLUTION_BREACHED), Duration.ofMinutes(30),
                        new Resolution(Resolution.Source.STAFF, "kb", "dana", T0.plus(Duration.ofHours(3)))),
                incident("INC0000003", Priority.P1, "wifi", Set.of(), null, null)));

        assertThat(report.incidents()).isEqualTo(3);
        assertThat(report.meanSecondsToFirstResponse()).isEqualTo(1200.0);
        assertThat(report.meanSecondsToResolution()).isEqualTo(7200.0);
        assertThat(report.breachesByPriority()).isEqualTo(Map.of("P3", 3));
        assertThat(report.breachesByService()).isEqualTo(Map.of("wifi", 1, "vpn", 2));
        assertThat(report.resolved()).isEqualTo(2);
        assertThat(report.communityResolvedShare()).isEqualTo(0.5);
    }

    @Test
    void anEmptyDeskHasNoMeans() {
        DeskReport report = DeskReport.of(List.of());

        assertThat(report.meanSecondsToFirstResponse()).isNull();
        assertThat(report.meanSecondsToResolution()).isNull();
        assertThat(report.communityResolvedShare()).isZero();
    }

    @Test
    void theReportIsTheClosedTotalsAndTheIncidentsInHandTogether() {
        Incident closed = incident("INC0000001", Priority.P3, "wifi", Set.of(Incident.FLAG_FIRST_RESPONSE_BREACHED),
                Duration.ofMinutes(10), new Resolution(Resolution.Source.COMMUNITY, "cache", "43", T0.plus(Duration.ofHours(1))));
        Incident open = incident("INC0000002", Priority.P1, "vpn", Set.of(Incident.FLAG_RESOLUTION_BREACHED),
                Duration.ofMinutes(30), null);

        DeskReport split = DeskReport.of(IncidentTotals.of(closed), List.of(open));

        assertThat(split).isEqualTo(DeskReport.of(List.of(closed, open)));
        assertThat(split.breachesByPriority()).isEqualTo(Map.of("P3", 1, "P1", 1));
    }
}
