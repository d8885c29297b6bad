package servicedesk.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import servicedesk.catalog.Service;
import servicedesk.catalog.ServiceCatalog;
import servicedesk.incident.Incident;
import servicedesk.incident.IncidentStore;
import servicedesk.incident.Resolution;
import servicedesk.incident.TimelineEntry;
import servicedesk.notify.OutboundMessage;
import servicedesk.privacy.SecretScanner;
import servicedesk.records.Change;
import servicedesk.records.Claim;
import servicedesk.records.DeskRecords;
import servicedesk.settings.DeskSettings;

/**
 * Direct messages to the IT account: {@code status} or an incident number answers with the incident's
 * state; {@code solved} (or thanks) after a community answer resolves the incident crediting it; anything
 * else is a private note on the sender's open incident. The IT account's own DMs are ignored.
 */
final class DirectMessageIntake {
    private static final Pattern INCIDENT_NUMBER = Pattern.compile("(?i)\\bINC\\d{7}\\b");
    private static final Pattern STATUS_REQUEST = Pattern.compile("(?i)^\\W*status\\b.*");
    /** The reporter saying a suggestion worked. */
    private static final Pattern SOLVED = Pattern.compile(
            "(?i)^\\W*(solved|fixed|thanks|thank you|thx|that worked|it works( now)?)\\b[\\s\\S]{0,40}$");

    enum Outcome implements Intake.Outcome {
        IGNORED_OWN, ALREADY_HANDLED, STATUS_SENT, NOTE_ADDED, NO_OPEN_INCIDENT, RESOLVED_BY_COMMUNITY, AWAITING_INCIDENT
    }

    private final DeskSettings settings;
    private final ServiceCatalog catalog;
    private final IncidentStore incidents;
    private final DeskRecords records;
    private final Replies replies;
    private final Clock clock;
    private final SecretScanner scanner = new SecretScanner();

    DirectMessageIntake(DeskSettings settings, ServiceCatalog catalog, IncidentStore incidents, DeskRecords records,
                        Replies replies, Clock clock) {
        this.settings = settings;
        this.catalog = catalog;
        this.incidents = incidents;
        this.records = records;
        this.replies = replies;
        this.clock = clock;
    }

    /**
     * @param mayWait whether a message from someone with no open incident may still wait for one: their
     *                report may be on its way (X delivers in no order), and the detail belongs on it
     */
    Outcome onDirectMessage(DirectMessage message, boolean mayWait) {
        if (message.senderId().equals(settings.accountId()) || settings.ownAppIds().contains(message.sourceAppId())) {
            return Outcome.IGNORED_OWN;
        }
        Instant now = clock.instant();
        Claim claim = Claim.expiring("dm:" + message.eventId(), now.plus(Intake.REDELIVERY_WINDOW));
        // The claim is read first, though every path below commits under it: the reply is built from reads
        // (the sender's incidents, a timeline), which a redelivery then does not repeat.
        if (records.isClaimed(claim.key())) {
            return Outcome.ALREADY_HANDLED;
        }
        String text = message.text().trim();
        Matcher number = INCIDENT_NUMBER.matcher(text);
        if (STATUS_REQUEST.matcher(text).matches() || number.find()) {
            number.reset();
            String reply = statusReply(message.senderId(), number.find() ? number.group().toUpperCase() : null);
            return commitReply(claim, message, reply, Outcome.STATUS_SENT);
        }
        Optional<Incident> open = incidents.byReporter(message.senderId(), 20).stream()
                .filter(Incident::isOpen).findFirst();
        if (open.isEmpty()) {
            if (mayWait) {
                return Outcome.AWAITING_INCIDENT;
            }
            return commitReply(claim, message, replies.noOpenIncident(), Outcome.NO_OPEN_INCIDENT);
        }
        Incident incident = open.get();
        if (SOLVED.matcher(text).matches()) {
            Optional<TimelineEntry> answer = incidents.timeline(incident.number()).stream()
                    .filter(entry -> entry.kind() == TimelineEntry.Kind.COMMUNITY_ANSWER).reduce((first, last) -> last);
            if (answer.isPresent()) {
                return resolvedByCommunity(claim, message, incident, answer.get(), now);
            }
        }
        // Private is not secret-free: a password in a note would sit on the incident for every agent to read.
        SecretScanner.Result scan = scanner.scan(text);
        List<Change.Write> writes = new ArrayList<>(List.of(
                new Change.AddNote(incident.number(), new TimelineEntry("dm:" + message.eventId(), now,
                        TimelineEntry.Kind.PRIVATE_NOTE, message.senderId(), scan.redactedText())),
                new Change.QueueMessage(OutboundMessage.directMessage("dm-reply:" + message.eventId(), message.senderId(),
                        scan.foundSecret() ? replies.noteAddedWithoutSecret(incident) : replies.noteAdded(incident),
                        incident.number()))));
        Intake.backFromHold(incident, now).ifPresent(writes::add);
        return records.commit(claim, Change.of(writes)) ? Outcome.NOTE_ADDED : Outcome.ALREADY_HANDLED;
    }

    /** The reporter says the community's answer worked: resolve the incident, crediting whoever gave it. */
    private Outcome resolvedByCommunity(Claim claim, DirectMessage message, Incident incident, TimelineEntry answer,
                                        Instant now) {
        String helper = answer.text().startsWith("@") ? answer.text().substring(0, answer.text().indexOf(':')) : "the community";
        boolean written = records.commit(claim, Change.of(
                new Change.ResolveIncident(incident.number(), incident.state(),
                        new Resolution(Resolution.Source.COMMUNITY, answer.text(), answer.actorId(), now)),
                new Change.AddNote(incident.number(), new TimelineEntry("dm:" + message.eventId(), now,
                        TimelineEntry.Kind.STATE_CHANGED, message.senderId(),
                        "Reporter confirmed the community answer of " + helper + " fixed it")),
                new Change.QueueMessage(OutboundMessage.directMessage("dm-reply:" + message.eventId(),
                        message.senderId(), replies.resolvedByCommunity(incident, helper), incident.number()))));
        return written ? Outcome.RESOLVED_BY_COMMUNITY : Outcome.ALREADY_HANDLED;
    }

    private String statusReply(String senderId, String requestedNumber) {
        if (requestedNumber != null) {
            return incidents.find(requestedNumber)
                    .filter(incident -> incident.reporter().userId().equals(senderId))
                    .map(incident -> replies.status(incident, serviceName(incident)))
                    .orElseGet(() -> replies.noSuchIncident(requestedNumber));
        }
        return incidents.byReporter(senderId, 1).stream().findFirst()
                .map(incident -> replies.status(incident, serviceName(incident)))
                .orElseGet(replies::noIncidents);
    }

    private Outcome commitReply(Claim claim, DirectMessage message, String reply, Outcome outcome) {
        OutboundMessage answer = OutboundMessage.directMessage(
                "dm-reply:" + message.eventId(), message.senderId(), reply, null);
        return records.commit(claim, Change.of(new Change.QueueMessage(answer))) ? outcome : Outcome.ALREADY_HANDLED;
    }

    private String serviceName(Incident incident) {
        return catalog.find(incident.service()).map(Service::name).orElse("#" + incident.service());
    }
}
