package servicedesk.intake;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import servicedesk.records.DeskRecords;

/**
 * Reads back from X what the webhook should have delivered (the account's mentions since the newest one
 * read, and its DM events down to the newest one read) and puts every post or message the desk has not
 * claimed on the events queue, marked as recovered, for the processor to handle like any delivery. Run on a
 * schedule it is the safety net under the webhook; with no webhook it is the intake itself. Claims make a
 * repeat harmless, so a run may overlap the webhook or another run.
 */
public final class Reconciliation {
    static final String MENTIONS = "mentions";
    static final String DIRECT_MESSAGES = "direct-messages";
    /** At most this many pages of each a run; the rest waits for the next run (within X's read limits). */
    static final int MAX_PAGES = 5;

    /**
     * @param firstLookBack how far back the very first run reads (then it goes on from what it has read)
     * @param settle        items younger than this are left to the webhook (0 when there is none)
     */
    public record Settings(Duration firstLookBack, Duration settle) {
        public static Settings polling() {
            return new Settings(Duration.ofHours(24), Duration.ZERO);
        }

        public static Settings besideWebhook() {
            return new Settings(Duration.ofHours(24), Duration.ofMinutes(2));
        }
    }

    /** What one run did: items read back, and items the desk had not seen and now has on its queue. */
    public record Result(int read, int recovered, boolean complete) {
    }

    private final XReadback x;
    private final DeskRecords records;
    private final EventQueue queue;
    private final Cursors cursors;
    private final Settings settings;
    private final Clock clock;

    public Reconciliation(XReadback x, DeskRecords records, EventQueue queue, Cursors cursors, Settings settings, Clock clock) {
        this.x = x;
        this.records = records;
        this.queue = queue;
        this.cursors = cursors;
        this.settings = settings;
        this.clock = clock;
    }

    public Result run() {
        Instant now = clock.instant();
        Result mentions = reconcile(MENTIONS, now, (since, next) -> x.mentions(since,
                since == null ? now.minus(settings.firstLookBack()) : null, next));
        Result messages = reconcile(DIRECT_MESSAGES, now, (since, next) -> x.directMessages(next));
        return new Result(mentions.read() + messages.read(), mentions.recovered() + messages.recovered(),
                mentions.complete() && messages.complete());
    }

    private interface Reader {
        XReadback.Page page(String sinceId, String next) throws XReadback.Unavailable;
    }

    /**
     * Pages back to the cursor (or the look-back), then handles what it read oldest first, up to the first
     * item too young to be the webhook's miss; the cursor moves to the newest item handled, and only when
     * everything newer than the old cursor was read.
     */
    private Result reconcile(String name, Instant now, Reader reader) {
        String cursor = cursors.get(name).orElse(null);
        Instant horizon = now.minus(cursor == null ? settings.firstLookBack() : Intake.MAX_RECOVERED_AGE);
        List<XReadback.Item> read = new ArrayList<>();
        String next = null;
        boolean reachedCursor = false;
        try {
            for (int page = 0; page < MAX_PAGES && !reachedCursor; page++) {
                XReadback.Page got = reader.page(cursor, next);
                for (XReadback.Item item : got.items()) {
                    if ((cursor != null && !newer(item.id(), cursor)) || (item.at() != null && item.at().isBefore(horizon))) {
                        reachedCursor = true;
                        break;
                    }
                    read.add(item);
                }
                next = got.next();
                reachedCursor |= next == null;
            }
        } catch (XReadback.Unavailable unavailable) {
            servicedesk.format.Log.warn("reconciliation-read-unavailable", "timeline", name, "reason", unavailable.getMessage());
            reachedCursor = false;
        }
        Instant settled = now.minus(settings.settle());
        int recovered = 0;
        String newest = cursor;
        boolean stoppedEarly = false;
        for (XReadback.Item item : read.reversed()) {
            if (item.at() != null && item.at().isAfter(settled)) {
                stoppedEarly = true;
                break;
            }
            if (item.body() != null && !records.isClaimed(item.claimKey())) {
                queue.accept(item.body(), Receipt.recovered(now), Duration.ZERO);
                recovered++;
            }
            newest = item.id();
        }
        if (reachedCursor && newest != null && !newest.equals(cursor)) {
            cursors.put(name, newest);
        }
        return new Result(read.size(), recovered, reachedCursor && !stoppedEarly);
    }

    /** X's ids are snowflakes: a later one is a larger number. */
    static boolean newer(String id, String than) {
        return new BigInteger(id).compareTo(new BigInteger(than)) > 0;
    }
}
