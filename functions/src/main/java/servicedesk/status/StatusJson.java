package servicedesk.status;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import servicedesk.format.Timestamps;
import servicedesk.format.WebLink;
import servicedesk.outage.Announcement;
import servicedesk.outage.Outage;

/** The status board as JSON, for other pages and tools: the same data as the HTML page. */
public final class StatusJson {
    private StatusJson() {
    }

    public static Map<String, Object> of(StatusBoard board) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("generatedAt", Timestamps.format(board.generatedAt()));
        json.put("allOperational", board.allOperational());
        json.put("reportsAnsweredBy", board.reportsAnsweredBy() == null ? null : Timestamps.format(board.reportsAnsweredBy()));
        json.put("services", board.services().stream().map(service -> Map.of(
                "hashtag", service.hashtag(), "name", service.name(), "state", service.state().name(),
                "detail", service.detail())).toList());
        json.put("activeOutages", board.activeOutages().stream().map(story -> {
            Map<String, Object> outage = outage(story.outage(), board.generatedAt());
            outage.put("updates", story.updates().stream().map(update -> Map.of(
                    "at", Timestamps.format(update.at()), "status", update.status().name(), "text", update.text())).toList());
            return outage;
        }).toList());
        json.put("maintenance", board.maintenance().stream().map(window -> outage(window, board.generatedAt())).toList());
        json.put("knowledge", announcements(board.knowledge()));
        json.put("announcements", announcements(board.feed()));
        return json;
    }

    private static Map<String, Object> outage(Outage outage, Instant now) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", outage.id());
        json.put("kind", outage.kind().name());
        json.put("service", outage.service());
        json.put("serviceName", outage.serviceName());
        json.put("status", outage.statusAt(now).name());
        json.put("title", outage.title());
        json.put("eta", outage.eta());
        json.put("windowStart", outage.windowStart() == null ? null : Timestamps.format(outage.windowStart()));
        json.put("windowEnd", outage.windowEnd() == null ? null : Timestamps.format(outage.windowEnd()));
        json.put("startedAt", Timestamps.format(outage.startedAt()));
        return json;
    }

    private static List<Map<String, Object>> announcements(List<Announcement> announcements) {
        return announcements.stream().map(announcement -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", announcement.id());
            json.put("kind", announcement.kind().name());
            json.put("service", announcement.service());
            json.put("text", announcement.text());
            json.put("outageId", announcement.outageId());
            json.put("link", WebLink.orNull(announcement.link()));
            json.put("at", Timestamps.format(announcement.at()));
            return json;
        }).toList();
    }
}
