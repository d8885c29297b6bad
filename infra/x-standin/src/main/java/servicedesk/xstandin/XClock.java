package servicedesk.xstandin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * X's time as the stand-in sees it: it starts at the base clock's "now" and runs {@code scale} times faster,
 * so X's 15-minute and 24-hour rate windows can pass in seconds (scale 60: one X minute per real second).
 * {@link #advance(Duration)} jumps forward at once. Every time the stand-in shows (ids, {@code created_at},
 * {@code x-rate-limit-reset}, the replay window) is in this time; hand the same clock to the code under
 * test so that its idea of "now" agrees with X's.
 */
public final class XClock extends Clock {
    private final Clock base;
    private final double scale;
    private final Instant realStart;
    private final AtomicLong offsetNanos;
    private final ZoneId zone;

    public XClock(Clock base, double scale) {
        this(base, scale, base.instant(), new AtomicLong(), ZoneOffset.UTC);
    }

    private XClock(Clock base, double scale, Instant realStart, AtomicLong offsetNanos, ZoneId zone) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("time scale must be positive");
        }
        this.base = base;
        this.scale = scale;
        this.realStart = realStart;
        this.offsetNanos = offsetNanos;
        this.zone = zone;
    }

    @Override
    public Instant instant() {
        long realNanos = Duration.between(realStart, base.instant()).toNanos();
        long scaled = (long) (realNanos * scale);
        return realStart.plusNanos(scaled).plusNanos(offsetNanos.get());
    }

    /** Moves X's time forward by {@code duration} at once (for tests: a window's reset without waiting). */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("X time only moves forward");
        }
        offsetNanos.addAndGet(duration.toNanos());
    }

    public double scale() {
        return scale;
    }

    /** How long, on the base clock, {@code xDuration} of X time takes. */
    public Duration realDurationOf(Duration xDuration) {
        return Duration.ofNanos((long) (xDuration.toNanos() / scale));
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new XClock(base, scale, realStart, offsetNanos, newZone);
    }
}
