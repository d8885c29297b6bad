package servicedesk.outage;

import java.time.Instant;

/**
 * A staff announcement as it is fanned out: what happened to which service, what to tell people, and the
 * outage it belongs to (null for knowledge articles and plain updates).
 */
public record Announcement(
        String id,
        AnnouncementKind kind,
        String service,
        String serviceName,
        String text,
        String outageId,
        OutageStatus status,
        String eta,
        Instant windowStart,
        Instant windowEnd,
        String link,
        String authorId,
        String sourceTweetId,
        Instant at) {
}
