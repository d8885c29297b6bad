package servicedesk.targets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import servicedesk.incident.Incident;
import servicedesk.incident.IncidentQuery;
import servicedesk.incident.IncidentState;
import servicedesk.incident.IncidentStore;
import servicedesk.incident.IncidentTotals;

/**
 * How the desk is doing, from the totals of closed incidents and the incidents still being worked: mean time to first response and to
 * resolution, breaches by priority and by service, and the share of resolutions the community gave.
 */
public record DeskReport(
        int incidents,
        Double meanSecondsToFirstResponse,
        Double meanSecondsToResolution,
        Map<String, Integer> breachesByPriority,
        Map<String, Integer> breachesByService,
        int resolved,
        double communityResolvedShare) {

    /** The states an incident is worked in until it closes: read one by one; closed ones come as totals. */
    public static final List<IncidentState> WORKING = List.of(
            IncidentState.NEW, IncidentState.IN_PROGRESS, IncidentState.ON_HOLD, IncidentState.RESOLVED);

    /**
     * The desk's figures as of now: the stored totals of closed incidents and the incidents still being
     * worked, each read once by state. What this reads grows with the work in hand, not with the history.
     */
    public static DeskReport current(IncidentStore store) {
        List<Incident> working = new ArrayList<>();
        for (IncidentState state : WORKING) {
            working.addAll(store.listAll(IncidentQuery.inState(state)));
        }
        return of(store.closedTotals(), working);
    }

    public static DeskReport of(List<Incident> incidents) {
        return of(IncidentTotals.NONE, incidents);
    }

    public static DeskReport of(IncidentTotals closed, List<Incident> incidents) {
        IncidentTotals totals = closed;
        for (Incident incident : incidents) {
            totals = totals.plus(IncidentTotals.of(incident));
        }
        return new DeskReport(Math.toIntExact(totals.incidents()),
                totals.firstResponses() == 0 ? null : (double) totals.firstResponseSeconds() / totals.firstResponses(),
                totals.resolutions() == 0 ? null : (double) totals.resolutionSeconds() / totals.resolutions(),
                asInts(totals.breachesByPriority()), asInts(totals.breachesByService()),
                Math.toIntExact(totals.resolutions()),
                totals.resolutions() == 0 ? 0 : (double) totals.communityResolutions() / totals.resolutions());
    }

    private static Map<String, Integer> asInts(Map<String, Long> counts) {
        Map<String, Integer> ints = new TreeMap<>();
        counts.forEach((key, count) -> ints.put(key, Math.toIntExact(count)));
        return ints;
    }
}
