package servicedesk.console;

import static servicedesk.console.Html.escape;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import servicedesk.catalog.Service;
import servicedesk.incident.Incident;
import servicedesk.incident.IncidentPage;
import servicedesk.incident.IncidentQuery;
import servicedesk.incident.IncidentState;
import servicedesk.incident.IncidentStore;
import servicedesk.incident.Priority;

/**
 * The queue: the incidents a filter selects, most urgent (priority, then the nearest target) or newest
 * first, a page at a time. The results are also served alone with an ETag, for the page to poll.
 */
final class QueueScreen {
    static final int PAGE_SIZE = 50;
    /** Each state's newest incidents the queue reads at most: the open ones are a working set, not an archive. */
    static final int MAX_READ_PER_STATE = 2_000;

    /** One rendering of the results, and its ETag. */
    record Results(String html, String etag, int count) {
    }

    private final IncidentStore incidents;

    QueueScreen(IncidentStore incidents) {
        this.incidents = incidents;
    }

    String page(QueueFilter filter, List<Service> services, Session session, Instant now) {
        Results results = results(filter, session.agent(), now);
        StringBuilder html = new StringBuilder(results.html().length() + 4_096)
                .append("<h1>Queue</h1>")
                .append("<form class=\"filters\" method=\"get\" action=\"/console\" aria-label=\"Filter the queue\">");
        select(html, "state", "State", filter.state(), List.of(
                new String[]{QueueFilter.OPEN, "Open"}, new String[]{"NEW", "New"}, new String[]{"IN_PROGRESS", "In Progress"},
                new String[]{"ON_HOLD", "On Hold"}, new String[]{"RESOLVED", "Resolved"}, new String[]{"CLOSED", "Closed"},
                new String[]{"CANCELED", "Canceled"}, new String[]{QueueFilter.ALL, "Any state"}));
        List<String[]> serviceOptions = new ArrayList<>();
        serviceOptions.add(new String[]{"", "Any service"});
        services.forEach(service -> serviceOptions.add(new String[]{service.hashtag(), service.name()}));
        select(html, "service", "Service", filter.service() == null ? "" : filter.service(), serviceOptions);
        List<String[]> priorities = new ArrayList<>();
        priorities.add(new String[]{"", "Any priority"});
        for (Priority priority : Priority.values()) {
            priorities.add(new String[]{priority.name(), priority.name() + " " + priority.label()});
        }
        select(html, "priority", "Priority", filter.priority() == null ? "" : filter.priority().name(), priorities);
        select(html, "target", "Targets", filter.target() == null ? "" : filter.target(), List.of(
                new String[]{"", "Any"}, new String[]{"breached", "Breached"}, new String[]{"near", "Breached or near breach"}));
        select(html, "sort", "Order", filter.newest() ? "newest" : "urgent", List.of(
                new String[]{"urgent", "Most urgent first"}, new String[]{"newest", "Newest first"}));
        html.append("<p class=\"check\"><input type=\"checkbox\" id=\"mine\" name=\"mine\" value=\"1\"")
                .append(filter.mine() ? " checked" : "").append("><label for=\"mine\">Assigned to me</label></p>")
                .append("<p><button type=\"submit\">Show</button></p></form>")
                .append("<p id=\"queue-status\" class=\"muted\" role=\"status\" aria-live=\"polite\"></p>")
                .append("<div id=\"queue-results\" data-poll=\"/console/queue/results")
                .append(filter.query(filter.page()).isEmpty() ? "" : "?" + escape(filter.query(filter.page())))
                .append("\" data-etag=\"").append(results.etag()).append("\">")
                .append(results.html()).append("</div>");
        return html.toString();
    }

