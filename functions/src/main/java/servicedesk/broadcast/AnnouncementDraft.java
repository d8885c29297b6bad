package servicedesk.broadcast;

import java.time.Instant;
import servicedesk.outage.AnnouncementKind;

/**
 * What staff asked to announce, before the desk has checked it and tied it to an outage: from a staff
 * tweet or from {@code POST /announcements}. Optional parts are null.
 */
public record AnnouncementDraft(
        AnnouncementKind kind,
        String service,
        String text,
        String eta,
        Instant windowStart,
        Instant windowEnd,
        String link,
        String authorId,
        String sourceTweetId) {
}
