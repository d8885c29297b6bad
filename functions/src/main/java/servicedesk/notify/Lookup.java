package servicedesk.notify;

import java.time.Instant;

/** Whether a message whose outcome was unknown is on X, as a read of X shows it. */
public sealed interface Lookup {

    /** It went out: X's id for it; {@code resourcesRead} is what the read was billed for. */
    record Found(String id, int resourcesRead) implements Lookup {
    }

    /** It did not go out: safe to send it, once. */
    record NotFound(int resourcesRead) implements Lookup {
    }

    /** The read failed (rate-limited, X unavailable, …): look again at {@code retryAt} (null: X did not say when). */
    record Unknown(String reason, Instant retryAt) implements Lookup {
    }
}
