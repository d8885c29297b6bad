package servicedesk.broadcast;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import servicedesk.incident.Incident;
import servicedesk.outage.Announcement;
import servicedesk.outage.Outage;

/** What the desk says when it broadcasts: to affected reporters, on the timeline, by email and SMS. */
public final class BroadcastWording {
    private static final int TWEET_LIMIT = 280;
    private static final int SMS_LIMIT = 140;
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("EEE d MMM HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private BroadcastWording() {
    }

    public static String outageNotice(Incident incident, Announcement outage) {
        return "Update on " + incident.number() + ": " + outage.serviceName() + " has an outage (" + outage.outageId()
                + "), which is most likely what you reported." + eta(outage)
                + " We'll tell you when it's resolved; there is no need to report it again.";
    }

    public static String resolvedNotice(Incident incident, Announcement resolved) {
        return incident.number() + " is resolved: the " + resolved.serviceName() + " outage (" + resolved.outageId()
                + ") is over. If it still doesn't work for you, tweet us again with #" + incident.service() + ".";
    }

    /** For a report that arrives while its service has a declared outage. */
    public static String partOfOutage(Outage outage) {
        return "It is part of a known outage of " + outage.serviceName() + " (" + outage.id() + ")"
                + (outage.eta() == null ? "" : ", ETA " + outage.eta()) + "; we'll tell you when it's resolved.";
    }

    public static String timelinePost(Announcement announcement) {
        return shorten(announcement.text(), TWEET_LIMIT);
    }

    public static String emailSubject(Announcement announcement) {
        return shorten("[IT status] " + label(announcement) + ": " + announcement.serviceName(), 100);
    }

    public static String emailBody(Announcement announcement) {
        StringBuilder body = new StringBuilder()
                .append(label(announcement)).append(": ").append(announcement.serviceName()).append("\n\n")
                .append(announcement.text()).append("\n\n");
        if (announcement.status() != null) {
            body.append("Status: ").append(announcement.status().label()).append('\n');
        }
        if (announcement.eta() != null) {
            body.append("ETA: ").append(announcement.eta()).append('\n');
        }
        if (announcement.windowStart() != null) {
            body.append("Window: ").append(WHEN.format(announcement.windowStart())).append(" to ")
                    .append(WHEN.format(announcement.windowEnd())).append('\n');
        }
        if (announcement.link() != null) {
            body.append("More: ").append(announcement.link()).append('\n');
        }
        return body.append("Posted: ").append(WHEN.format(announcement.at())).append('\n').toString();
    }

    public static String sms(Announcement announcement) {
        return shorten("IT status: " + label(announcement) + ", " + announcement.serviceName() + eta(announcement), SMS_LIMIT);
    }

    public static String rejected(String reason) {
        return "We couldn't broadcast that: " + reason + ". For example: #outage #blackboard Blackboard is down, ETA 15:00 UTC";
    }

    private static String label(Announcement announcement) {
        return switch (announcement.kind()) {
            case OUTAGE -> "Outage";
            case UPDATE -> "Update";
            case RESOLVED -> "Resolved";
            case MAINTENANCE -> "Planned maintenance";
            case KB -> "Knowledge article";
        };
    }

    private static String eta(Announcement announcement) {
        return announcement.eta() == null ? "" : " ETA " + announcement.eta() + ".";
    }

    private static String shorten(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }
}
