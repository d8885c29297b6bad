package servicedesk.console;

import static servicedesk.console.Html.escape;
import static servicedesk.console.Html.when;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import servicedesk.console.BarChart.Bar;
import servicedesk.notify.Lane;
import servicedesk.notify.MessageClass;
import servicedesk.notify.OutboxReports;
import servicedesk.notify.Pause;

/**
 * The outbox: the sender's plan exactly as {@code GET /outbox} reports it ({@link OutboxReports}): what waits,
 * by class (best first) and lane, what is left of each of X's windows and when it resets, a pause or a
 * back-off, and when the last waiting message is expected to go.
 */
final class OutboxScreen {
    private OutboxScreen() {
    }

    static String render(OutboxReports.OutboxReport report) {
        Instant now = report.at();
        StringBuilder html = new StringBuilder(8_192).append("<h1>Outbox</h1>");
        if (report.pause() != null) {
            paused(html, report.pause(), now);
        }
        html.append("<p class=\"facts\" id=\"outbox-summary\">");
        if (report.waiting() == 0) {
            html.append("Nothing is waiting: every message has gone out");
        } else {
            html.append(report.waiting()).append(report.waiting() == 1 ? " message waiting" : " messages waiting")
                    .append(" · the last expected to go ").append(at(report.expectedLastSend(), now));
            if (report.expectedLastAcknowledgement() != null) {
                html.append(" · the last acknowledgement ").append(at(report.expectedLastAcknowledgement(), now));
            }
        }
        html.append(" · spent on X today about ").append(usd(report.spentTodayMicros()))
                .append(report.ceilingMicros() == 0 ? " (no daily ceiling)" : " of a daily ceiling of " + usd(report.ceilingMicros()))
                .append(" · as of ").append(when(now)).append(" <a href=\"/console/outbox\">Refresh</a></p>");
        waiting(html, report);
        html.append("<section aria-labelledby=\"budget-title\"><h2 id=\"budget-title\">X's budget, by lane</h2><div class=\"lanes\">");
        report.lanes().forEach(lane -> lane(html, lane, now));
        return html.append("</div></section>").toString();
    }

    private static void paused(StringBuilder html, Pause pause, Instant now) {
        html.append("<p class=\"banner bad\" id=\"paused\">Sending on X is paused since ").append(at(pause.since(), now))
                .append(": ").append(escape(pause.explanation())).append(". X said: “").append(escape(pause.reason()))
                .append("”. Every message waits; the desk asks X again ").append(at(pause.nextProbeAt(), now))
                .append(" and sends again as soon as X accepts.</p>");
    }

    private static void waiting(StringBuilder html, OutboxReports.OutboxReport report) {
        html.append("<section aria-labelledby=\"waiting-title\"><h2 id=\"waiting-title\">Waiting, best first</h2>")
                .append("<div class=\"charts\">");
        Map<MessageClass, Integer> byClass = report.waitingByClass();
        if (report.waiting() > 0) {
            List<Bar> bars = new ArrayList<>();
            for (MessageClass kind : MessageClass.values()) {
                bars.add(new Bar(named(kind).label(), byClass.getOrDefault(kind, 0)));
            }
            BarChart.render(html, "waiting-by-class", "Messages waiting, by class (best first)", bars,
                    value -> String.valueOf(value.longValue()));
        }
        html.append("<table id=\"waiting\"><caption class=\"visually-hidden\">Messages waiting, by class and lane</caption>")
                .append("<thead><tr><th scope=\"col\">Class</th>");
        report.lanes().forEach(lane -> html.append("<th scope=\"col\">").append(label(lane.lane())).append("</th>"));
        html.append("<th scope=\"col\">All</th></tr></thead><tbody>");
        for (MessageClass kind : MessageClass.values()) {
            html.append("<tr><th scope=\"row\">").append(named(kind).label()).append(" <span class=\"muted\">")
                    .append(named(kind).description()).append("</span></th>");
            report.lanes().forEach(lane -> html.append("<td>").append(lane.waiting().getOrDefault(kind, 0)).append("</td>"));
            html.append("<td>").append(byClass.getOrDefault(kind, 0)).append("</td></tr>");
        }
        html.append("</tbody></table></div></section>");
    }

    private static void lane(StringBuilder html, OutboxReports.LaneReport lane, Instant now) {
        String id = "lane-" + lane.lane().name();
        html.append("<section class=\"lane\" aria-labelledby=\"").append(id).append("-title\"><h3 id=\"").append(id)
                .append("-title\">").append(label(lane.lane())).append("</h3><p>");
        if (lane.total() == 0) {
            html.append("Nothing waiting.");
        } else {
            html.append(lane.total()).append(" waiting · the last expected to go ").append(at(lane.expectedLastSend(), now));
        }
        html.append("</p>");
        if (lane.backoffUntil() != null) {
            html.append("<p class=\"banner warn\" id=\"").append(id).append("-backoff\">Backing off until ")
                    .append(at(lane.backoffUntil(), now)).append(": X answered 429 (too many requests) without saying when to ")
                    .append("try again.</p>");
        }
        html.append("<table id=\"").append(id).append("\"><caption class=\"visually-hidden\">").append(label(lane.lane()))
                .append(": X's windows</caption><thead><tr><th scope=\"col\">Window</th><th scope=\"col\">Left</th>")
                .append("<th scope=\"col\">Resets</th></tr></thead><tbody>");
        for (OutboxReports.WindowReport window : lane.windows()) {
            html.append("<tr><th scope=\"row\">").append(escape(window.window())).append("</th><td class=\"left")
                    .append(window.remaining() == 0 ? " none" : low(window) ? " low" : "").append("\">")
                    .append(String.format(Locale.ENGLISH, "%,d of %,d left", window.remaining(), window.limit()))
                    .append(window.remaining() == 0 ? " · used up" : low(window) ? " · nearly used up" : "").append("</td><td>")
                    .append(window.resetsAt() == null ? "not started: its first request starts it" : at(window.resetsAt(), now))
                    .append("</td></tr>");
        }
        html.append("</tbody></table></section>");
    }

    /** A fifth or less of the window left. */
    private static boolean low(OutboxReports.WindowReport window) {
        return window.remaining() * 5 <= window.limit();
    }

    /** The time, and how far it is from now: "1 Dec 10:15 UTC (in 4m)", "(12m ago)". */
    private static String at(Instant at, Instant now) {
        Duration from = Duration.between(now, at);
        String relative = from.abs().getSeconds() < 1 ? "now" : from.isNegative()
                ? Html.duration(from) + " ago" : "in " + Html.duration(from);
        return when(at) + " (" + relative + ")";
    }

    private static String usd(long micros) {
        return String.format(Locale.ROOT, "$%.3f", micros / 1_000_000.0);
    }

    private static String label(Lane lane) {
        return switch (lane) {
            case DIRECT_MESSAGES -> "Direct messages";
            case POSTS -> "Posts and replies";
        };
    }

    /** What a class is called, and what it holds. */
    private record Named(String label, String description) {
    }

    private static Named named(MessageClass kind) {
        return switch (kind) {
            case ANNOUNCEMENT -> new Named("Announcements", "posts on the IT account's timeline");
            case ACKNOWLEDGEMENT -> new Named("Acknowledgements", "incident numbers for new reports");
            case ANSWER -> new Named("Answers", "replies to reporters' DMs");
            case RESPONSE -> new Named("Responses", "staff responses and resolutions");
            case OUTAGE_NOTICE -> new Named("Outage notices", "each affected reporter told of an outage or its end");
            case OTHER -> new Named("Other", "hashtag hints and the rest");
        };
    }
}
