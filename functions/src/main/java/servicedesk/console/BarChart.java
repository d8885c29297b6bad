package servicedesk.console;

import static servicedesk.console.Html.escape;

import java.util.List;
import java.util.function.Function;

/**
 * A horizontal bar chart drawn on the server (SVG, no script): its title and a summary of its bars are its
 * accessible name and description, and its numbers are in a table beside it.
 */
final class BarChart {
    record Bar(String label, double value) {
    }

    private BarChart() {
    }

    static void render(StringBuilder html, String id, String title, List<Bar> bars, Function<Double, String> format) {
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
