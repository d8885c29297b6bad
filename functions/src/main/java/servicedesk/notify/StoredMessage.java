package servicedesk.notify;

import java.time.Instant;

/**
 * An outbox message with its delivery state; {@code notBefore} holds it back after a rate limit, and
 * {@code xId} is X's id for it once sent.
 */
public record StoredMessage(OutboundMessage message, DeliveryState state, Instant notBefore, String xId) {
}
