package servicedesk.console;

import static servicedesk.console.Html.escape;
import static servicedesk.console.Html.when;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import servicedesk.broadcast.PostLength;
import servicedesk.incident.Incident;
import servicedesk.incident.IncidentState;
import servicedesk.incident.TimelineEntry;

/**
 * An incident as an agent works it: the reporter's tweet, the community's answers in its thread, the private
 * notes, the targets and time left, the whole timeline (with each answer's delivery: queued until X has it),
 * and the actions. Every form carries the version it was made on and a fresh request key.
 */
final class IncidentScreen {
    private IncidentScreen() {
    }

    /** {@code done} confirms the last change; {@code problem} says why one was refused, and {@code kept} holds what the agent typed. */
    static String render(Incident incident, List<TimelineEntry> timeline, Session session, Instant now, String done,
                         String problem, Map<String, String> kept) {
        StringBuilder html = new StringBuilder(8_192);
        html.append("<div id=\"live\" data-version-url=\"/console/incidents/").append(incident.number())
                .append("/version\" data-version=\"").append(versionTag(incident, timeline)).append("\">")
                .append("<p id=\"changed\" class=\"banner warn\" role=\"alert\" hidden>Someone else changed this incident ")
                .append("since you opened it. <a href=\"/console/incidents/").append(incident.number())
                .append("\">Reload to see the changes</a> before you change it.</p></div>");
        if (problem != null) {
            html.append("<p class=\"banner bad\" role=\"alert\" id=\"problem\">").append(escape(problem)).append("</p>");
        } else if (done != null) {
            html.append("<p class=\"banner ok\" role=\"status\" id=\"done\">").append(escape(done)).append("</p>");
        }
        html.append("<h1>").append(incident.number()).append(" <span class=\"state\">").append(incident.state().label())
                .append("</span></h1><p class=\"facts\"><span class=\"priority ").append(incident.priority().name()).append("\">")
                .append(incident.priority().name()).append(' ').append(incident.priority().label()).append("</span> · #")
                .append(escape(incident.service())).append(" · reported by @").append(escape(incident.reporter().handle()))
                .append(' ').append(when(incident.openedAt())).append(" · ")
                .append(incident.assignee() == null ? "unassigned" : "assigned to " + escape(incident.assignee()));
        if (incident.outageId() != null) {
            html.append(" · part of outage ").append(escape(incident.outageId()));
        }
        html.append("</p>");

        html.append("<div class=\"columns\"><div>");
        html.append("<section aria-labelledby=\"tweet\"><h2 id=\"tweet\">Reporter's tweet</h2><blockquote>")
                .append(escape(incident.description())).append("</blockquote>");
        if (safeLink(incident.sourceTweetUrl())) {
            html.append("<p><a href=\"").append(escape(incident.sourceTweetUrl()))
                    .append("\" rel=\"noopener noreferrer\">Open the tweet on X</a></p>");
        }
        if (incident.flags().contains(Incident.FLAG_SECRET_REDACTED)) {
            html.append("<p class=\"muted\">A secret in the tweet was redacted before it was stored.</p>");
        }
        html.append("</section>");
        targets(html, incident, now);
        entries(html, "community", "Community answers", timeline, Set.of(TimelineEntry.Kind.COMMUNITY_ANSWER),
                "No one has answered in the thread yet.");
        entries(html, "notes", "Private notes", timeline, Set.of(TimelineEntry.Kind.PRIVATE_NOTE, TimelineEntry.Kind.WORK_NOTE,
                TimelineEntry.Kind.REPORTER_FOLLOW_UP), "No notes yet.");
        timelineSection(html, timeline);
        html.append("</div><div>");
        actions(html, incident, session, kept);
        html.append("</div></div>");
        return html.toString();
    }

    /** What the page polls for: the incident's version and the length of its timeline. */
    static String versionTag(Incident incident, List<TimelineEntry> timeline) {
        return incident.version() + "-" + timeline.size();
    }

