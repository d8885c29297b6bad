package servicedesk.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import servicedesk.broadcast.AnnouncementText;
import servicedesk.broadcast.BroadcastWording;
import servicedesk.broadcast.Broadcasts;
import servicedesk.catalog.Service;
import servicedesk.catalog.ServiceCatalog;
import servicedesk.format.Log;
import servicedesk.incident.Escalation;
import servicedesk.incident.Incident;
import servicedesk.incident.IncidentStore;
import servicedesk.incident.Reporter;
import servicedesk.incident.Resolution;
import servicedesk.incident.TimelineEntry;
import servicedesk.notify.Audience;
import servicedesk.notify.OutboundMessage;
import servicedesk.outage.AnnouncementKind;
import servicedesk.outage.Outage;
import servicedesk.outage.OutageStore;
import servicedesk.outage.PossibleOutage;
import servicedesk.privacy.SecretScanner;
import servicedesk.records.Change;
import servicedesk.records.Claim;
import servicedesk.records.Conflict;
import servicedesk.records.DeskRecords;
import servicedesk.records.Reporting;
import servicedesk.settings.DeskSettings;

/**
 * Tweets at the IT account: a mention with a service hashtag opens an incident and DMs its number; a reply
 * in an incident's thread joins its timeline; a staff command is broadcast; anyone else's top-level mention
 * gets one hint about the hashtags a day. X delivers in no order, so a reply whose parent the desk has not
 * seen waits for it (the processor puts it back) before it is judged on its own. The IT account's own
 * tweets are only remembered (replies to them find their thread); retweets and authors the account has
 * blocked are ignored.
 */
final class TweetIntake {

    enum Outcome implements Intake.Outcome {
        IGNORED_OWN, IGNORED_RETWEET, ALREADY_HANDLED, INCIDENT_OPENED, HASHTAG_HELP_SENT, HASHTAG_HELP_SKIPPED,
        SECRET_WARNING_SENT, ANNOUNCED, ANNOUNCEMENT_REJECTED, THREAD_REPLY, RESOLVED_BY_STAFF, IGNORED_OTHER,
        IGNORED_BLOCKED, AWAITING_PARENT, IGNORED_STAFF, IGNORED_REPLY, TWEET_ERASED, NOTHING_TO_ERASE,
        REPORTER_FOLLOW_UP, DAILY_LIMIT_SENT, DAILY_LIMIT_SKIPPED
    }

    /**
     * New incidents one author (staff aside) may open per UTC day: past it, their reports are claimed and
     * answered once a day with a public reply, so one account cannot take a number, an acknowledgement DM and
     * an agent's time per tweet.
     */
    static final int NEW_INCIDENTS_PER_AUTHOR_PER_DAY = 3;

    /** What is left of a tweet's text once its author deleted it on X. */
    static final String DELETED_TEXT = Erasure.DELETED_TEXT;

    private final DeskSettings settings;
    private final ServiceCatalog catalog;
    private final IncidentStore incidents;
    private final OutageStore outages;
    private final DeskRecords records;
    private final Audience audience;
    private final Broadcasts broadcasts;
    private final Replies replies;
    private final SecretScanner scanner = new SecretScanner();
    private final Triage triage = new Triage();
    private final IncidentNumbers numbers;
    private final Erasure erasure;
    private final Clock clock;

    TweetIntake(DeskSettings settings, ServiceCatalog catalog, IncidentStore incidents, OutageStore outages,
                DeskRecords records, Audience audience, Replies replies, Clock clock) {
        this.settings = settings;
        this.audience = audience;
        this.catalog = catalog;
        this.incidents = incidents;
        this.outages = outages;
        this.records = records;
        this.replies = replies;
        this.clock = clock;
        this.broadcasts = new Broadcasts(catalog, outages, records, clock);
        this.numbers = new IncidentNumbers(records, settings.incidentNumberBlock());
        this.erasure = new Erasure(incidents, records, clock);
    }

