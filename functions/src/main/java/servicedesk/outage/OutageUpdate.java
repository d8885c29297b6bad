package servicedesk.outage;

import java.time.Instant;

/** One announcement in an outage's history, in order. */
public record OutageUpdate(String announcementId, Instant at, AnnouncementKind kind, OutageStatus status, String text) {
}
