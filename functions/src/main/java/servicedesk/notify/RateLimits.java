package servicedesk.notify;

import java.time.Instant;
import java.util.Optional;

/**
 * X's rate-limit windows as the senders last saw them, shared by every sender, so that a large broadcast
 * waits for the window to reset instead of spending requests on 429s. Outside any unit of work: it records
 * what X answered, after the fact, and the last observation wins.
 */
public interface RateLimits {

    /** When the bucket's window resets, if its requests are used up. */
    Optional<Instant> exhaustedUntil(String bucket, Instant now);

    void observe(String bucket, RateLimit limit);
}
