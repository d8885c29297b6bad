package servicedesk.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
import servicedesk.records.Conflict;
import servicedesk.records.DeskRecords;
import servicedesk.settings.DeskSettings;

/**
 * Direct messages to the IT account: {@code status} or an incident number answers with the incident's
 * state; {@code solved} (or a few other explicit words) after a community answer resolves the incident
 * crediting it; anything else is a private note on the sender's open incident. Someone with no open incident
 * (or asking about none of theirs) is answered once a day at most. The IT account's own DMs are ignored.
 */
final class DirectMessageIntake {
    private static final Pattern INCIDENT_NUMBER = Pattern.compile("(?i)\\bINC\\d{7}\\b");
    private static final Pattern STATUS_REQUEST = Pattern.compile("(?i)^\\W*status\\b.*");
    /** Punctuation (but a question mark), emoji and spaces: what may stand around the reporter's confirmation. */
    private static final String MARKS = "[\\p{P}\\p{S}\\p{M}\\p{Cf}\\s&&[^?¿]]";
    private static final String THANKS = "(?:thanks|thank you|thx)";
    /**
     * The reporter saying, in so many words, that it is fixed: "solved", "fixed", "that worked", "it works (now)",
     * with at most a thanks and punctuation or emoji around it. A bare "thanks" is politeness, and "thanks, but
     * it is still broken" is detail: both are notes.
     */
    static final Pattern SOLVED = Pattern.compile("(?iu)^" + MARKS + "*+(?:" + THANKS + MARKS + "++)?"
            + "(?:solved|fixed|that worked|it works(?: now)?)(?:" + MARKS + "++" + THANKS + ")?" + MARKS + "{0,20}+$");

    enum Outcome implements Intake.Outcome {
        IGNORED_OWN, ALREADY_HANDLED, STATUS_SENT, NOTE_ADDED, NO_OPEN_INCIDENT, RESOLVED_BY_COMMUNITY, AWAITING_INCIDENT,
        ANSWERED_TODAY, ANSWERED_RECENTLY
    }

