package servicedesk.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import servicedesk.console.BarChart.Bar;
import servicedesk.incident.Incident;
import servicedesk.incident.Priority;
import servicedesk.targets.DeskReport;

/**
 * The desk's figures as charts drawn on the server (SVG, no script): mean time to first response and to
 * resolution by priority (of the incidents not yet closed), breaches by priority and by service, and the
 * community's share of resolutions (all time: closed incidents come as the stored totals, as in
 * {@code GET /reports}). Each chart has a text alternative and its numbers in a table.
 */
final class ReportScreen {
    private ReportScreen() {
    }

    /** {@code report} as {@link DeskReport#current}; {@code working} the incidents it read that are not yet closed. */
    static String render(DeskReport report, List<Incident> working) {
        List<Incident> incidents = working;
        StringBuilder html = new StringBuilder(8_192).append("<h1>Reports</h1><p class=\"facts\">")
                .append(report.incidents()).append(report.incidents() == 1 ? " incident · " : " incidents · ").append(report.resolved()).append(" resolved · mean first response ")
                .append(report.meanSecondsToFirstResponse() == null ? "—" : Html.duration(Duration.ofSeconds(report.meanSecondsToFirstResponse().longValue())))
                .append(" · mean resolution ")
                .append(report.meanSecondsToResolution() == null ? "—" : Html.duration(Duration.ofSeconds(report.meanSecondsToResolution().longValue())))
                .append("</p><div class=\"charts\">");
        List<Bar> firstResponse = new ArrayList<>();
        List<Bar> resolution = new ArrayList<>();
        for (Priority priority : Priority.values()) {
            List<Incident> ofPriority = incidents.stream().filter(incident -> incident.priority() == priority).toList();
            firstResponse.add(new Bar(priority.name(), ofPriority.stream().filter(incident -> incident.firstRespondedAt() != null)
                    .mapToLong(incident -> Duration.between(incident.openedAt(), incident.firstRespondedAt()).toSeconds())
                    .average().orElse(0) / 3600));
            resolution.add(new Bar(priority.name(), ofPriority.stream().filter(incident -> incident.resolution() != null)
                    .mapToLong(incident -> Duration.between(incident.openedAt(), incident.resolution().at()).toSeconds())
                    .average().orElse(0) / 3600));
        }
        Function<Double, String> hours = value -> value == 0 ? "—" : Html.duration(Duration.ofSeconds(Math.round(value * 3600)));
        BarChart.render(html, "first-response", "Mean time to first response, by priority (not yet closed)", firstResponse, hours);
        BarChart.render(html, "resolution", "Mean time to resolution, by priority (not yet closed)", resolution, hours);
        Function<Double, String> count = value -> String.valueOf(value.longValue());
        BarChart.render(html, "breaches-priority", "Breached targets, by priority", bars(report.breachesByPriority()), count);
        BarChart.render(html, "breaches-service", "Breached targets, by service", bars(report.breachesByService()), count);
        long community = Math.round(report.communityResolvedShare() * report.resolved());
        Map<String, Integer> bySource = new LinkedHashMap<>();
        bySource.put("Community", (int) community);
        bySource.put("IT (staff, agents, outages)", (int) (report.resolved() - community));
        BarChart.render(html, "resolved-by", "Resolved by (community share "
                + Math.round(report.communityResolvedShare() * 100) + "%)", bars(bySource), count);
        return html.append("</div>").toString();
    }

    private static List<Bar> bars(Map<String, Integer> counts) {
        List<Bar> bars = new ArrayList<>();
        counts.forEach((label, value) -> bars.add(new Bar(label, value)));
        return bars;
    }
}
