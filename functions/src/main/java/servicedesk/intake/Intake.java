package servicedesk.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import servicedesk.catalog.ServiceCatalog;
import servicedesk.incident.Incident;
import servicedesk.incident.IncidentState;
import servicedesk.incident.IncidentStore;
import servicedesk.outage.OutageStore;
import servicedesk.records.Change;
import servicedesk.records.Claim;
import servicedesk.records.DeskRecords;
import servicedesk.settings.DeskSettings;

/**
 * Turns what people send the IT account into incidents, answers and announcements: hands each event of a
 * delivery to {@link TweetIntake} or {@link DirectMessageIntake}, and records blocks itself. Every cause is
 * claimed in the same write as its effects, so redelivered events change nothing.
 */
public final class Intake {
    /**
     * X may deliver an event again for a day (its replay reaches 24 hours back): events older than this
     * when they reached the desk are ignored, so a captured body cannot be replayed once claims that only
     * guard against redelivery have expired ({@link #REDELIVERY_WINDOW} is much longer).
     */
    public static final Duration MAX_EVENT_AGE = Duration.ofDays(2);
    static final Duration REDELIVERY_WINDOW = Duration.ofDays(7);

    /** What became of one event, for the processor's log line and for tests. */
    public sealed interface Outcome permits EventOutcome, TweetIntake.Outcome, DirectMessageIntake.Outcome {
    }

    /** What became of an event no intake took. */
    public enum EventOutcome implements Outcome {
        IGNORED_STALE, BLOCK_RECORDED, ALREADY_HANDLED, IGNORED_OTHER
    }

    private final DeskSettings settings;
    private final DeskRecords records;
    private final TweetIntake tweets;
    private final DirectMessageIntake messages;
    private final Clock clock;

    public Intake(DeskSettings settings, ServiceCatalog catalog, IncidentStore incidents, OutageStore outages,
                  DeskRecords records, Clock clock) {
        this.settings = settings;
        this.records = records;
        this.clock = clock;
        Replies replies = new Replies(settings.deskPhone());
        this.tweets = new TweetIntake(settings, catalog, incidents, outages, records, replies, clock);
        this.messages = new DirectMessageIntake(settings, catalog, incidents, records, replies, clock);
    }

    public List<Outcome> handle(ActivityBatch batch) {
        return handle(batch, clock.instant());
    }

    /** {@code receivedAt}: when the desk received the delivery (not when it is processed: queues may lag). */
    public List<Outcome> handle(ActivityBatch batch, Instant receivedAt) {
        List<Outcome> outcomes = new ArrayList<>();
        Instant oldest = receivedAt.minus(MAX_EVENT_AGE);
        for (InboundEvent event : batch.events()) {
            if (event.at() != null && event.at().isBefore(oldest)) {
                outcomes.add(EventOutcome.IGNORED_STALE);
                continue;
            }
            outcomes.add(switch (event) {
                case InboundEvent.TweetCreated created -> tweets.onTweet(created.tweet(), created.authorBlocksAccount());
                case InboundEvent.DirectMessageReceived received -> messages.onDirectMessage(received.message());
                case InboundEvent.BlockChanged block -> onBlock(block);
            });
        }
        return outcomes;
    }

    /** A block (or unblock) of the IT account: from now on nothing is sent to that user, until they unblock. */
    Outcome onBlock(InboundEvent.BlockChanged block) {
        if (!block.targetId().equals(settings.accountId())) {
            return EventOutcome.IGNORED_OTHER;
        }
        Instant now = clock.instant();
        Claim claim = Claim.expiring("block:" + block.userId() + ":" + block.blocked() + ":" + block.timestamp(),
                now.plus(REDELIVERY_WINDOW));
        return records.commit(claim, Change.of(new Change.SetBlocked(block.userId(), block.blocked(), now)))
                ? EventOutcome.BLOCK_RECORDED : EventOutcome.ALREADY_HANDLED;
    }

    /** A reporter answering an incident On Hold (awaiting the caller) puts it back In Progress. */
    static Optional<Change.Write> backFromHold(Incident incident, Instant now) {
        return incident.state() == IncidentState.ON_HOLD
                ? Optional.of(new Change.MoveIncident(incident.number(), IncidentState.ON_HOLD, IncidentState.IN_PROGRESS, now))
                : Optional.empty();
    }
}
