package servicedesk.records;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * One author's reports as {@link Change.TakeReportAllowance} records them: their incident on record for each
 * service, and how many new incidents they opened each recent day.
 */
public record Reporting(Map<String, String> incidentByService, Map<LocalDate, Integer> openedByDay) {

    public static final Reporting NONE = new Reporting(Map.of(), Map.of());

    public Reporting {
        incidentByService = Map.copyOf(incidentByService);
        openedByDay = Map.copyOf(openedByDay);
    }

    public Optional<String> incident(String service) {
        return Optional.ofNullable(incidentByService.get(service));
    }

    public int openedOn(LocalDate day) {
        return openedByDay.getOrDefault(day, 0);
    }
}
