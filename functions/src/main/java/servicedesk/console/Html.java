package servicedesk.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import servicedesk.status.Markup;

/** Writing the console's HTML: escaping everything that came from outside, and the shared page frame. */
final class Html {
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("d MMM HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private Html() {
    }

    /** Text for an element or a quoted attribute: markup escaped and what XML forbids dropped, as the status page does. */
    static String escape(String text) {
        return Markup.escape(text);
    }

    static String when(Instant at) {
        return at == null ? "" : "<time datetime=\"" + at + "\">" + WHEN.format(at) + "</time>";
    }

    /** "2h 5m", "3d 4h", "45s": the two largest units. */
    static String duration(Duration duration) {
        long seconds = Math.abs(duration.toSeconds());
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        if (days > 0) {
            return days + "d" + (hours > 0 ? " " + hours + "h" : "");
        }
        if (hours > 0) {
            return hours + "h" + (minutes > 0 ? " " + minutes + "m" : "");
        }
        return minutes > 0 ? minutes + "m" : seconds + "s";
    }

    /**
     * The page frame: landmarks, a skip link, the navigation (with the current page marked), the agent and a
     * sign-out button; the stylesheet and the script are the console's own files, nothing inline.
     */
    static String page(String title, String current, Session session, String main) {
        StringBuilder html = new StringBuilder(main.length() + 2_048)
                .append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>").append(escape(title)).append(" · Service desk console</title>")
                .append("<link rel=\"stylesheet\" href=\"").append(Assets.CSS).append("\">")
                .append("<script src=\"").append(Assets.JS).append("\" defer></script>");
        if (session != null) {
            html.append("<meta name=\"csrf-token\" content=\"").append(escape(session.csrf())).append("\">");
        }
        html.append("</head><body><a class=\"skip\" href=\"#main\">Skip to content</a><header class=\"top\">")
                .append("<p class=\"brand\"><a href=\"/console\">Service desk</a></p>");
        if (session != null) {
            html.append("<nav aria-label=\"Console\"><ul>");
            link(html, "/console", "Queue", current);
            link(html, "/console/outages", "Outages", current);
            link(html, "/console/reports", "Reports", current);
            link(html, "/console/outbox", "Outbox", current);
            if (session.agent().isAdmin()) {
                link(html, "/console/services", "Services", current);
            }
            html.append("</ul></nav><form class=\"signout\" method=\"post\" action=\"/console/sign-out\">")
                    .append(csrfField(session)).append("<span class=\"who\">").append(escape(session.agent().username()))
                    .append("</span> <button type=\"submit\">Sign out</button></form>");
        }
        return html.append("</header><main id=\"main\" tabindex=\"-1\">").append(main).append("</main></body></html>").toString();
    }

    static String csrfField(Session session) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + escape(session.csrf()) + "\">";
    }

    private static void link(StringBuilder html, String href, String label, String current) {
        html.append("<li><a href=\"").append(href).append('"');
        if (label.equals(current)) {
            html.append(" aria-current=\"page\"");
        }
        html.append('>').append(label).append("</a></li>");
    }
}