    /**
     * @param authorBlocked whether the IT account has blocked the author, as X said; null when the envelope
     *                      does not say, and the desk's own record of the account's blocks decides
     * @param mayWait       whether a reply whose parent is unknown may still wait for it
     */
    Outcome onTweet(Tweet tweet, Boolean authorBlocked, boolean mayWait) {
        if (tweet.retweet()) {
            return Outcome.IGNORED_RETWEET;
        }
        // The IT account's own tweets come back through the webhook, our reposts of announcements included.
        if (tweet.authorId().equals(settings.accountId())) {
            return remember(tweet);
        }
        if (authorBlocked != null ? authorBlocked : audience.isBlocked(tweet.authorId())) {
            return Outcome.IGNORED_BLOCKED;
        }
        // Only staff, by user id, broadcast; anyone else's #outage is a report.
        Optional<AnnouncementKind> command = AnnouncementKind.among(tweet.hashtags());
        if (command.isPresent() && tweet.inReplyToTweetId() == null && settings.isStaff(tweet.authorId())) {
            return announce(tweet, command.get());
        }
        // No claim look-up first: every path below commits under a claim (the tweet's, or its author's daily
        // hint), so a redelivery writes nothing.
        SecretScanner.Result scan = scanner.scan(tweet.text());
        if (tweet.inReplyToTweetId() != null) {
            // Whether the parent was seen is read before its thread: a parent handled side by side with this
            // reply and claimed in between is then found in its thread, never mistaken for a stranger.
            boolean parentSeen = records.isClaimed(Claim.tweet(tweet.inReplyToTweetId(), null).key());
            Optional<String> thread = incidents.incidentForTweet(tweet.inReplyToTweetId());
            if (thread.isPresent()) {
                return threadReply(tweet, thread.get(), scan);
            }
            // The parent may still be on its way (or be recovered by reconciliation): judge the reply once it
            // is in, or once waiting is over.
            if (mayWait && !parentSeen) {
                return Outcome.AWAITING_PARENT;
            }
        }
        Optional<Service> service = tweet.hashtags().stream()
                .map(catalog::find).flatMap(Optional::stream).findFirst();
        if (service.isPresent()) {
            return report(tweet, service.get(), scan);
        }
        if (scan.foundSecret()) {
            return records.commit(Claim.tweet(tweet.id(), null), Change.of(new Change.QueueMessage(
                    OutboundMessage.directMessage("secret-warning:" + tweet.id(), tweet.authorId(),
                            replies.secretWithoutService(), null))))
                    ? Outcome.SECRET_WARNING_SENT : Outcome.ALREADY_HANDLED;
        }
        // Staff talk to the desk's users all the time, and a reply is part of a conversation: neither is a
        // report that missed its hashtag. Claimed all the same, so replies to them find a known parent.
        if (settings.isStaff(tweet.authorId()) || tweet.inReplyToTweetId() != null) {
            boolean first = records.commit(seen(tweet.id()), Change.of());
            return !first ? Outcome.ALREADY_HANDLED
                    : settings.isStaff(tweet.authorId()) ? Outcome.IGNORED_STAFF : Outcome.IGNORED_REPLY;
        }
        return hashtagHelp(tweet);
    }

    /**
     * The IT account's own tweet: claimed (linked to its incident when it replies in one's thread), so that
     * replies to it find their parent and their thread; nothing is answered.
     */
    private Outcome remember(Tweet tweet) {
        String number = tweet.inReplyToTweetId() == null ? null
                : incidents.incidentForTweet(tweet.inReplyToTweetId()).orElse(null);
        records.commit(number == null ? seen(tweet.id()) : Claim.tweet(tweet.id(), number), Change.of());
        return Outcome.IGNORED_OWN;
    }

    /** A tweet the desk has seen and took no action on, forgotten once X can no longer redeliver it. */
    private Claim seen(String tweetId) {
        return Claim.expiring(Claim.tweet(tweetId, null).key(), clock.instant().plus(Intake.REDELIVERY_WINDOW));
    }

    /**
     * The author deleted a tweet on X: its text leaves the incident it opened (the description) or joined
     * (its timeline line); the incident stays, with a note of the deletion. A deletion that comes before
     * its tweet claims the tweet, so the tweet is never taken in afterwards.
     */
    Outcome onDelete(InboundEvent.TweetDeleted deleted) {
        if (incidents.incidentForTweet(deleted.tweetId()).isEmpty()) {
            records.commit(seen(deleted.tweetId()), Change.of());
            return Outcome.NOTHING_TO_ERASE;
        }
        return switch (erasure.erase(deleted.tweetId(), deleted.authorId(), Erasure.DELETED)) {
            case ERASED -> Outcome.TWEET_ERASED;
            case NOTHING_TO_ERASE -> Outcome.NOTHING_TO_ERASE;
            case ALREADY_ERASED -> Outcome.ALREADY_HANDLED;
        };
    }

