package servicedesk.notify;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What the sender itself says when it says less or says it differently: an acknowledgement in public
 * during a surge (the number, and public news, nothing private), news merged into an acknowledgement, a
 * post told apart from an earlier one with the same text.
 */
final class PlanWording {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private PlanWording() {
    }

    /** The public acknowledgement when no DM slot is near: the number, and what the public already knows. */
    static String acknowledgedPublicly(String incidentNumber, String outageId, boolean resolved) {
        String news = resolved ? " It is resolved now."
                : outageId != null ? " It is part of a known outage (" + outageId + "): updates are on our timeline."
                : " We'll DM you when there is news.";
        return "Thanks, we've logged this as " + incidentNumber + "." + news;
    }

    /** An acknowledgement with later news about the same incident, so the reporter gets one message. */
    static String merged(String acknowledgement, String news) {
        return acknowledgement + "\n\n" + news;
    }

    /** The same text made distinct from an earlier post: X refuses a post that repeats one. */
    static String distinct(String text, Instant now) {
        return text + " (" + TIME.format(now) + ")";
    }

    /** A refused reply said in a post of its own, addressed to the person by handle. */
    static String addressed(String handle, String text) {
        return "@" + handle + " " + text;
    }
}
