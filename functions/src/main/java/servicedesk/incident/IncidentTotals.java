package servicedesk.incident;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Running sums over incidents, for the desk's figures: how many, how long to first response and to
 * resolution (sums and counts, so means can be taken of any union), how many the community resolved, and
 * breaches by priority and by service. Closed and canceled incidents are folded into one stored total as
 * they close, so the report reads that total and the incidents still being worked, never the whole history.
 */
public record IncidentTotals(
        long incidents,
        long firstResponses,
        long firstResponseSeconds,
        long resolutions,
        long resolutionSeconds,
        long communityResolutions,
        Map<String, Long> breachesByPriority,
        Map<String, Long> breachesByService) {

    public static final IncidentTotals NONE = new IncidentTotals(0, 0, 0, 0, 0, 0, Map.of(), Map.of());

    public IncidentTotals {
        breachesByPriority = Map.copyOf(breachesByPriority);
        breachesByService = Map.copyOf(breachesByService);
    }

    /** What one incident adds. */
    public static IncidentTotals of(Incident incident) {
        boolean responded = incident.firstRespondedAt() != null;
        boolean resolved = incident.resolution() != null;
        int breaches = (incident.flags().contains(Incident.FLAG_FIRST_RESPONSE_BREACHED) ? 1 : 0)
                + (incident.flags().contains(Incident.FLAG_RESOLUTION_BREACHED) ? 1 : 0);
        return new IncidentTotals(1,
                responded ? 1 : 0,
                responded ? Duration.between(incident.openedAt(), incident.firstRespondedAt()).toSeconds() : 0,
                resolved ? 1 : 0,
                resolved ? Duration.between(incident.openedAt(), incident.resolution().at()).toSeconds() : 0,
                resolved && incident.resolution().source() == Resolution.Source.COMMUNITY ? 1 : 0,
                breaches == 0 ? Map.of() : Map.of(incident.priority().name(), (long) breaches),
                breaches == 0 ? Map.of() : Map.of(incident.service(), (long) breaches));
    }

    public IncidentTotals plus(IncidentTotals other) {
        return new IncidentTotals(incidents + other.incidents, firstResponses + other.firstResponses,
                firstResponseSeconds + other.firstResponseSeconds, resolutions + other.resolutions,
                resolutionSeconds + other.resolutionSeconds, communityResolutions + other.communityResolutions,
                merged(breachesByPriority, other.breachesByPriority), merged(breachesByService, other.breachesByService));
    }

    private static Map<String, Long> merged(Map<String, Long> one, Map<String, Long> other) {
        Map<String, Long> sum = new TreeMap<>(one);
        other.forEach((key, count) -> sum.merge(key, count, Long::sum));
        return sum;
    }
}
