package servicedesk.notify;

import java.time.Duration;
import java.util.List;

/**
 * The queue that wakes the sender. It cannot order by value, so it carries no order: the plan is in the
 * table ({@link Outbox}), and a wake-up only says "look at the plan" (and which new messages to enter in it).
 */
public interface OutboundQueue {

    /** Wakes the sender now for these new outbox messages. */
    void enqueue(List<String> messageKeys);

    /** Wakes the sender after {@code delay}, or sooner (the queue caps delays; an early wake-up finds nothing to do). */
    void wakeLater(Duration delay);
}
