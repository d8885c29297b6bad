package servicedesk.notify;

import java.time.Instant;
import servicedesk.incident.TimelineEntry;

/** What an incident's timeline says about a message the desk sent: how it went and to whom, never what it said. */
final class DeliveryNotes {
    private DeliveryNotes() {
    }

    static TimelineEntry sent(OutboundMessage message, Instant at) {
        return new TimelineEntry("sent:" + message.key(), at, TimelineEntry.Kind.REPORTER_NOTIFIED, null, describe(message));
    }

    static TimelineEntry undelivered(OutboundMessage message, String reason, Instant at) {
        return new TimelineEntry("undelivered:" + message.key(), at, TimelineEntry.Kind.NOTIFICATION_FAILED, null,
                describe(message) + " could not be delivered: " + reason);
    }

    /** The message changed form or was dropped, and why: every merge, switch and drop is on the record. */
    static TimelineEntry changed(OutboundMessage message, String what, Instant at) {
        return new TimelineEntry("changed:" + message.key() + ":" + at.toEpochMilli(), at, TimelineEntry.Kind.WORK_NOTE,
                null, describe(message) + ": " + what);
    }

    private static String describe(OutboundMessage message) {
        return switch (message.channel()) {
            case DIRECT_MESSAGE -> "Direct message to reporter " + message.recipientId();
            case PUBLIC_REPLY -> "Public reply under tweet " + message.inReplyToTweetId();
            case TIMELINE_POST -> "Post on the IT account's timeline";
        };
    }
}
