package servicedesk.notify;

import java.time.Duration;
import java.util.List;

/** The queue of outbox message keys waiting for the sender. */
public interface OutboundQueue {

    void enqueue(List<String> messageKeys);

    /** Brings the key back after {@code delay}, or sooner (the queue caps delays; the courier puts an early key off again). */
    void enqueueLater(String messageKey, Duration delay);
}
