package servicedesk.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.time.Instant;
import servicedesk.format.Json;
import servicedesk.format.Timestamps;
import servicedesk.outage.Announcement;
import servicedesk.outage.AnnouncementKind;
import servicedesk.outage.OutageStatus;

/**
 * An announcement as JSON on the SNS topic and its subscribers' queues: the wire format, its own type (the
 * field names are the ones the first subscribers saw, kept so that messages in flight still read).
 * {@code cursor} marks a continuation a subscriber queued for itself, to go on where it stopped.
 */
public record AnnouncementMessage(
        String announcementId,
        String kind,
        String announcementService,
        String serviceName,
        String text,
        String outageId,
        String status,
        String eta,
        String windowStart,
        String windowEnd,
        String link,
        String authorId,
        String sourceTweetId,
        String at,
        @JsonInclude(JsonInclude.Include.NON_NULL) String cursor) {

    public static AnnouncementMessage of(Announcement announcement, String cursor) {
        return new AnnouncementMessage(announcement.id(), announcement.kind().name(), announcement.service(),
                announcement.serviceName(), announcement.text(), announcement.outageId(),
                announcement.status() == null ? null : announcement.status().name(), announcement.eta(),
                format(announcement.windowStart()), format(announcement.windowEnd()), announcement.link(),
                announcement.authorId(), announcement.sourceTweetId(), format(announcement.at()), cursor);
    }

    /** The message as a queue delivers it; anything else is refused. */
    public static AnnouncementMessage read(String body) {
        try {
            AnnouncementMessage message = Json.MAPPER.readValue(body, AnnouncementMessage.class);
            message.announcement();
            return message;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Not an announcement message");
        }
    }

    public String json() {
        return Json.text(this);
    }

    public Announcement announcement() {
        return new Announcement(announcementId, AnnouncementKind.valueOf(kind), announcementService, serviceName, text,
                outageId, status == null ? null : OutageStatus.valueOf(status), eta, parse(windowStart), parse(windowEnd),
                link, authorId, sourceTweetId, parse(at));
    }

    private static String format(Instant instant) {
        return instant == null ? null : Timestamps.format(instant);
    }

    private static Instant parse(String text) {
        return text == null ? null : Timestamps.parse(text);
    }
}
