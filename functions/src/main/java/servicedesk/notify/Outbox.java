package servicedesk.notify;

import java.time.Instant;
import java.util.Optional;

/**
 * The record of every message the desk sends. A message is claimed before it is sent and marked after,
 * so that a redelivered queue message, a retry or a crashed sender never sends it twice.
 */
public interface Outbox {

    Optional<StoredMessage> find(String key);

    /** PENDING → SENDING; false if another attempt holds it or it has already gone. */
    boolean claim(String key, Instant now);

    /** SENDING → SENT; also notes on the incident's timeline that its reporter was told. */
    void markSent(OutboundMessage sent, String xId, Instant now);

    /** SENDING → PENDING, to be tried again as {@code next} (the same message, or its fallback) after {@code notBefore}. */
    void release(OutboundMessage next, Instant notBefore);

    /** SENDING → FAILED or UNCERTAIN, for good; noted on the incident's timeline. */
    void markUndelivered(OutboundMessage message, DeliveryState state, String reason, Instant now);
}
