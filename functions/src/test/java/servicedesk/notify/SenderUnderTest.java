package servicedesk.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import servicedesk.incident.Incident;
import servicedesk.incident.Level;
import servicedesk.incident.Priority;
import servicedesk.incident.Reporter;
import servicedesk.incident.ResponseTargets;
import servicedesk.records.Change;
import servicedesk.records.Claim;
import servicedesk.targets.OnCallNotices;
import servicedesk.testing.MemoryDesk;
import servicedesk.testing.MutableClock;

/** A sender over the ports in memory, with helpers that queue messages as the desk's causes do. */
final class SenderUnderTest {
    static final Instant START = Instant.parse("2025-11-22T10:00:00Z");

    final MutableClock clock = new MutableClock(START);
    final MemorySending.MemoryOutbox outbox = new MemorySending.MemoryOutbox();
    final MemorySending.MemoryState state = new MemorySending.MemoryState();
    final MemorySending.MemorySpend spend = new MemorySending.MemorySpend();
    final MemorySending.MemoryAudience audience = new MemorySending.MemoryAudience();
    final MemorySending.ScriptedX x = new MemorySending.ScriptedX();
    final MemorySending.RecordingQueue queue = new MemorySending.RecordingQueue();
    final MemoryDesk desk = new MemoryDesk();
    SendingPolicy policy = SendingPolicy.defaults();

    Sender sender() {
        return new Sender(outbox, x, state, audience, spend, queue, desk.incidents(), new OnCallNotices(desk), policy, clock);
    }

    Sender.Round wake() {
        return sender().wake(List.of());
    }

    void advance(Duration duration) {
        clock.advance(duration);
    }

    /** An incident opened from {@code tweetId} by {@code user}, optionally flagged or linked to an outage. */
    void incident(String number, String user, String tweetId, String outageId, String... flags) {
        desk.commit(Claim.tweet(tweetId, number), Change.of(new Change.OpenIncident(Incident.open(number, Priority.P3,
                Level.MEDIUM, Level.MEDIUM, "blackboard", new Reporter(user, "user" + user), tweetId, null, "grades",
                Set.of(flags), new ResponseTargets.Target(Duration.ofHours(4), Duration.ofDays(3)), outageId, clock.instant()))));
    }

    /** The acknowledgement of a report, as tweet intake queues it: a DM with a public fallback. */
    OutboundMessage acknowledgement(String number, String user, String tweetId) {
        incident(number, user, tweetId, null);
        return queue(OutboundMessage.directMessage(OutboundMessage.acknowledgementKey(tweetId), user,
                "We opened " + number + " (private details)", number).withPublicFallback(tweetId, "Logged as " + number));
    }

    OutboundMessage queue(OutboundMessage message) {
        outbox.add(message, clock.instant());
        return message;
    }

    LaneBudget budget(Lane lane) {
        return state.budget(lane).orElseGet(() -> LaneBudget.fresh(lane, policy.limits(lane)));
    }
}
