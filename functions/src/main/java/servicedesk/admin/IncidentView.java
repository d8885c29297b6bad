package servicedesk.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import servicedesk.format.Timestamps;
import servicedesk.incident.Incident;
import servicedesk.incident.TimelineEntry;

/** The admin API's JSON shape of an incident and its timeline. */
final class IncidentView {
    private IncidentView() {
    }

    static Map<String, Object> summary(Incident incident) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("number", incident.number());
        view.put("state", incident.state().label());
        view.put("priority", incident.priority().name());
        view.put("priorityLabel", incident.priority().label());
        view.put("impact", incident.impact().rank());
        view.put("urgency", incident.urgency().rank());
        view.put("service", incident.service());
        view.put("reporter", Map.of("userId", incident.reporter().userId(), "handle", incident.reporter().handle()));
        view.put("sourceTweetId", incident.sourceTweetId());
        view.put("sourceTweetUrl", incident.sourceTweetUrl());
        view.put("description", incident.description());
        view.put("flags", incident.flags().stream().sorted().toList());
        view.put("openedAt", Timestamps.format(incident.openedAt()));
        view.put("updatedAt", Timestamps.format(incident.updatedAt()));
        view.put("firstResponseDue", Timestamps.format(incident.firstResponseDue()));
        view.put("resolutionDue", Timestamps.format(incident.resolutionDue()));
        view.put("outageId", incident.outageId());
        view.put("assignee", incident.assignee());
        view.put("firstRespondedAt", incident.firstRespondedAt() == null ? null : Timestamps.format(incident.firstRespondedAt()));
        if (incident.resolution() != null) {
            view.put("resolution", Map.of(
                    "source", incident.resolution().source().name(),
                    "text", incident.resolution().text() == null ? "" : incident.resolution().text(),
                    "creditedTo", incident.resolution().creditedTo() == null ? "" : incident.resolution().creditedTo(),
                    "at", Timestamps.format(incident.resolution().at())));
        }
        return view;
    }

    static Map<String, Object> detail(Incident incident, List<TimelineEntry> timeline) {
        Map<String, Object> view = summary(incident);
        view.put("timeline", timeline.stream().map(IncidentView::entry).toList());
        return view;
    }

    private static Map<String, Object> entry(TimelineEntry entry) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("at", Timestamps.format(entry.at()));
        view.put("kind", entry.kind().name());
        view.put("actorId", entry.actorId());
        view.put("text", entry.text());
        return view;
    }
}
