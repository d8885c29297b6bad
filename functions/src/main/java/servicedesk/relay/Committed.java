package servicedesk.relay;

import servicedesk.incident.Escalation;
import servicedesk.outage.Announcement;
import servicedesk.outage.PossibleOutage;

/**
 * One record of the desk's change stream, as the relay sees it: something a committed change decided to
 * send out, or anything else. {@code position} is the stream's sequence number: a failure is reported from
 * there, and the stream retries from it.
 */
public sealed interface Committed {

    String position();

    /** A new outbox message: its key goes to the sender's queue. */
    record MessageQueued(String position, String messageKey) implements Committed {
    }

    record AnnouncementPublished(String position, Announcement announcement) implements Committed {
    }

    record AlertRaised(String position, PossibleOutage alert) implements Committed {
    }

    record Escalated(String position, Escalation escalation) implements Committed {
    }

    /** A new record of a kind the relay sends out, that could not be read; {@code type} is the item's type. */
    record Unreadable(String position, String type, String error) implements Committed {
    }

    /** Anything else: an update, a removal, an item nobody is told about. */
    record Other(String position) implements Committed {
    }
}
