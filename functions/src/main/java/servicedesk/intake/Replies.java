package servicedesk.intake;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import servicedesk.catalog.Service;
import servicedesk.incident.Incident;

/**
 * Everything the desk says to reporters while taking in their reports. Public texts carry an incident
 * number at most: never the reporter's words, never anything private.
 */
public final class Replies {
    private static final int TWEET_LIMIT = 280;
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("d MMM HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final String deskPhone;

    public Replies(String deskPhone) {
        this.deskPhone = deskPhone;
    }

    public String incidentOpened(Incident incident, String serviceName, boolean secretFound, boolean callDesk) {
        StringBuilder text = new StringBuilder()
                .append("Thanks for reporting this. We opened incident ").append(incident.number())
                .append(" for ").append(serviceName).append(" (priority ").append(incident.priority().name())
                .append(", ").append(incident.priority().label()).append("). ")
                .append("Reply here with any detail, or send \"status\" to see where it stands. ")
                .append("If someone's answer fixes it, send \"solved\".");
        if (secretFound) {
            text.append("\n\nYour tweet seems to contain private information (a password, card number, key or ID). "
                    + "Please delete that tweet now, change the password if it was one, and call the service desk on ")
                    .append(deskPhone).append(". We have not stored it.");
        } else if (callDesk) {
            text.append("\n\nThis sounds urgent or security-related: please call the service desk on ")
                    .append(deskPhone).append(" so we can act on it straight away.");
        }
        return text.toString();
    }

    /** The public stand-in when the reporter does not accept DMs: the number and nothing else. */
    public String incidentOpenedPublicly(Incident incident) {
        return "Thanks, we've logged this as " + incident.number()
                + ". We couldn't DM you: open your DMs to us for updates, or call the service desk on " + deskPhone + ".";
    }

    /** The public answer, once a day, to someone past the day's allowance of new reports. */
    public String dailyLimitReached(int perDay) {
        return "You have reported " + perDay + " new problems to us today, the most we take from one account in a day. "
                + "Add to an open one by DM, or call the service desk on " + deskPhone + ".";
    }

    public String secretWithoutService() {
        return "Your tweet to us seems to contain private information (a password, card number, key or ID). "
                + "Please delete it now, change the password if it was one, and call the service desk on "
                + deskPhone + ". We have not stored it.";
    }

    public String hashtagHelp(List<Service> services) {
        String intro = "To open a ticket, tweet us with the service's hashtag, e.g. ";
        String example = services.isEmpty() ? "" : "#" + services.get(0).hashtag();
        StringBuilder tags = new StringBuilder();
        String ending = ". Services: ";
        for (Service service : services) {
            String tag = " #" + service.hashtag();
            if (intro.length() + example.length() + ending.length() + tags.length() + tag.length() > TWEET_LIMIT) {
                break;
            }
            tags.append(tag);
        }
        return intro + (example.isEmpty() ? "#service" : example) + " and what's wrong" + ending + tags.toString().trim();
    }

    public String status(Incident incident, String serviceName) {
        return incident.number() + " (" + serviceName + ") is " + incident.state().label()
                + ". Priority " + incident.priority().name() + " (" + incident.priority().label() + "), opened "
                + WHEN.format(incident.openedAt()) + ".";
    }

    public String noSuchIncident(String number) {
        return "We couldn't find " + number + " among your incidents. Send \"status\" to see your latest one.";
    }

    public String noIncidents() {
        return "You have no incidents with us yet. To report a problem, tweet us with the service's hashtag, "
                + "for example #wifi.";
    }

    public String noteAdded(Incident incident) {
        return "Thanks, we've added that to " + incident.number() + ".";
    }

    /** A note that carried a password, card number or key: kept without it, and the reporter told why. */
    public String noteAddedWithoutSecret(Incident incident) {
        return noteAdded(incident) + " We left out what looked like a password, card number or key: IT never needs it"
                + " in a message. If it is a real one, please change it.";
    }

    public String resolvedByStaff(Incident incident, String fix) {
        return incident.number() + " is resolved: " + fix + "\nIf that doesn't fix it for you, tweet us again with #"
                + incident.service() + ".";
    }

    public String resolvedByCommunity(Incident incident, String helperHandle) {
        return "Great, " + incident.number() + " is resolved, with thanks to " + helperHandle
                + "'s answer. If it comes back, tweet us again with #" + incident.service() + ".";
    }

    public String noOpenIncident() {
        return "You have no open incident with us, so we couldn't file that. To report a problem, tweet us "
                + "with the service's hashtag, for example #wifi, or send \"status\".";
    }
}