    private Outcome announce(Tweet tweet, AnnouncementKind kind) {
        String service = AnnouncementText.serviceHashtag(tweet.hashtags()).orElse(null);
        Broadcasts.Result result;
        try {
            result = broadcasts.announce(AnnouncementText.fromTweet(tweet.text(), tweet.links(),
                    tweet.authorId(), tweet.id(), kind, service), tweet.id());
        } catch (AnnouncementText.Unreadable unreadable) {
            // Retrying cannot make 2030-13-45 a date: ask the staff member for a valid one instead.
            result = new Broadcasts.Result.Rejected(unreadable.getMessage());
        }
        return switch (result) {
            case Broadcasts.Result.Announced announced -> Outcome.ANNOUNCED;
            case Broadcasts.Result.AlreadyAnnounced already -> Outcome.ALREADY_HANDLED;
            case Broadcasts.Result.Rejected rejected -> {
                // Tell the staff member why, once.
                yield records.commit(Claim.tweet(tweet.id(), null), Change.of(new Change.QueueMessage(
                        OutboundMessage.directMessage("rejected:" + tweet.id(), tweet.authorId(),
                                BroadcastWording.rejected(rejected.reason()), null))))
                        ? Outcome.ANNOUNCEMENT_REJECTED : Outcome.ALREADY_HANDLED;
            }
        };
    }

    /**
     * A report: a follow-up on the author's open incident about the same service if there is one, else a new
     * incident while the author is within the day's allowance. Staff, who report for callers, always open one.
     * The author's incident on record for the service and their day's count are kept with the opening, in
     * its transaction ({@link Change.TakeReportAllowance}); only a report that transaction refuses reads them,
     * to learn why, so most reports cost no read for this.
     */
    private Outcome report(Tweet tweet, Service service, SecretScanner.Result scan) {
        Instant now = clock.instant();
        if (settings.isStaff(tweet.authorId())) {
            return open(tweet, service, scan, numbers.next(), List.of(), now);
        }
        LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
        String number = numbers.next();
        String replacing = null;
        for (int attempt = 0; ; attempt++) {
            try {
                return open(tweet, service, scan, number, List.of(new Change.TakeReportAllowance(tweet.authorId(),
                        service.hashtag(), number, replacing, today, NEW_INCIDENTS_PER_AUTHOR_PER_DAY, now)), now);
            } catch (Conflict refused) {
                // Nothing of the incident was written: its number goes back, so a follow-up leaves no gap.
                numbers.giveBack(number);
                Reporting reporting = records.reporting(tweet.authorId());
                Optional<String> onRecord = reporting.incident(service.hashtag());
                Optional<Incident> open = onRecord.flatMap(incidents::find)
                        .filter(incident -> incident.isOpen() && incident.service().equals(service.hashtag()));
                if (open.isPresent()) {
                    return followUp(tweet, open.get(), service, scan);
                }
                if (reporting.openedOn(today) >= NEW_INCIDENTS_PER_AUTHOR_PER_DAY) {
                    return dailyLimit(tweet);
                }
                if (attempt >= 2) {
                    throw refused;
                }
                // Their incident on record is no longer open (or moved to another service): this one takes its place.
                replacing = onRecord.orElse(null);
                number = numbers.next();
            }
        }
    }

    /**
     * The author's report, recorded on their open incident as their follow-up in its thread would be. One that
     * sounds urgent or security-related flags and escalates the incident as a new report would, once.
     */
    private Outcome followUp(Tweet tweet, Incident incident, Service service, SecretScanner.Result scan) {
        Instant now = clock.instant();
        String number = incident.number();
        List<Change.Write> writes = new ArrayList<>();
        writes.add(note(tweet, number, TimelineEntry.Kind.REPORTER_FOLLOW_UP, scan, now));
        if (triage.assess(service, scan.redactedText()).callDesk() && !incident.flags().contains(Incident.FLAG_CALL_DESK)) {
            // The flag is this write on the incident (one per transaction): it stays On Hold, the escalation calls.
            writes.add(new Change.FlagIncident(number, Incident.FLAG_CALL_DESK));
            writes.add(new Change.Escalate(new Escalation("attention:" + number, Escalation.Kind.IMMEDIATE_ATTENTION,
                    number, incident.priority().name(), service.hashtag(), number + " (" + incident.priority().name() + ", "
                    + service.name() + ") has a follow-up that looks urgent or security-related: call the reporter back.", now)));
        } else {
            Intake.backFromHold(incident, now).ifPresent(writes::add);
        }
        if (scan.foundSecret()) {
            writes.add(new Change.QueueMessage(OutboundMessage.directMessage("secret-warning:" + tweet.id(),
                    tweet.authorId(), replies.secretWithoutService(), incident.number())));
        }
        return records.commit(Claim.tweet(tweet.id(), incident.number()), Change.of(writes))
                ? Outcome.REPORTER_FOLLOW_UP : Outcome.ALREADY_HANDLED;
    }

