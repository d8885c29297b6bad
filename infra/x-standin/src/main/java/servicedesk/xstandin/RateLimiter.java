package servicedesk.xstandin;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * X's rate windows (§10, RL). Each window counts requests from its first one and resets, whole, at
 * {@code x-rate-limit-reset}: one reset instant per window is what X's headers describe; a sliding window
 * would have none (not documented: chosen for that reason). A request takes one unit from every window it
 * counts against, or none when any of them is spent (then 429).
 */
final class RateLimiter {
    static final Duration FIFTEEN_MINUTES = Duration.ofMinutes(15);
    static final Duration DAY = Duration.ofHours(24);

    /** Which header family shows a window. */
    enum Shown { RATE, USER_24_HOUR, APP_24_HOUR }

    /** One limit: {@code max} requests per {@code window}, kept under {@code key}. */
    record Limit(String key, int max, Duration window, Shown shown) {
        static Limit user15(String bucket, int max) {
            return new Limit("user:" + bucket, max, FIFTEEN_MINUTES, Shown.RATE);
        }

        static Limit app15(String bucket, int max) {
            return new Limit("app:" + bucket, max, FIFTEEN_MINUTES, Shown.RATE);
        }

        static Limit user24(String bucket, int max) {
            return new Limit("user24:" + bucket, max, DAY, Shown.USER_24_HOUR);
        }

        static Limit app24(String bucket, int max) {
            return new Limit("app24:" + bucket, max, DAY, Shown.APP_24_HOUR);
        }
    }

    /** A window's state after a request: what the headers say. */
    record Snapshot(Limit limit, int remaining, Instant reset) {
    }

    /** The outcome: allowed or not, and every window's snapshot (for the headers). */
    record Decision(boolean allowed, Map<Shown, Snapshot> shown) {
    }

    private static final class Window {
        Instant reset;
        int used;
    }

    private final Map<String, Window> windows = new HashMap<>();

    synchronized Decision take(List<Limit> limits, Instant now) {
        boolean allowed = true;
        for (Limit limit : limits) {
            Window window = current(limit, now);
            if (window.used >= limit.max()) {
                allowed = false;
            }
        }
        Map<Shown, Snapshot> shown = new LinkedHashMap<>();
        for (Limit limit : limits) {
            Window window = current(limit, now);
            if (allowed) {
                if (window.reset == null) {
                    window.reset = now.plus(limit.window());
                }
                window.used++;
            }
            Instant reset = window.reset != null ? window.reset : now.plus(limit.window());
            shown.putIfAbsent(limit.shown(), new Snapshot(limit, Math.max(0, limit.max() - window.used), reset));
        }
        return new Decision(allowed, shown);
    }

    private Window current(Limit limit, Instant now) {
        Window window = windows.computeIfAbsent(limit.key(), k -> new Window());
        if (window.reset != null && !now.isBefore(window.reset)) {
            window.reset = null;
            window.used = 0;
        }
        return window;
    }

    /** Uses up {@code count} of a window as requests made elsewhere would (starting it if need be). */
    synchronized void spend(Limit limit, int count, Instant now) {
        Window window = current(limit, now);
        if (window.reset == null) {
            window.reset = now.plus(limit.window());
        }
        window.used = Math.min(limit.max(), window.used + count);
    }

    synchronized void clear() {
        windows.clear();
    }
}
