package servicedesk.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One lane's budget as the desk knows it: X's 15-minute window for the user and its 24-hour windows (for the
 * user and for the app), each as X's headers last showed it or, when X sent none, as the desk counted its own
 * requests (a window starts with its first request and resets whole, as X's single reset instant says); and
 * the back-off after a 429 that gave no reset. Values only: the sender keeps the current one in the table.
 */
public record LaneBudget(Lane lane, Window quarterHour, Window userDay, Window appDay, Instant backoffUntil,
                         int backoffs) {
    public static final Duration QUARTER_HOUR = Duration.ofMinutes(15);
    public static final Duration DAY = Duration.ofHours(24);
    /** The first back-off after a 429 without a reset; each next one doubles, up to the window's length. */
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(30);
    /** A window's reserved slots are free for every class in its last minutes: unused, they would be lost. */
    static final Duration RESERVE_RELEASED_BEFORE_RESET = Duration.ofMinutes(2);

    /** {@code limit} requests per {@code length}; {@code resetAt} is null while the window has not started. */
    public record Window(Duration length, int limit, int remaining, Instant resetAt) {
        /** The window as it stands at {@code now}: whole again once its reset has passed. */
        public Window at(Instant now) {
            return resetAt != null && !now.isBefore(resetAt) ? new Window(length, limit, limit, null) : this;
        }

        Window take(int count, Instant now) {
            Window current = at(now);
            return new Window(length, limit, Math.max(0, current.remaining - count),
                    current.resetAt == null ? now.plus(length) : current.resetAt);
        }

        /** X's word replaces the desk's count. */
        Window seen(RateLimit.Window header) {
            if (header == null || header.resetAt() == null) {
                return this;
            }
            return new Window(length, header.limit() > 0 ? header.limit() : limit, Math.max(0, header.remaining()),
                    header.resetAt());
        }

        Window exhaustedUntil(Instant reset) {
            return new Window(length, limit, 0, reset);
        }
    }

    /** A lane nobody has used yet: X's published limits, nothing spent. */
    public static LaneBudget fresh(Lane lane, SendingPolicy.LaneLimits limits) {
        return new LaneBudget(lane, new Window(QUARTER_HOUR, limits.perQuarterHour(), limits.perQuarterHour(), null),
                limits.userPerDay() > 0 ? new Window(DAY, limits.userPerDay(), limits.userPerDay(), null) : null,
                limits.appPerDay() > 0 ? new Window(DAY, limits.appPerDay(), limits.appPerDay(), null) : null,
                null, 0);
    }

    private List<Window> windows() {
        List<Window> all = new ArrayList<>(3);
        all.add(quarterHour);
        if (userDay != null) {
            all.add(userDay);
        }
        if (appDay != null) {
            all.add(appDay);
        }
        return all;
    }

    /** How many requests of {@code kind} may go at {@code now}, given the reserve kept for better classes. */
    public int allowedAt(Instant now, MessageClass kind, int reserve) {
        if (backoffUntil != null && now.isBefore(backoffUntil)) {
            return 0;
        }
        int allowed = Integer.MAX_VALUE;
        for (Window window : windows()) {
            allowed = Math.min(allowed, window.at(now).remaining());
        }
        Window quarter = quarterHour.at(now);
        boolean reserveReleased = quarter.resetAt() != null
                && !now.isBefore(quarter.resetAt().minus(RESERVE_RELEASED_BEFORE_RESET));
        if (!kind.mayUseReserve(lane) && !reserveReleased) {
            int kept = Math.min(reserve, quarter.limit() / 2);
            allowed = Math.min(allowed, Math.max(0, quarter.remaining() - kept));
        }
        return allowed;
    }

    /** The first instant from {@code now} at which a request of {@code kind} may go. */
    public Instant nextSlot(Instant now, MessageClass kind, int reserve) {
        Instant at = now;
        for (int guard = 0; guard < 8 && allowedAt(at, kind, reserve) == 0; guard++) {
            at = nextChange(at);
        }
        return at;
    }

    /** The next instant something frees up: the back-off ends, a window resets, or a reserve is released. */
    private Instant nextChange(Instant now) {
        Instant next = null;
        if (backoffUntil != null && now.isBefore(backoffUntil)) {
            next = backoffUntil;
        }
        for (Window window : windows()) {
            Window current = window.at(now);
            if (current.remaining() == 0 && current.resetAt() != null) {
                next = latest(next, current.resetAt());
            }
        }
        if (next != null) {
            return next;
        }
        Window quarter = quarterHour.at(now);
        // Only the reserve holds this class back: it is released shortly before the window resets.
        return quarter.resetAt() == null ? now : quarter.resetAt().minus(RESERVE_RELEASED_BEFORE_RESET);
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    /**
     * When the {@code position}-th next request of {@code kind} (0 = the next one) could go, if nothing else
     * used the lane meanwhile: the expected time of a waiting message.
     */
    public Instant expectedAt(int position, Instant now, MessageClass kind, int reserve) {
        LaneBudget budget = this;
        Instant at = now;
        int left = position;
        for (int guard = 0; guard < 100_000; guard++) {
            at = budget.nextSlot(at, kind, reserve);
            int burst = budget.allowedAt(at, kind, reserve);
            if (burst == 0) {
                at = at.plus(QUARTER_HOUR);
                continue;
            }
            if (left < burst) {
                return at;
            }
            left -= burst;
            budget = budget.taken(burst, at);
        }
        return at;
    }

    /** {@code count} requests made at {@code now}, counted in every window. */
    public LaneBudget taken(int count, Instant now) {
        return new LaneBudget(lane, quarterHour.take(count, now), userDay == null ? null : userDay.take(count, now),
                appDay == null ? null : appDay.take(count, now), backoffUntil, backoffs);
    }

    /** What X's headers said about the windows a request counted against; an answer ends any back-off. */
    public LaneBudget observed(RateLimit limit) {
        return new LaneBudget(lane, quarterHour.seen(limit.quarterHour()),
                userDay == null ? null : userDay.seen(limit.userDay()),
                appDay == null ? null : appDay.seen(limit.appDay()), null, 0);
    }

    /**
     * A 429: the windows the headers show as used up wait for their reset (a 24-hour cap for its own), and
     * {@code x-rate-limit-reset} closes the 15-minute window until then. With no reset at all, back off from
     * 30 seconds, doubling up to the window's length, each with jitter ({@code jitter} in [0, 1)).
     */
    public LaneBudget rateLimited(Delivery.RateLimited limited, Instant now, double jitter) {
        LaneBudget seen = observed(limited.limit());
        Window quarter = seen.quarterHour;
        if (limited.resetAt() != null && limited.resetAt().isAfter(now)) {
            quarter = quarter.exhaustedUntil(limited.resetAt());
        }
        Instant exhausted = limited.limit().exhaustedUntil();
        boolean known = (limited.resetAt() != null && limited.resetAt().isAfter(now))
                || (exhausted != null && exhausted.isAfter(now));
        if (known) {
            return new LaneBudget(lane, quarter, seen.userDay, seen.appDay, null, 0);
        }
        long ceiling = QUARTER_HOUR.toMillis();
        long base = Math.min(ceiling, FIRST_BACKOFF.toMillis() << Math.min(backoffs, 10));
        long wait = (long) (base / 2.0 + base / 2.0 * jitter);
        return new LaneBudget(lane, seen.quarterHour, seen.userDay, seen.appDay, now.plusMillis(wait), backoffs + 1);
    }

    /** The windows as they stand at {@code now}, for GET /outbox. */
    public List<Window> windowsAt(Instant now) {
        return windows().stream().map(window -> window.at(now)).toList();
    }
}
