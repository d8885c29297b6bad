package servicedesk.status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import servicedesk.format.WebLink;
import servicedesk.outage.Announcement;
import servicedesk.outage.Outage;
import servicedesk.outage.OutageUpdate;

/**
 * The status page as server-rendered HTML: no script, one small stylesheet inline, readable on a phone,
 * landmarks and headings for screen readers, state shown in words as well as colour.
 */
public final class StatusHtml {
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("EEE d MMM, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final String STYLE = """
            :root{color-scheme:light dark;--ok:#0a7c2f;--warn:#8a5a00;--bad:#b3261e;--muted:#5f6368}
            *{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif}
            header,main,footer{max-width:46rem;margin:0 auto;padding:1rem}h1{font-size:1.6rem;margin:.2rem 0}
            h2{font-size:1.2rem;margin-top:2rem}.banner{padding:1rem;border-radius:.5rem;font-weight:600}
            .banner.ok{background:#e6f4ea;color:#0a5c24}.banner.bad{background:#fce8e6;color:#8c1d18}
            .banner.warn{background:#fef7e0;color:#6b4500;font-weight:400}
            ul.services{list-style:none;padding:0;margin:0}ul.services li{display:flex;justify-content:space-between;
            gap:1rem;padding:.6rem 0;border-bottom:1px solid #ddd}.state{font-weight:600}.state.OPERATIONAL{color:var(--ok)}
            .state.MAINTENANCE{color:var(--warn)}.state.OUTAGE{color:var(--bad)}article{border-left:4px solid var(--bad);
            padding:.2rem 0 .2rem 1rem;margin:1rem 0}article.maintenance{border-color:var(--warn)}time,.muted{color:var(--muted)}
            ol.updates{padding-left:1.2rem}a{color:inherit}
            @media (prefers-color-scheme:dark){.banner.ok{background:#0d3b1e;color:#c4eed0}.banner.bad{background:#4a1512;color:#ffd9d4}
            .banner.warn{background:#3d2e00;color:#ffe08a}
            ul.services li{border-color:#444}:root{--muted:#a0a4a8;--ok:#6dd58c;--bad:#ffb4ab;--warn:#ffb951}}
            """;

    /** The Content-Security-Policy of every status answer: no script at all, only this page's own stylesheet. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + sha256(STYLE)
            + "'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private StatusHtml() {
    }

    private static String sha256(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String render(StatusBoard board, String deskName) {
        StringBuilder html = new StringBuilder(8_192)
                .append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>").append(escape(deskName)).append(" status</title>")
                .append("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Announcements\" href=\"status.atom\">")
                .append("<style>").append(STYLE).append("</style></head><body>")
                .append("<header><h1>").append(escape(deskName)).append(" status</h1>")
                .append("<p class=\"muted\">Updated <time datetime=\"").append(board.generatedAt()).append("\">")
                .append(WHEN.format(board.generatedAt())).append("</time> · <a href=\"status.atom\">Atom feed</a> · ")
                .append("<a href=\"status.json\">JSON</a></p></header><main>");
        html.append(board.allOperational()
                ? "<p class=\"banner ok\" role=\"status\">All services are operating normally.</p>"
                : "<p class=\"banner bad\" role=\"status\">Some services have problems. Details below.</p>");
        if (board.reportsAnsweredBy() != null) {
            html.append("<p class=\"banner warn\" role=\"status\">Many reports are coming in. We answer each in the order it ")
                    .append("came; the last should be answered by about <time datetime=\"").append(board.reportsAnsweredBy())
                    .append("\">").append(WHEN.format(board.reportsAnsweredBy())).append("</time>. No need to report again.</p>");
        }
        html.append("<section aria-labelledby=\"services\"><h2 id=\"services\">Services</h2><ul class=\"services\">");
        for (StatusBoard.ServiceState service : board.services()) {
            html.append("<li><span>").append(escape(service.name())).append(" <span class=\"muted\">#")
                    .append(escape(service.hashtag())).append("</span></span><span class=\"state ").append(service.state().name())
                    .append("\">").append(service.state().label());
            if (!service.detail().isEmpty()) {
                html.append(" <span class=\"muted\">(").append(escape(service.detail())).append(")</span>");
            }
            html.append("</span></li>");
        }
        html.append("</ul></section>");
        if (!board.activeOutages().isEmpty()) {
            html.append("<section aria-labelledby=\"outages\"><h2 id=\"outages\">Active outages</h2>");
            for (StatusBoard.OutageStory story : board.activeOutages()) {
                Outage outage = story.outage();
                html.append("<article aria-labelledby=\"").append(outage.id()).append("\"><h3 id=\"").append(outage.id())
                        .append("\">").append(escape(outage.serviceName())).append(": ")
                        .append(outage.statusAt(board.generatedAt()).label()).append("</h3>");
                if (outage.eta() != null) {
                    html.append("<p><strong>Expected back:</strong> ").append(escape(outage.eta())).append("</p>");
                }
                html.append("<ol class=\"updates\" reversed>");
                for (int i = story.updates().size() - 1; i >= 0; i--) {
                    OutageUpdate update = story.updates().get(i);
                    html.append("<li><time datetime=\"").append(update.at()).append("\">").append(WHEN.format(update.at()))
                            .append("</time> · ").append(update.status().label()).append(": ").append(escape(update.text())).append("</li>");
                }
                html.append("</ol></article>");
            }
            html.append("</section>");
        }
        if (!board.maintenance().isEmpty()) {
            html.append("<section aria-labelledby=\"maintenance\"><h2 id=\"maintenance\">Scheduled maintenance</h2>");
            for (Outage window : board.maintenance()) {
                html.append("<article class=\"maintenance\"><h3>").append(escape(window.serviceName())).append(": ")
                        .append(window.statusAt(board.generatedAt()).label()).append("</h3><p>")
                        .append(when(window.windowStart())).append(" to ").append(when(window.windowEnd())).append("</p><p>")
                        .append(escape(window.title())).append("</p></article>");
            }
            html.append("</section>");
        }
        if (!board.knowledge().isEmpty()) {
            html.append("<section aria-labelledby=\"kb\"><h2 id=\"kb\">Recent knowledge articles</h2><ul>");
            for (Announcement article : board.knowledge()) {
                // Only http(s) links are stored; one that is not (stored before that rule) shows as text.
                String link = WebLink.orNull(article.link());
                html.append("<li>").append(link == null ? "" : "<a href=\"" + escape(link) + "\">").append(escape(article.text()))
                        .append(link == null ? "" : "</a>").append(" <span class=\"muted\">#").append(escape(article.service()))
                        .append("</span></li>");
            }
            html.append("</ul></section>");
        }
        return html.append("</main><footer class=\"muted\"><p>Report a problem: tweet us with the service's hashtag.")
                .append("</p></footer></body></html>\n").toString();
    }

    private static String when(Instant instant) {
        return "<time datetime=\"" + instant + "\">" + WHEN.format(instant) + "</time>";
    }

    public static String notFound() {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width,initial-scale=1\"><title>Not found</title></head><body><main>"
                + "<h1>Page not found</h1><p>There is nothing here. The service status is at <a href=\"/status\">/status</a>."
                + "</p></main></body></html>\n";
    }

    private static String escape(String text) {
        return Markup.escape(text);
    }
}
