package servicedesk.notify;

import java.time.Instant;

/**
 * An outbox message with its delivery state: {@code createdAt} when it was queued, {@code notBefore} holds
 * it back after a failure, {@code claimedAt} is when its last attempt began (SENDING, UNCERTAIN),
 * {@code attempts} how many began, and {@code xId} is X's id for it once sent.
 */
public record StoredMessage(OutboundMessage message, DeliveryState state, Instant createdAt, Instant notBefore,
                            Instant claimedAt, int attempts, String xId) {

    public String key() {
        return message.key();
    }

    /** When the matter began: the report's time for outage notices, else when the message was queued. */
    public Instant orderAt() {
        return message.orderAt() != null ? message.orderAt() : createdAt;
    }
}