    /**
     * Past the day's allowance: the author is told once a day; any other report is claimed with nothing
     * queued, so a redelivery tomorrow, within the allowance again, does not open it.
     */
    private Outcome dailyLimit(Tweet tweet) {
        OutboundMessage limit = OutboundMessage.publicReply("limit:" + tweet.id(), tweet.authorId(), tweet.id(),
                replies.dailyLimitReached(NEW_INCIDENTS_PER_AUTHOR_PER_DAY));
        Outcome outcome = oncePerDay("limit:", tweet, limit, Outcome.DAILY_LIMIT_SENT, Outcome.DAILY_LIMIT_SKIPPED);
        if (outcome == Outcome.DAILY_LIMIT_SKIPPED && !records.commit(seen(tweet.id()), Change.of())) {
            return Outcome.ALREADY_HANDLED;
        }
        return outcome;
    }

    /** @param allowance the author's allowance, taken with the incident (none for staff) */
    private Outcome open(Tweet tweet, Service service, SecretScanner.Result scan, String number,
                         List<Change.TakeReportAllowance> allowance, Instant now) {
        Triage.Assessment assessment = triage.assess(service, scan.redactedText());
        Set<String> flags = new HashSet<>();
        if (scan.foundSecret()) {
            flags.add(Incident.FLAG_SECRET_REDACTED);
        }
        if (assessment.callDesk()) {
            flags.add(Incident.FLAG_CALL_DESK);
        }
        Optional<Outage> outage = outages.active(service.hashtag());
        Incident incident = Incident.open(number, assessment.priority(), assessment.impact(), assessment.urgency(),
                service.hashtag(), new Reporter(tweet.authorId(), tweet.authorHandle()), tweet.id(), tweet.url(),
                scan.redactedText(), flags, settings.targets().forPriority(assessment.priority()),
                outage.map(Outage::id).orElse(null), now);
        List<Change.Write> writes = new ArrayList<>();
        writes.add(new Change.OpenIncident(incident));
        writes.add(new Change.AddNote(number, new TimelineEntry("opened:" + tweet.id(), now, TimelineEntry.Kind.OPENED,
                tweet.authorId(), "Opened from tweet " + tweet.id() + " on " + service.name()
                + outage.map(known -> ", linked to outage " + known.id()).orElse(""))));
        String text = replies.incidentOpened(incident, service.name(), scan.foundSecret(), assessment.callDesk())
                + outage.map(known -> "\n\n" + BroadcastWording.partOfOutage(known)).orElse("");
        writes.add(new Change.QueueMessage(OutboundMessage.directMessage("opened:" + tweet.id(), tweet.authorId(), text, number)
                .withPublicFallback(tweet.id(), replies.incidentOpenedPublicly(incident))));
        if (assessment.callDesk()) {
            writes.add(new Change.Escalate(new Escalation("attention:" + number, Escalation.Kind.IMMEDIATE_ATTENTION,
                    number, incident.priority().name(), service.hashtag(),
                    number + " (" + incident.priority().name() + ", " + service.name()
                            + ") looks urgent or security-related: call the reporter back.", now)));
        }
        writes.addAll(allowance);
        if (!records.commit(Claim.tweet(tweet.id(), number), Change.of(writes))) {
            numbers.giveBack(number);
            return Outcome.ALREADY_HANDLED;
        }
        if (outage.isEmpty()) {
            possibleOutage(service, now);
        }
        return Outcome.INCIDENT_OPENED;
    }

    /**
     * Counts the report in its service's window of M minutes; the report that makes it N raises one
     * possible-outage alert for that window. Each counted report opened an incident, and an author's further
     * reports on the service while theirs is open are follow-ups, so N reports are N people (one whose incident
     * was closed meanwhile counts again). A count is one atomic add, not a query over the window's incidents, so
     * a burst of reports stays cheap. The alert is advice: if raising it fails, the report it came with is kept
     * and the failure is logged.
     */
    private void possibleOutage(Service service, Instant now) {
        DeskSettings.PossibleOutageRule rule = settings.possibleOutage();
        Duration window = Duration.ofMinutes(rule.windowMinutes());
        long bucket = now.getEpochSecond() / window.toSeconds();
        String key = "possible-outage:" + service.hashtag() + ":" + bucket;
        Instant forgotten = now.plus(window.multipliedBy(2));
        try {
            long reports = records.count("reports:" + service.hashtag() + ":" + bucket, forgotten);
            if (reports == rule.reports()) {
                records.commit(Claim.expiring(key, forgotten), Change.of(new Change.RaiseAlert(
                        new PossibleOutage(key, service.hashtag(), service.name(), (int) reports, rule.windowMinutes(), now))));
            }
        } catch (RuntimeException failed) {
            Log.warn("possible-outage-check-failed", "service", service.hashtag(),
                    "error", failed.getClass().getSimpleName());
        }
    }