    Results results(QueueFilter filter, Agent agent, Instant now) {
        List<Incident> matching = read(filter).stream()
                .filter(incident -> filter.priority() == null || incident.priority() == filter.priority())
                .filter(incident -> !filter.mine() || agent.username().equalsIgnoreCase(incident.assignee()))
                .filter(incident -> filter.target() == null || targetMatches(filter.target(), Due.of(incident, now)))
                .sorted(filter.newest() ? newestFirst() : mostUrgentFirst(now))
                .toList();
        int pages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int page = Math.min(filter.page(), pages);
        List<Incident> shown = matching.subList((page - 1) * PAGE_SIZE, Math.min(matching.size(), page * PAGE_SIZE));
        StringBuilder html = new StringBuilder(512 + shown.size() * 700);
        html.append("<p class=\"count\">").append(matching.size()).append(matching.size() == 1 ? " incident" : " incidents");
        if (pages > 1) {
            html.append(" · page ").append(page).append(" of ").append(pages);
        }
        html.append("</p>");
        if (shown.isEmpty()) {
            html.append("<p class=\"empty\">Nothing here. New reports appear by themselves.</p>");
        } else {
            html.append("<table class=\"queue\"><caption class=\"visually-hidden\">Incidents</caption><thead><tr>")
                    .append("<th scope=\"col\">Incident</th><th scope=\"col\">Priority</th><th scope=\"col\">Service</th>")
                    .append("<th scope=\"col\">State</th><th scope=\"col\">Reporter</th><th scope=\"col\">Report</th>")
                    .append("<th scope=\"col\">Target</th><th scope=\"col\">Assignee</th></tr></thead><tbody>");
            for (Incident incident : shown) {
                row(html, incident, Due.of(incident, now));
            }
            html.append("</tbody></table>");
        }
        if (pages > 1) {
            html.append("<nav class=\"pager\" aria-label=\"Pages\">");
            if (page > 1) {
                html.append("<a rel=\"prev\" href=\"/console?").append(escape(filter.query(page - 1))).append("\">Previous page</a> ");
            }
            if (page < pages) {
                html.append("<a rel=\"next\" href=\"/console?").append(escape(filter.query(page + 1))).append("\">Next page</a>");
            }
            html.append("</nav>");
        }
        String text = html.toString();
        return new Results(text, etag(text), matching.size());
    }

    private static void row(StringBuilder html, Incident incident, Due due) {
        html.append("<tr><th scope=\"row\"><a href=\"/console/incidents/").append(incident.number()).append("\">")
                .append(incident.number()).append("</a></th><td><span class=\"priority ").append(incident.priority().name())
                .append("\">").append(incident.priority().name()).append(" ").append(incident.priority().label())
                .append("</span></td><td>#").append(escape(incident.service())).append("</td><td>")
                .append(incident.state().label()).append("</td><td>@").append(escape(incident.reporter().handle()))
                .append("</td><td class=\"report\">").append(escape(summary(incident.description()))).append("</td><td>");
        if (due != null) {
            html.append("<span class=\"due ").append(due.cssClass()).append("\">").append(due.label()).append("</span>");
        } else {
            html.append("<span class=\"muted\">—</span>");
        }
        html.append("</td><td>").append(incident.assignee() == null ? "<span class=\"muted\">Unassigned</span>"
                : escape(incident.assignee())).append("</td></tr>");
    }

    private List<Incident> read(QueueFilter filter) {
        List<IncidentState> states = filter.states();
        List<Incident> read = new ArrayList<>();
        if (states == null) {
            readInto(read, null, filter.service());
        } else {
            states.forEach(state -> readInto(read, state, filter.service()));
        }
        return read;
    }

    private void readInto(List<Incident> read, IncidentState state, String service) {
        String token = null;
        int count = 0;
        do {
            IncidentPage page = incidents.list(new IncidentQuery(state, service, null, false, null, 100, token));
            read.addAll(page.incidents());
            count += page.incidents().size();
            token = page.nextPageToken();
        } while (token != null && count < MAX_READ_PER_STATE);
    }

    private static boolean targetMatches(String target, Due due) {
        return due != null && (due.breached() || target.equals("near") && due.near());
    }

    private static Comparator<Incident> newestFirst() {
        return Comparator.comparing(Incident::openedAt).thenComparing(Incident::number).reversed();
    }

    /** Priority first; within one, the target that comes (or came) soonest; closed incidents last. */
    private static Comparator<Incident> mostUrgentFirst(Instant now) {
        return Comparator.comparing(Incident::priority)
                .thenComparing(incident -> {
                    Due due = Due.of(incident, now);
                    return due == null ? Instant.MAX : due.at();
                })
                .thenComparing(newestFirst());
    }

    private static String summary(String description) {
        String text = description == null ? "" : description.strip();
        return text.codePointCount(0, text.length()) <= 120 ? text
                : text.substring(0, text.offsetByCodePoints(0, 119)) + "…";
    }

    private static void select(StringBuilder html, String name, String label, String selected, List<String[]> options) {
        html.append("<p><label for=\"").append(name).append("\">").append(label).append("</label><select id=\"")
                .append(name).append("\" name=\"").append(name).append("\">");
        for (String[] option : options) {
            html.append("<option value=\"").append(escape(option[0])).append('"')
                    .append(option[0].equals(selected) ? " selected" : "").append('>').append(escape(option[1])).append("</option>");
        }
        html.append("</select></p>");
    }

    static String etag(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "W/\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
