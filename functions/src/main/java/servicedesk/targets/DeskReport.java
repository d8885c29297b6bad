package servicedesk.targets;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import servicedesk.incident.Incident;
import servicedesk.incident.Resolution;

/**
 * How the desk is doing, computed from the stored incidents: mean time to first response and to
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

    public static DeskReport of(List<Incident> incidents) {
        OptionalDouble firstResponse = incidents.stream().filter(incident -> incident.firstRespondedAt() != null)
                .mapToLong(incident -> Duration.between(incident.openedAt(), incident.firstRespondedAt()).toSeconds())
                .average();
        List<Incident> resolvedOnes = incidents.stream().filter(incident -> incident.resolution() != null).toList();
        OptionalDouble resolution = resolvedOnes.stream()
                .mapToLong(incident -> Duration.between(incident.openedAt(), incident.resolution().at()).toSeconds())
                .average();
        Map<String, Integer> byPriority = new TreeMap<>();
        Map<String, Integer> byService = new TreeMap<>();
        for (Incident incident : incidents) {
            int breaches = (incident.flags().contains(Incident.FLAG_FIRST_RESPONSE_BREACHED) ? 1 : 0)
                    + (incident.flags().contains(Incident.FLAG_RESOLUTION_BREACHED) ? 1 : 0);
            if (breaches > 0) {
                byPriority.merge(incident.priority().name(), breaches, Integer::sum);
                byService.merge(incident.service(), breaches, Integer::sum);
            }
        }
        long community = resolvedOnes.stream()
                .filter(incident -> incident.resolution().source() == Resolution.Source.COMMUNITY).count();
        return new DeskReport(incidents.size(),
                firstResponse.isPresent() ? firstResponse.getAsDouble() : null,
                resolution.isPresent() ? resolution.getAsDouble() : null,
                byPriority, byService, resolvedOnes.size(),
                resolvedOnes.isEmpty() ? 0 : (double) community / resolvedOnes.size());
    }
}