    private static void targets(StringBuilder html, Incident incident, Instant now) {
        html.append("<section aria-labelledby=\"targets\"><h2 id=\"targets\">Targets</h2><dl class=\"targets\">")
                .append("<dt>First response</dt><dd>");
        if (incident.firstRespondedAt() != null) {
            html.append("answered ").append(when(incident.firstRespondedAt()));
        } else {
            html.append("due ").append(when(incident.firstResponseDue()));
        }
        if (incident.flags().contains(Incident.FLAG_FIRST_RESPONSE_BREACHED)) {
            html.append(" <span class=\"due late\">breached</span>");
        }
        html.append("</dd><dt>Resolution</dt><dd>");
        if (incident.resolution() != null) {
            html.append("resolved ").append(when(incident.resolution().at()));
        } else {
            html.append("due ").append(when(incident.resolutionDue()));
        }
        if (incident.flags().contains(Incident.FLAG_RESOLUTION_BREACHED)) {
            html.append(" <span class=\"due late\">breached</span>");
        }
        html.append("</dd>");
        Due due = Due.of(incident, now);
        if (due != null) {
            html.append("<dt>Time left</dt><dd><span class=\"due ").append(due.cssClass()).append("\">").append(due.label())
                    .append("</span></dd>");
        }
        if (incident.resolution() != null) {
            html.append("<dt>Resolution</dt><dd>").append(escape(incident.resolution().text())).append("</dd>");
        }
        html.append("</dl></section>");
    }

    private static void entries(StringBuilder html, String id, String title, List<TimelineEntry> timeline,
                                Set<TimelineEntry.Kind> kinds, String none) {
        List<TimelineEntry> shown = timeline.stream().filter(entry -> kinds.contains(entry.kind())).toList();
        html.append("<section aria-labelledby=\"").append(id).append("\"><h2 id=\"").append(id).append("\">").append(title)
                .append("</h2>");
        if (shown.isEmpty()) {
            html.append("<p class=\"muted\">").append(none).append("</p>");
        } else {
            html.append("<ul class=\"entries\">");
            for (TimelineEntry entry : shown) {
                html.append("<li><p class=\"meta\">").append(actor(entry)).append(' ').append(when(entry.at())).append("</p><p>")
                        .append(escape(entry.text())).append("</p></li>");
            }
            html.append("</ul>");
        }
        html.append("</section>");
    }

    private static void timelineSection(StringBuilder html, List<TimelineEntry> timeline) {
        Set<String> ids = timeline.stream().map(TimelineEntry::id).collect(Collectors.toSet());
        html.append("<section aria-labelledby=\"timeline\"><h2 id=\"timeline\">Timeline</h2><ol class=\"timeline\">");
        for (TimelineEntry entry : timeline) {
            html.append("<li><p class=\"meta\">").append(when(entry.at())).append(" · ").append(kind(entry.kind())).append(" · ")
                    .append(actor(entry));
            if (entry.kind() == TimelineEntry.Kind.STAFF_RESPONSE && entry.id().startsWith("answer:")) {
                // The answer's delivery is noted on the timeline under its message key once the sender is done.
                html.append(ids.contains("sent:" + entry.id()) ? " <span class=\"delivery sent\">Sent</span>"
                        : ids.contains("undelivered:" + entry.id()) ? " <span class=\"delivery failed\">Not delivered</span>"
                        : " <span class=\"delivery queued\">Queued</span>");
            }
            html.append("</p>");
            if (entry.text() != null && !entry.text().isBlank()) {
                html.append("<p>").append(escape(entry.text())).append("</p>");
            }
            html.append("</li>");
        }
        html.append("</ol></section>");
    }

