package servicedesk.broadcast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import servicedesk.records.DeskTable;
import servicedesk.wiring.Json;
import servicedesk.wiring.Timestamps;

/**
 * An announcement as JSON on the SNS topic and its subscribers' queues; {@code cursor} marks a
 * continuation a subscriber queued for itself to go on where it stopped.
 */
public final class AnnouncementMessage {
    private AnnouncementMessage() {
    }

    public record Received(Announcement announcement, String cursor) {
    }

    public static String write(Announcement announcement, String cursor) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("announcementId", announcement.id());
        json.put("kind", announcement.kind().name());
        json.put("announcementService", announcement.service());
        json.put("serviceName", announcement.serviceName());
        json.put("text", announcement.text());
        json.put("outageId", announcement.outageId());
        json.put("status", announcement.status() == null ? null : announcement.status().name());
        json.put("eta", announcement.eta());
        json.put("windowStart", announcement.windowStart() == null ? null : Timestamps.format(announcement.windowStart()));
        json.put("windowEnd", announcement.windowEnd() == null ? null : Timestamps.format(announcement.windowEnd()));
        json.put("link", announcement.link());
        json.put("authorId", announcement.authorId());
        json.put("sourceTweetId", announcement.sourceTweetId());
        json.put("at", Timestamps.format(announcement.at()));
        if (cursor != null) {
            json.put("cursor", cursor);
        }
        return json.toString();
    }

    public static Received read(String body) {
        try {
            JsonNode json = Json.MAPPER.readTree(body);
            Map<String, String> fields = new HashMap<>();
            json.fields().forEachRemaining(field -> {
                if (field.getValue().isTextual()) {
                    fields.put(field.getKey(), field.getValue().asText());
                }
            });
            return new Received(DeskTable.announcementOf(fields), fields.get("cursor"));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Not an announcement message");
        }
    }
}
