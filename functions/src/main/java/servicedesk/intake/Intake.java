package servicedesk.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import servicedesk.catalog.ServiceCatalog;
import servicedesk.incident.Escalation;
import servicedesk.incident.Incident;
import servicedesk.incident.IncidentState;
import servicedesk.incident.IncidentStore;
import servicedesk.notify.Audience;
import servicedesk.outage.OutageStore;
import servicedesk.records.Change;
import servicedesk.records.Claim;
import servicedesk.records.DeskRecords;
import servicedesk.settings.DeskSettings;

/**
 * Turns what people send the IT account into incidents, answers and announcements: hands each event of a
 * delivery to {@link TweetIntake} or {@link DirectMessageIntake}, and records blocks (by the account and of
 * it) and revocations itself. Every cause is claimed in the same write as its effects, so redelivered events change
 * nothing.
 */
public final class Intake {
    /**
     * X may deliver an event again for a day (its replay reaches 24 hours back): events older than this
     * when they reached the webhook are ignored, so a captured body cannot be replayed once claims that
     * only guard against redelivery have expired ({@link #REDELIVERY_WINDOW} is much longer).
     */
    public static final Duration MAX_EVENT_AGE = Duration.ofDays(2);
    /**
     * Events reconciliation read from X's API itself (never a body someone posted) are trusted further
     * back, but not as far as {@link #REDELIVERY_WINDOW}: a recovered event is always within its claim's life.
     */
    public static final Duration MAX_RECOVERED_AGE = Duration.ofDays(6);
    static final Duration REDELIVERY_WINDOW = Duration.ofDays(7);
    /**
     * A DM from someone with no open incident waits this many times (a minute and a half by default) for the
     * report it may belong to, before the desk answers that there is none: a short wait, as the answer
     * matters to the sender.
     */
    static final int DM_WAITS = 2;

    /** What became of one event, for the processor's log line and for tests. */
    public sealed interface Outcome permits EventOutcome, TweetIntake.Outcome, DirectMessageIntake.Outcome {
    }

    /** What became of an event no intake took. */
    public enum EventOutcome implements Outcome {
        IGNORED_STALE, BLOCK_RECORDED, ALREADY_HANDLED, IGNORED_OTHER, TWEET_ERASED, NOTHING_TO_ERASE,
        REVOCATION_ALARMED
    }

    private final DeskSettings settings;
    private final DeskRecords records;
    private final TweetIntake tweets;
    private final DirectMessageIntake messages;
    private final ParentWait parentWait;
    private final Clock clock;

    public Intake(DeskSettings settings, ServiceCatalog catalog, IncidentStore incidents, OutageStore outages,
                  DeskRecords records, Audience audience, ParentWait parentWait, Clock clock) {
        this.settings = settings;
        this.records = records;
        this.parentWait = parentWait;
        this.clock = clock;
        Replies replies = new Replies(settings.deskPhone());
        this.tweets = new TweetIntake(settings, catalog, incidents, outages, records, audience, replies, clock);
        this.messages = new DirectMessageIntake(settings, catalog, incidents, records, replies, clock);
    }

    /**
     * @return one outcome per event; {@link TweetIntake.Outcome#AWAITING_PARENT} means the delivery should be
     * put back for another look after {@link #waitBefore(Receipt)}
     */
    public List<Outcome> handle(ActivityBatch batch, Receipt receipt) {
        List<Outcome> outcomes = new ArrayList<>();
        Instant oldest = receipt.receivedAt().minus(receipt.recovered() ? MAX_RECOVERED_AGE : MAX_EVENT_AGE);
        boolean mayWait = parentWait.mayWait(receipt);
        for (InboundEvent event : batch.events()) {
            if (event.at() != null && event.at().isBefore(oldest)) {
                outcomes.add(EventOutcome.IGNORED_STALE);
                continue;
            }
            outcomes.add(switch (event) {
                case InboundEvent.TweetCreated created -> tweets.onTweet(created.tweet(), created.authorBlocked(), mayWait);
                case InboundEvent.DirectMessageReceived received -> messages.onDirectMessage(received.message(),
                        mayWait && receipt.waits() < DM_WAITS);
                case InboundEvent.BlockChanged block -> onBlock(block);
                case InboundEvent.TweetDeleted deleted -> tweets.onDelete(deleted);
                case InboundEvent.AccessRevoked revoked -> onRevoked(revoked);
            });
        }
        return outcomes;
    }

    /** True when some event of the delivery waits for what it belongs to: a reply's parent, a DM's incident. */
    public static boolean waitsForParent(List<Outcome> outcomes) {
        return outcomes.contains(TweetIntake.Outcome.AWAITING_PARENT)
                || outcomes.contains(DirectMessageIntake.Outcome.AWAITING_INCIDENT);
    }

    public Duration waitBefore(Receipt receipt) {
        return parentWait.before(receipt.waits());
    }

    /**
     * A block (or unblock) by the IT account: from now on the desk ignores what that user tweets and sends
     * them nothing, until the account unblocks them. A block of the IT account by a user (Account Activity
     * delivers those too): the desk sends them nothing, as X would refuse it, until they unblock it. Blocks
     * between other users are none of the desk's business.
     */
    Outcome onBlock(InboundEvent.BlockChanged block) {
        String account = settings.accountId();
        boolean byAccount = block.userId().equals(account);
        if (byAccount == block.targetId().equals(account)) {
            return EventOutcome.IGNORED_OTHER;
        }
        String user = byAccount ? block.targetId() : block.userId();
        Instant now = clock.instant();
        Claim claim = Claim.expiring("block:" + block.userId() + ":" + block.targetId() + ":" + block.blocked() + ":"
                + block.at(), now.plus(REDELIVERY_WINDOW));
        return records.commit(claim, Change.of(new Change.SetBlocked(user, !byAccount, block.blocked(), now)))
                ? EventOutcome.BLOCK_RECORDED : EventOutcome.ALREADY_HANDLED;
    }

    /**
     * The IT account revoked the app (X removes its subscription with it): nothing more arrives and nothing
     * can be sent until someone re-authorises and runs go-live again. On-call hears of it once.
     */
    Outcome onRevoked(InboundEvent.AccessRevoked revoked) {
        if (!revoked.userId().equals(settings.accountId())) {
            return EventOutcome.IGNORED_OTHER;
        }
        Instant now = clock.instant();
        Instant at = revoked.at() == null ? now : revoked.at();
        String id = "x-access-revoked:" + revoked.userId() + ":" + at.getEpochSecond();
        Escalation alarm = new Escalation(id, Escalation.Kind.X_ACCESS_REVOKED, "X account " + revoked.userId(), "P1", "x",
                "The IT account (" + revoked.userId() + ") revoked the desk's X app at " + at + ": X delivers and accepts "
                        + "nothing more for it. Re-authorise the app, put the new tokens in the secret and run infra/go-live.",
                now);
        return records.commit(Claim.expiring(id, now.plus(REDELIVERY_WINDOW)), Change.of(new Change.Escalate(alarm)))
                ? EventOutcome.REVOCATION_ALARMED : EventOutcome.ALREADY_HANDLED;
    }

    /** A reporter answering an incident On Hold (awaiting the caller) puts it back In Progress. */
    static Optional<Change.Write> backFromHold(Incident incident, Instant now) {
        return incident.state() == IncidentState.ON_HOLD
                ? Optional.of(new Change.MoveIncident(incident.number(), IncidentState.ON_HOLD, IncidentState.IN_PROGRESS, now))
                : Optional.empty();
    }
}