    /**
     * A reply anywhere under an incident's tweet joins that incident's timeline; claiming the reply's own
     * id for the incident lets replies to it, however deep, find the incident too. A staff reply is the
     * desk's answer, and one with a knowledge-article link, #kb or #resolved resolves the incident.
     */
    private Outcome threadReply(Tweet tweet, String number, SecretScanner.Result scan) {
        Optional<Incident> found = incidents.find(number);
        if (found.isEmpty()) {
            return Outcome.IGNORED_OTHER;
        }
        Incident incident = found.get();
        Instant now = clock.instant();
        boolean staff = settings.isStaff(tweet.authorId());
        TimelineEntry.Kind kind = tweet.authorId().equals(incident.reporter().userId())
                ? TimelineEntry.Kind.REPORTER_FOLLOW_UP
                : staff ? TimelineEntry.Kind.STAFF_RESPONSE
                : TimelineEntry.Kind.COMMUNITY_ANSWER;
        List<Change.Write> writes = new ArrayList<>();
        writes.add(note(tweet, number, kind, scan, now));
        Outcome outcome = Outcome.THREAD_REPLY;
        if (staff) {
            boolean resolves = !tweet.links().isEmpty() || tweet.hasHashtag("kb") || tweet.hasHashtag("resolved");
            if (!resolves || !incident.isOpen()) {
                writes.add(new Change.RespondFirst(number, now));
            } else {
                String fix = tweet.links().isEmpty() ? scan.redactedText() : tweet.links().get(0);
                writes.add(new Change.ResolveIncident(number, incident.state(),
                        new Resolution(Resolution.Source.STAFF, fix, tweet.authorId(), now)));
                writes.add(new Change.QueueMessage(OutboundMessage.directMessage("resolved:" + number,
                        incident.reporter().userId(), replies.resolvedByStaff(incident, fix), number)));
                outcome = Outcome.RESOLVED_BY_STAFF;
            }
        } else if (kind == TimelineEntry.Kind.REPORTER_FOLLOW_UP) {
            Intake.backFromHold(incident, now).ifPresent(writes::add);
        }
        boolean written = records.commit(Claim.tweet(tweet.id(), number), Change.of(writes));
        return written ? outcome : Outcome.ALREADY_HANDLED;
    }

    /** The tweet as a line of the incident's timeline; its id lets replies to it find the incident. */
    private static Change.AddNote note(Tweet tweet, String number, TimelineEntry.Kind kind, SecretScanner.Result scan,
                                       Instant now) {
        return new Change.AddNote(number, new TimelineEntry("tweet:" + tweet.id(), now, kind, tweet.authorId(),
                "@" + tweet.authorHandle() + ": " + scan.redactedText()));
    }

    private Outcome hashtagHelp(Tweet tweet) {
        OutboundMessage help = OutboundMessage.publicReply("help:" + tweet.id(), tweet.authorId(), tweet.id(),
                replies.hashtagHelp(catalog.all()));
        return oncePerDay("help:", tweet, help, Outcome.HASHTAG_HELP_SENT, Outcome.HASHTAG_HELP_SKIPPED);
    }

    /**
     * One such reply per person per UTC day; the tweet is claimed too, so a redelivery on another day is not a
     * new reply. A tweet past the day's reply is left unclaimed: a redelivery of it is skipped the same way.
     */
    private Outcome oncePerDay(String kind, Tweet tweet, OutboundMessage reply, Outcome sent, Outcome skipped) {
        Instant now = clock.instant();
        try {
            return records.commit(Claim.expiring(kind + tweet.authorId() + ":" + day(now), now.plus(Duration.ofDays(2))),
                    Change.of(new Change.AlsoClaim(seen(tweet.id())), new Change.QueueMessage(reply))) ? sent : skipped;
        } catch (Conflict tweetAlreadyHandled) {
            return Outcome.ALREADY_HANDLED;
        }
    }

    static String day(Instant at) {
        return at.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }
}
