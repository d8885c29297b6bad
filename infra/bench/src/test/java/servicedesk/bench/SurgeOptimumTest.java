package servicedesk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The optimum the surge benchmark compares the desk with: X's windows used to the last slot. */
class SurgeOptimumTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private static List<Instant> every(Duration gap, int count) {
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            times.add(T0.plus(gap.multipliedBy(i)));
        }
        return times;
    }

    @Test
    void fewReportsAreAcknowledgedTheMomentTheyArrive() {
        List<Instant> reports = every(Duration.ofSeconds(10), 20);
        SurgeOptimum.Times times = SurgeOptimum.compute(reports, List.of(T0.plusSeconds(100)), T0.plusSeconds(100),
                T0.plusSeconds(3_000), 15, 100, true);
        for (int i = 0; i < 20; i++) {
            assertThat(times.acknowledged()[i]).isEqualTo(reports.get(i));
        }
    }

    @Test
    void aSurgeFillsBothLanesAndWaitsForTheirResets() {
        // 300 reports at once, nothing else: 15 DMs and 100 replies now, the same after 15 minutes, then the rest.
        List<Instant> reports = every(Duration.ZERO, 300);
        SurgeOptimum.Times times = SurgeOptimum.compute(reports, List.of(), T0.plusSeconds(36_000), T0.plusSeconds(36_001),
                15, 100, true);
        assertThat(times.acknowledged()[114]).isEqualTo(T0);
        assertThat(times.acknowledged()[115]).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        assertThat(times.acknowledged()[229]).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        assertThat(times.acknowledged()[230]).isEqualTo(T0.plus(Duration.ofMinutes(30)));
        assertThat(times.acknowledged()[299]).isEqualTo(T0.plus(Duration.ofMinutes(30)));
        assertThat(SurgeOptimum.acknowledgements(reports, List.of(), 15, 100)).isEqualTo(times.acknowledged());
    }

    @Test
    void noticesNeverDelayTheAcknowledgementsOptimum() {
        // Reports every 2 seconds; at the outage (after 50) its notices could take the slots later reports need.
        List<Instant> reports = every(Duration.ofSeconds(2), 300);
        Instant outage = T0.plusSeconds(99);
        Instant[] alone = SurgeOptimum.acknowledgements(reports, List.of(outage), 15, 100);
        SurgeOptimum.Times withNotices = SurgeOptimum.compute(reports, List.of(outage), outage, T0.plusSeconds(1_200),
                15, 100, false);
        for (int i = 0; i < reports.size(); i++) {
            assertThat(alone[i]).isBeforeOrEqualTo(withNotices.acknowledged()[i]);
        }
        // 15 DMs and 99 replies (an announcement took one post) in the first windows.
        assertThat(alone[113]).isEqualTo(reports.get(113));
        assertThat(alone[114]).isAfter(reports.get(114));
    }

    @Test
    void noticesTakeWhatAcknowledgementsLeaveAndTheResolutionReplacesAWaitingOutageNotice() {
        List<Instant> reports = every(Duration.ofSeconds(1), 20);
        Instant outage = T0.plusSeconds(60);
        Instant resolved = T0.plus(Duration.ofMinutes(10));
        SurgeOptimum.Times times = SurgeOptimum.compute(reports, List.of(outage, resolved), outage, resolved, 15, 100, true);

        // The acknowledgements all go as replies (DMs are left to the notices, which can only use DMs). At the
        // outage 15 notices go at once (the DM window starts); the 5 others wait past the resolution and are
        // replaced by it; the resolution notices wait for the DM window's reset, then the next.
        Instant dmReset = outage.plus(Duration.ofMinutes(15));
        assertThat(times.acknowledged()).allSatisfy(at -> assertThat(at).isBefore(T0.plusSeconds(20)));
        assertThat(times.learnedOutage()[0]).isEqualTo(outage);
        assertThat(times.learnedOutage()[14]).isEqualTo(outage);
        assertThat(times.learnedOutage()[15]).isEqualTo(dmReset.plus(Duration.ofMinutes(15)));
        assertThat(times.learnedResolution()[0]).isEqualTo(dmReset);
        assertThat(times.learnedResolution()[14]).isEqualTo(dmReset);
        assertThat(times.learnedResolution()[15]).isEqualTo(dmReset.plus(Duration.ofMinutes(15)));

        SurgeOptimum.Times anyLane = SurgeOptimum.compute(reports, List.of(outage, resolved), outage, resolved, 15, 100, false);
        assertThat(anyLane.learnedOutage()[0]).isEqualTo(outage);
        assertThat(anyLane.learnedResolution()[19]).isEqualTo(resolved);
    }
}
