package servicedesk.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import servicedesk.incident.IncidentState;
import servicedesk.incident.Priority;

/**
 * What the agent asked the queue for: a state ("open" by default, a state's name, or "all"), a service, a
 * priority, "breached" or "near" targets, only their own incidents, most urgent or newest first, a page.
 * Anything unknown in the query is refused rather than guessed.
 */
record QueueFilter(String state, String service, Priority priority, String target, boolean mine, boolean newest, int page) {
    static final String OPEN = "open";
    static final String ALL = "all";

    static QueueFilter from(Map<String, String> query) {
        String state = value(query, "state", OPEN);
        if (!state.equals(OPEN) && !state.equals(ALL)) {
            state = IncidentState.parse(state).name();
        }
        String priority = value(query, "priority", "");
        String target = value(query, "target", "");
        if (!List.of("", "breached", "near").contains(target)) {
            throw new IllegalArgumentException("target is breached or near");
        }
        String sort = value(query, "sort", "urgent");
        if (!List.of("urgent", "newest").contains(sort)) {
            throw new IllegalArgumentException("sort is urgent or newest");
        }
        int page;
        try {
            page = Integer.parseInt(value(query, "page", "1"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("page is a number");
        }
        String service = value(query, "service", "").toLowerCase();
        if (!service.matches("[a-z0-9_]{0,100}")) {
            throw new IllegalArgumentException("service is a hashtag without #");
        }
        return new QueueFilter(state, service.isEmpty() ? null : service,
                priority.isEmpty() ? null : priority(priority), target.isEmpty() ? null : target,
                "1".equals(query.get("mine")) || "on".equals(query.get("mine")), sort.equals("newest"), Math.max(1, page));
    }

    /** The states to read: the open ones, one, or null for every state. */
    List<IncidentState> states() {
        return switch (state) {
            case OPEN -> List.of(IncidentState.NEW, IncidentState.IN_PROGRESS, IncidentState.ON_HOLD);
            case ALL -> null;
            default -> List.of(IncidentState.valueOf(state));
        };
    }

    /** This filter as a query string, on another page. */
    String query(int onPage) {
        List<String> parts = new ArrayList<>();
        if (!state.equals(OPEN)) {
            parts.add("state=" + encode(state));
        }
        if (service != null) {
            parts.add("service=" + encode(service));
        }
        if (priority != null) {
            parts.add("priority=" + priority.name());
        }
        if (target != null) {
            parts.add("target=" + target);
        }
        if (mine) {
            parts.add("mine=1");
        }
        if (newest) {
            parts.add("sort=newest");
        }
        if (onPage > 1) {
            parts.add("page=" + onPage);
        }
        return String.join("&", parts);
    }

    private static Priority priority(String text) {
        for (Priority priority : Priority.values()) {
            if (priority.name().equalsIgnoreCase(text)) {
                return priority;
            }
        }
        throw new IllegalArgumentException("priority is P1 to P5");
    }

    private static String value(Map<String, String> query, String name, String fallback) {
        String value = query.get(name);
        if (value != null && value.length() > 200) {
            throw new IllegalArgumentException(name + " is too long");
        }
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
