package servicedesk.notify;

import java.time.Instant;

/** What X answered when asked to deliver a message. */
public sealed interface Delivery {

    /** Delivered; {@code id} is X's id for the DM event or tweet; {@code limit} is null if X did not say. */
    record Sent(String id, RateLimit limit) implements Delivery {
    }

    /** X will not deliver it, now or later (the user does not accept DMs, the tweet is gone…). */
    record Refused(int status, String reason) implements Delivery {
    }

    /** Too many requests: try again at {@code resetAt}. */
    record RateLimited(Instant resetAt) implements Delivery {
    }

    /** X or the network failed before anything was sent: safe to try again. */
    record Unavailable(String reason) implements Delivery {
    }

    /** The request may or may not have been delivered (a read timeout): never retried, to never send twice. */
    record Uncertain(String reason) implements Delivery {
    }
}
