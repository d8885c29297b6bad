package servicedesk.console;

import static servicedesk.console.Html.escape;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
    private record Bar(String label, double value) {
    }

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
        chart(html, "first-response", "Mean time to first response, by priority (not yet closed)", firstResponse, hours);
        chart(html, "resolution", "Mean time to resolution, by priority (not yet closed)", resolution, hours);
        Function<Double, String> count = value -> String.valueOf(value.longValue());
        chart(html, "breaches-priority", "Breached targets, by priority", bars(report.breachesByPriority()), count);
        chart(html, "breaches-service", "Breached targets, by service", bars(report.breachesByService()), count);
        long community = Math.round(report.communityResolvedShare() * report.resolved());
        Map<String, Integer> bySource = new LinkedHashMap<>();
        bySource.put("Community", (int) community);
        bySource.put("IT (staff, agents, outages)", (int) (report.resolved() - community));
        chart(html, "resolved-by", "Resolved by (community share "
                + Math.round(report.communityResolvedShare() * 100) + "%)", bars(bySource), count);
        return html.append("</div>").toString();
    }

    private static List<Bar> bars(Map<String, Integer> counts) {
        List<Bar> bars = new ArrayList<>();
        counts.forEach((label, value) -> bars.add(new Bar(label, value)));
        return bars;
    }

    /** A horizontal bar chart; its title and a summary are its accessible name and description. */
    private static void chart(StringBuilder html, String id, String title, List<Bar> bars, Function<Double, String> format) {
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
        int rowHeight = 28;
        int height = Math.max(1, bars.size()) * rowHeight + 8;
        html.append("<figure class=\"chart\" id=\"").append(id).append("\"><figcaption id=\"").append(id).append("-title\">")
                .append(escape(title)).append("</figcaption><svg viewBox=\"0 0 420 ").append(height)
                .append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title ").append(id).append("-desc\">")
                .append("<desc id=\"").append(id).append("-desc\">");
        if (bars.isEmpty()) {
            html.append("No data yet.");
        }
        for (Bar bar : bars) {
            html.append(escape(bar.label())).append(": ").append(escape(format.apply(bar.value()))).append(". ");
        }
        html.append("</desc>");
        if (bars.isEmpty()) {
            html.append("<text x=\"0\" y=\"20\" class=\"label\">No data yet</text>");
        }
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = i * rowHeight + 4;
            long width = max == 0 ? 0 : Math.round(bar.value() / max * 230);
            html.append("<text x=\"0\" y=\"").append(y + 16).append("\" class=\"label\">").append(escape(shorten(bar.label())))
                    .append("</text><rect x=\"130\" y=\"").append(y).append("\" width=\"").append(Math.max(width, bar.value() > 0 ? 2 : 0))
                    .append("\" height=\"20\" rx=\"3\" class=\"bar\"></rect><text x=\"").append(136 + width).append("\" y=\"")
                    .append(y + 16).append("\" class=\"value\">").append(escape(format.apply(bar.value()))).append("</text>");
        }
        html.append("</svg><details><summary>Numbers</summary><table><tbody>");
        bars.forEach(bar -> html.append("<tr><th scope=\"row\">").append(escape(bar.label())).append("</th><td>")
                .append(escape(format.apply(bar.value()))).append("</td></tr>"));
        html.append("</tbody></table></details></figure>");
    }

    private static String shorten(String label) {
        return label.length() <= 18 ? label : label.substring(0, 17) + "…";
    }
}
