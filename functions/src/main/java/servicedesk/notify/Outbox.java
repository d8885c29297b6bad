package servicedesk.notify;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import servicedesk.incident.TimelineEntry;

/**
 * The record of every message the desk sends, and the plan of those still to go. A pending message is in
 * its lane's plan, ordered by class and then by when its matter began; an attempt claims it (PENDING →
 * SENDING) and takes it out of the plan; the outcome marks it, or puts it back. Its delivery state is its own
 * claim: a redelivered wake, a retry or a crashed sender never sends it twice. Notes go on the timeline of
 * the message's incident, if it has one.
 */
public interface Outbox {

    Optional<StoredMessage> find(String key);

    /**
     * Puts a message that is still PENDING into its lane's plan (again: it is idempotent); false when there is
     * no such message or it is not pending.
     */
    boolean plan(String key);

    /** The pending messages of a lane, best first, at most {@code limit}. */
    List<StoredMessage> waiting(Lane lane, int limit);

    /** How many messages wait, by lane and class. */
    Map<Lane, Map<MessageClass, Integer>> waitingCounts();

    /**
     * Messages whose last attempt needs looking into at {@code now}: UNCERTAIN ones due for a look-up, and
     * SENDING ones whose sender stopped without an outcome (past the watchdog).
     */
    List<StoredMessage> due(Instant now, int limit);

    /** When the next such look-up falls due, if any is planned. */
    Optional<Instant> nextLookup();

    /**
     * Takes the message as it was read (PENDING, UNCERTAIN, or SENDING past its watchdog) into SENDING at
     * {@code now}; false if it changed meanwhile. {@code attempt}: a send begins (counted), not a look-up.
     */
    boolean claim(StoredMessage message, Instant now, boolean attempt, Instant watchdogAt);

    /** SENDING → SENT. */
    void markSent(OutboundMessage sent, String xId, TimelineEntry note);

    /** SENDING → PENDING as {@code next} (the same message, or another form of it), back in the plan after {@code notBefore}. */
    void release(OutboundMessage next, Instant notBefore, TimelineEntry note);

    /** SENDING → UNCERTAIN: it is looked up at {@code lookAt}. */
    void markUncertain(OutboundMessage message, String reason, Instant lookAt, TimelineEntry note);

    /** SENDING → FAILED, WITHHELD or SUPERSEDED, for good. */
    void markUndelivered(OutboundMessage message, DeliveryState state, String reason, TimelineEntry note);

    /** A PENDING message becomes {@code next} (another channel, merged news), keeping its place in the plan's order. */
    boolean rewrite(StoredMessage was, OutboundMessage next, TimelineEntry note);

    /** PENDING → SUPERSEDED (another message carries its news); false if it was no longer pending. */
    boolean supersede(StoredMessage message, String why, TimelineEntry note);
}
