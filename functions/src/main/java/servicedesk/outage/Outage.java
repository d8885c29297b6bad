package servicedesk.outage;

import java.time.Instant;

/**
 * A service outage or a maintenance window, as announced by staff. {@code version} counts the writes, so
 * that two announcements about one outage never overwrite each other.
 */
public record Outage(
        String id,
        Kind kind,
        String service,
        String serviceName,
        OutageStatus status,
        String title,
        String eta,
        Instant windowStart,
        Instant windowEnd,
        Instant startedAt,
        Instant updatedAt,
        Instant resolvedAt,
        String rootAnnouncementId,
        int version) {

    public enum Kind { OUTAGE, MAINTENANCE }

    public static String idOf(long sequence) {
        return String.format("OUT%07d", sequence);
    }

    /** Maintenance moves through its window by the clock; an outage only by announcements. */
    public OutageStatus statusAt(Instant now) {
        if (kind == Kind.OUTAGE || status.isOver() || windowStart == null) {
            return status;
        }
        if (now.isBefore(windowStart)) {
            return OutageStatus.SCHEDULED;
        }
        return windowEnd == null || now.isBefore(windowEnd) ? OutageStatus.IN_PROGRESS : OutageStatus.COMPLETED;
    }

    public Outage next(OutageStatus newStatus, String newEta, Instant at) {
        return new Outage(id, kind, service, serviceName, newStatus, title, newEta, windowStart, windowEnd, startedAt,
                at, newStatus.isOver() ? at : resolvedAt, rootAnnouncementId, version + 1);
    }
}
