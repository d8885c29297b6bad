package servicedesk.intake;

import java.time.Instant;
import java.util.List;

/**
 * What the IT account can read back from X of what the webhook should have delivered: its mentions and its
 * DM events, newest first, each already in the shape the processor reads from the events queue.
 */
public interface XReadback {

    /**
     * One post or DM event as read: {@code body} the delivery it becomes, {@code claimKey} the claim that marks
     * it handled; both null for the account's own DMs, which are read past but never delivered.
     */
    record Item(String id, Instant at, String claimKey, String body) {
    }

    /** A page, newest first; {@code next} continues to older items, or is null. */
    record Page(List<Item> items, String next) {
        public Page {
            items = List.copyOf(items);
        }
    }

    /** X would not answer now (its limits, an outage, credentials): reconciliation tries again next time. */
    class Unavailable extends Exception {
        public Unavailable(String message) {
            super(message);
        }
    }

    /** Mentions after {@code sinceId}, or from {@code startTime} when there is no id yet. */
    Page mentions(String sinceId, Instant startTime, String next) throws Unavailable;

    /** DM events the account received (its own sent ones are left out), newest first. */
    Page directMessages(String next) throws Unavailable;
}
