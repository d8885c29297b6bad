package servicedesk.notify;

import java.time.Instant;
import java.util.Optional;
import servicedesk.incident.TimelineEntry;

/**
 * The record of every message the desk sends. A message is claimed before it is sent and marked after,
 * so that a redelivered queue message, a retry or a crashed sender never sends it twice: its delivery
 * state is its own claim.
 */
public interface Outbox {

    Optional<StoredMessage> find(String key);

    /** PENDING → SENDING; false if another attempt holds it or it has already gone. */
    boolean claim(String key, Instant now);

    /** SENDING → SENT; {@code note} goes on the timeline of the message's incident, if it has one. */
    void markSent(OutboundMessage sent, String xId, TimelineEntry note);

    /** SENDING → PENDING, to be tried again as {@code next} (the same message, or its fallback) after {@code notBefore}. */
    void release(OutboundMessage next, Instant notBefore);

    /** SENDING → FAILED, UNCERTAIN or WITHHELD, for good; {@code note} goes on the incident's timeline, if any. */
    void markUndelivered(OutboundMessage message, DeliveryState state, String reason, TimelineEntry note);
}
