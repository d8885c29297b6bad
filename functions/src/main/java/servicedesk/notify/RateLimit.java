package servicedesk.notify;

import java.time.Instant;

/** What X's x-rate-limit-remaining and x-rate-limit-reset headers said. */
public record RateLimit(int remaining, Instant resetAt) {
}
