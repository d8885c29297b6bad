package servicedesk.notify;

import java.time.Instant;
import java.util.Optional;
import servicedesk.incident.Incident;
import servicedesk.incident.IncidentStore;

/**
 * Say less, not later: before a message to a person goes, the news still waiting for them is merged into it,
 * and a message whose news another one carries is dropped. An acknowledgement takes in a waiting outage notice
 * or resolution about the same incident; an outage notice is dropped once the outage is over (its resolution
 * notice tells them) or once their acknowledgement told them about it; a resolution replaces a waiting outage
 * notice. Every merged or dropped message is marked SUPERSEDED with why, on its incident's timeline.
 */
final class Coalescing {

    /** The message to send (or null with {@code dropWhy}), and how many others it made unnecessary. */
    record Outcome(OutboundMessage message, String dropWhy, int superseded) {
    }

    private final Outbox outbox;
    private final IncidentStore incidents;

    Coalescing(Outbox outbox, IncidentStore incidents) {
        this.outbox = outbox;
        this.incidents = incidents;
    }

    Outcome apply(StoredMessage stored, Instant now) {
        OutboundMessage message = stored.message();
        if (message.recipientId() == null || message.incidentNumber() == null) {
            return new Outcome(message, null, 0);
        }
        return switch (message.messageClass()) {
            case ACKNOWLEDGEMENT -> acknowledgement(message, now);
            case OUTAGE_NOTICE -> notice(message, now);
            default -> new Outcome(message, null, 0);
        };
    }

    private Outcome acknowledgement(OutboundMessage message, Instant now) {
        Optional<Incident> incident = incidents.find(message.incidentNumber());
        if (incident.isEmpty()) {
            return new Outcome(message, null, 0);
        }
        String outage = incident.get().outageId();
        String recipient = message.recipientId();
        String why = "merged into " + message.key() + ": one message to the person carries both";
        StringBuilder text = new StringBuilder(message.text());
        int merged = 0;
        boolean resolved = false;
        for (String key : resolutions(message.incidentNumber(), outage, recipient)) {
            Optional<StoredMessage> resolution = pending(key);
            if (resolution.isPresent() && supersede(resolution.get(), why, now)) {
                text.append("\n\n").append(resolution.get().message().text());
                resolved = true;
                merged++;
            }
        }
        if (outage != null) {
            Optional<StoredMessage> notice = pending(OutboundMessage.outageNoticeKey(outage, false, recipient));
            boolean toldAlready = resolved || message.text().contains(outage);
            if (notice.isPresent() && supersede(notice.get(), toldAlready
                    ? "the acknowledgement " + message.key() + " already carries its news" : why, now)) {
                if (!toldAlready) {
                    text.append("\n\n").append(notice.get().message().text());
                }
                merged++;
            }
        }
        if (merged == 0) {
            return new Outcome(message, null, 0);
        }
        String publicText = message.channel() == Channel.PUBLIC_REPLY
                ? PlanWording.acknowledgedPublicly(message.incidentNumber(), outage, resolved) : text.toString();
        String fallback = message.fallbackText() == null ? null
                : PlanWording.acknowledgedPublicly(message.incidentNumber(), outage, resolved);
        return new Outcome(message.saying(publicText, fallback), null, merged);
    }

    private static String[] resolutions(String incidentNumber, String outage, String recipient) {
        return outage == null ? new String[]{OutboundMessage.resolutionKey(incidentNumber)}
                : new String[]{OutboundMessage.resolutionKey(incidentNumber), OutboundMessage.outageNoticeKey(outage, true, recipient)};
    }

    private Outcome notice(OutboundMessage message, Instant now) {
        String[] told = message.key().split(":");
        if (told.length != 4) {
            return new Outcome(message, null, 0);
        }
        String outage = told[1];
        boolean resolution = "RESOLVED".equals(told[2]);
        String recipient = message.recipientId();
        if (resolution) {
            Optional<StoredMessage> notice = pending(OutboundMessage.outageNoticeKey(outage, false, recipient));
            int replaced = notice.isPresent() && supersede(notice.get(),
                    "replaced by the resolution notice " + message.key() + ": the outage is over", now) ? 1 : 0;
            return new Outcome(message, null, replaced);
        }
        Optional<StoredMessage> over = outbox.find(OutboundMessage.outageNoticeKey(outage, true, recipient))
                .filter(stored -> stored.state() != DeliveryState.FAILED && stored.state() != DeliveryState.WITHHELD);
        if (over.isPresent()) {
            return new Outcome(null, "the outage is over: the resolution notice " + over.get().key() + " tells them instead", 0);
        }
        Optional<StoredMessage> acknowledgement = incidents.find(message.incidentNumber())
                .map(Incident::sourceTweetId)
                .flatMap(tweet -> outbox.find(OutboundMessage.acknowledgementKey(tweet)))
                .filter(ack -> ack.message().text().contains(outage)
                        && ack.state() != DeliveryState.FAILED && ack.state() != DeliveryState.WITHHELD);
        if (acknowledgement.isPresent()) {
            return new Outcome(null, "their acknowledgement " + acknowledgement.get().key() + " told them about " + outage, 0);
        }
        return new Outcome(message, null, 0);
    }

    private Optional<StoredMessage> pending(String key) {
        return outbox.find(key).filter(stored -> stored.state() == DeliveryState.PENDING);
    }

    private boolean supersede(StoredMessage stored, String why, Instant now) {
        return outbox.supersede(stored, why, DeliveryNotes.changed(stored.message(), "not sent: " + why, now));
    }
}
