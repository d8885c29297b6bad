package servicedesk.incident;

import java.time.Instant;

/**
 * One line of an incident's history. {@code id} makes entries unique and their writes idempotent: it is
 * derived from what caused the entry (a tweet id, a DM event id, an outbound message key).
 */
public record TimelineEntry(String id, Instant at, Kind kind, String actorId, String text) {

    public enum Kind {
        OPENED, PRIVATE_NOTE, WORK_NOTE, REPORTER_FOLLOW_UP, COMMUNITY_ANSWER, STAFF_RESPONSE, REPORTER_NOTIFIED,
        NOTIFICATION_FAILED, STATE_CHANGED
    }
}
