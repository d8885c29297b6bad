package servicedesk.notify;

import java.time.Instant;

/**
 * What X's rate-limit headers said about the windows a request counted against: {@code x-rate-limit-*}
 * (the 15-minute window), {@code x-user-limit-24hour-*} and {@code x-app-limit-24hour-*}. X may leave out
 * any family; a part it did not send is null.
 */
public record RateLimit(Window quarterHour, Window userDay, Window appDay) {

    /** One window: {@code limit} requests (0 when X did not say), {@code remaining}, reset at {@code resetAt}. */
    public record Window(int limit, int remaining, Instant resetAt) {
    }

    public static final RateLimit NONE = new RateLimit(null, null, null);

    public boolean isEmpty() {
        return quarterHour == null && userDay == null && appDay == null;
    }

    /** The latest reset among the windows X said are used up, or null when none is. */
    public Instant exhaustedUntil() {
        Instant until = null;
        for (Window window : new Window[]{quarterHour, userDay, appDay}) {
            if (window != null && window.remaining() <= 0 && window.resetAt() != null
                    && (until == null || window.resetAt().isAfter(until))) {
                until = window.resetAt();
            }
        }
        return until;
    }
}