    private static void actions(StringBuilder html, Incident incident, Session session, Map<String, String> kept) {
        html.append("<section aria-labelledby=\"actions\"><h2 id=\"actions\">Work on it</h2>");
        if (!incident.isOpen() && incident.state() != IncidentState.RESOLVED) {
            html.append("<p class=\"muted\">").append(incident.state().label()).append(" incidents take no more changes.</p></section>");
            return;
        }
        String action = "/console/incidents/" + incident.number();
        form(html, action, session, incident, "assign", "Assign");
        html.append("<p><label for=\"assignee\">Assignee</label><input id=\"assignee\" name=\"assignee\" maxlength=\"128\" value=\"")
                .append(escape(kept.getOrDefault("assignee", session.agent().username())))
                .append("\" autocomplete=\"off\"></p><p><button type=\"submit\">Assign</button></p></fieldset></form>");

        form(html, action, session, incident, "answer", "Answer the reporter");
        html.append("<p><label for=\"reply\">Direct message to @").append(escape(incident.reporter().handle()))
                .append("</label><textarea id=\"reply\" name=\"reply\" rows=\"4\" required maxlength=\"").append(PostLength.DM_LIMIT)
                .append("\" data-count=\"dm\" data-limit=\"").append(PostLength.DM_LIMIT).append("\" aria-describedby=\"reply-help reply-count\">")
                .append(escape(kept.getOrDefault("reply", ""))).append("</textarea></p><p id=\"reply-help\" class=\"muted\">")
                .append("Sent through the outbox within X's limits; it shows as queued until X has it.</p>")
                .append("<p><output id=\"reply-count\" for=\"reply\" class=\"count\"></output></p>")
                .append("<p><button type=\"submit\">Send answer</button></p></fieldset></form>");

        form(html, action, session, incident, "note", "Private note");
        html.append("<p><label for=\"note\">Work note (IT only)</label><textarea id=\"note\" name=\"note\" rows=\"3\" required maxlength=\"5000\">")
                .append(escape(kept.getOrDefault("note", ""))).append("</textarea></p><p><button type=\"submit\">Add note</button></p></fieldset></form>");

        List<IncidentState> moves = java.util.Arrays.stream(IncidentState.values())
                .filter(state -> state != IncidentState.RESOLVED && incident.state().canMoveTo(state)).toList();
        if (!moves.isEmpty()) {
            form(html, action, session, incident, "move", "Change state");
            html.append("<p><label for=\"state\">New state</label><select id=\"state\" name=\"state\">");
            moves.forEach(state -> html.append("<option value=\"").append(state.name()).append("\">").append(state.label()).append("</option>"));
            html.append("</select></p><p><button type=\"submit\">Change state</button></p></fieldset></form>");
        }
        if (incident.state().canMoveTo(IncidentState.RESOLVED)) {
            form(html, action, session, incident, "resolve", "Resolve");
            html.append("<p><label for=\"resolution\">Resolution (the reporter reads it)</label><textarea id=\"resolution\" ")
                    .append("name=\"resolution\" rows=\"3\" maxlength=\"2000\">").append(escape(kept.getOrDefault("resolution", "")))
                    .append("</textarea></p><p><label for=\"link\">Knowledge article link (optional)</label><input id=\"link\" ")
                    .append("name=\"link\" type=\"url\" maxlength=\"500\" placeholder=\"https://\" value=\"")
                    .append(escape(kept.getOrDefault("link", ""))).append("\"></p><p><button type=\"submit\">Resolve and tell the reporter</button></p></fieldset></form>");
        }
        html.append("</section>");
    }

    private static void form(StringBuilder html, String action, Session session, Incident incident, String kind, String legend) {
        html.append("<form class=\"action\" method=\"post\" action=\"").append(action).append("\"><fieldset><legend>")
                .append(legend).append("</legend>").append(Html.csrfField(session))
                .append("<input type=\"hidden\" name=\"action\" value=\"").append(kind).append("\">")
                .append("<input type=\"hidden\" name=\"version\" value=\"").append(incident.version()).append("\">")
                .append("<input type=\"hidden\" name=\"request\" value=\"").append(UUID.randomUUID()).append("\">");
    }

    private static String actor(TimelineEntry entry) {
        return entry.actorId() == null ? "the desk" : escape(entry.actorId());
    }

    private static String kind(TimelineEntry.Kind kind) {
        return switch (kind) {
            case OPENED -> "Opened";
            case PRIVATE_NOTE -> "Reporter's DM";
            case WORK_NOTE -> "Work note";
            case REPORTER_FOLLOW_UP -> "Reporter in the thread";
            case COMMUNITY_ANSWER -> "Community answer";
            case STAFF_RESPONSE -> "Answer to the reporter";
            case REPORTER_NOTIFIED -> "Delivered";
            case NOTIFICATION_FAILED -> "Not delivered";
            case STATE_CHANGED -> "State";
        };
    }

    static boolean safeLink(String url) {
        return url != null && (url.startsWith("https://") || url.startsWith("http://")) && url.length() <= 500
                && url.chars().noneMatch(c -> c <= ' ' || c == '"' || c == '<' || c == '>');
    }
}