    /**
     * A sender's DMs get at most one answer (a status, a note's receipt) in this window: X allows the whole
     * account 15 DMs per 15 minutes, so one person writing in a loop must not take them. Their notes are all
     * recorded; a note's secret warning and a resolution's confirmation are always sent.
     */
    static final Duration ANSWER_WINDOW = Duration.ofMinutes(15);

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
            String requested = number.find() ? number.group().toUpperCase() : null;
            return statusOf(message.senderId(), requested)
                    .map(reply -> answerOncePerWindow(claim, message, List.of(), reply, null, Outcome.STATUS_SENT))
                    .orElseGet(() -> oncePerDay(claim, message,
                            requested == null ? replies.noIncidents() : replies.noSuchIncident(requested), Outcome.STATUS_SENT));
        }
        Optional<Incident> open = incidents.byReporter(message.senderId(), 20).stream()
                .filter(Incident::isOpen).findFirst();
        if (open.isEmpty()) {
            if (mayWait) {
                return Outcome.AWAITING_INCIDENT;
            }
            return oncePerDay(claim, message, replies.noOpenIncident(), Outcome.NO_OPEN_INCIDENT);
        }
        Incident incident = open.get();
        if (SOLVED.matcher(text).matches()) {
            Optional<TimelineEntry> answer = answerSinceTheDeskLastSpoke(incidents.timeline(incident.number()));
            if (answer.isPresent()) {
                return resolvedByCommunity(claim, message, incident, answer.get(), now);
            }
        }
        // Private is not secret-free: a password in a note would sit on the incident for every agent to read.
        SecretScanner.Result scan = scanner.scan(text);
        List<Change.Write> writes = new ArrayList<>(List.of(new Change.AddNote(incident.number(), new TimelineEntry(
                "dm:" + message.eventId(), now, TimelineEntry.Kind.PRIVATE_NOTE, message.senderId(), scan.redactedText()))));
        Intake.backFromHold(incident, now).ifPresent(writes::add);
        if (scan.foundSecret()) {
            writes.add(new Change.QueueMessage(OutboundMessage.directMessage("dm-reply:" + message.eventId(),
                    message.senderId(), replies.noteAddedWithoutSecret(incident), incident.number())));
            return records.commit(claim, Change.of(writes)) ? Outcome.NOTE_ADDED : Outcome.ALREADY_HANDLED;
        }
        Outcome answered = answerOncePerWindow(claim, message, writes, replies.noteAdded(incident), incident.number(),
                Outcome.NOTE_ADDED);
        return answered == Outcome.ANSWERED_RECENTLY ? Outcome.NOTE_ADDED : answered;
    }

    /** A reporter's answer: one per sender per {@link #ANSWER_WINDOW}; past it only the DM's effects are written. */
    private Outcome answerOncePerWindow(Claim claim, DirectMessage message, List<Change.Write> effects, String reply,
                                        String incidentNumber, Outcome outcome) {
        Instant now = clock.instant();
        long window = now.getEpochSecond() / ANSWER_WINDOW.toSeconds();
        return answerOnce(Claim.expiring("dm-answered:" + message.senderId() + ":" + window,
                now.plus(ANSWER_WINDOW.multipliedBy(2))), claim, message, effects, reply, incidentNumber, outcome,
                Outcome.ANSWERED_RECENTLY);
    }

    /**
     * Writes the DM's effects with an answer if {@code period} (the sender's answer for a day or a window) is
     * not taken yet, else without the answer.
     *
     * @return {@code outcome}, or {@code unanswered} when the answer was left out
     */
    private Outcome answerOnce(Claim period, Claim claim, DirectMessage message, List<Change.Write> effects, String reply,
                               String incidentNumber, Outcome outcome, Outcome unanswered) {
        List<Change.Write> answered = new ArrayList<>(effects);
        answered.add(new Change.AlsoClaim(period));
        answered.add(new Change.QueueMessage(OutboundMessage.directMessage("dm-reply:" + message.eventId(),
                message.senderId(), reply, incidentNumber)));
        try {
            return records.commit(claim, Change.of(answered)) ? outcome : Outcome.ALREADY_HANDLED;
        } catch (Conflict answeredAlready) {
            return records.commit(claim, Change.of(effects)) ? unanswered : Outcome.ALREADY_HANDLED;
        }
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

    /**
     * The latest community answer given after the desk's last word to the reporter about the incident (a
     * staff response, or a message sent them other than the receipt of their own DM): what the reporter's
     * "solved" can be about. An answer older than that word was there before the reporter was last told
     * something, so their "solved" may be about that instead; one at the same instant counts.
     */
    private static Optional<TimelineEntry> answerSinceTheDeskLastSpoke(List<TimelineEntry> timeline) {
        Instant lastWord = timeline.stream()
                .filter(entry -> entry.kind() == TimelineEntry.Kind.STAFF_RESPONSE
                        || entry.kind() == TimelineEntry.Kind.REPORTER_NOTIFIED && !entry.id().startsWith("sent:dm-reply:"))
                .map(TimelineEntry::at).max(Instant::compareTo).orElse(Instant.MIN);
        return timeline.stream()
                .filter(entry -> entry.kind() == TimelineEntry.Kind.COMMUNITY_ANSWER && !entry.at().isBefore(lastWord))
                .max(Comparator.comparing(TimelineEntry::at));
    }

    /** The sender's own incident's state, if they asked about one they have. */
    private Optional<String> statusOf(String senderId, String requestedNumber) {
        Optional<Incident> incident = requestedNumber != null
                ? incidents.find(requestedNumber).filter(found -> found.reporter().userId().equals(senderId))
                : incidents.byReporter(senderId, 1).stream().findFirst();
        return incident.map(found -> replies.status(found, serviceName(found)));
    }

    /**
     * An answer to someone without an incident to talk about: one per sender per UTC day (like the hashtag
     * hint), so DMs in a loop cannot spend the account's DMs; past it the DM is claimed and nothing queued.
     */
    private Outcome oncePerDay(Claim claim, DirectMessage message, String reply, Outcome outcome) {
        Instant now = clock.instant();
        return answerOnce(Claim.expiring("no-incident:" + message.senderId() + ":" + TweetIntake.day(now),
                now.plus(Duration.ofDays(2))), claim, message, List.of(), reply, null, outcome, Outcome.ANSWERED_TODAY);
    }

    private String serviceName(Incident incident) {
        return catalog.find(incident.service()).map(Service::name).orElse("#" + incident.service());
    }
}
