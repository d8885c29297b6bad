package servicedesk.intake;

import java.time.Duration;

/** Where deliveries wait to be processed. */
public interface EventQueue {

    /** Stores a verified webhook body durably; throws if it could not, so the webhook can tell X to retry. */
    void accept(String verifiedBody);

    /**
     * Stores a body of the desk's own making (a delivery put back to wait for a reply's parent, or events
     * reconciliation read from X) with how it reached the desk, to be looked at after {@code delay}.
     */
    void accept(String body, Receipt receipt, Duration delay);

    /** The largest body one {@link #accept} takes, in bytes of UTF-8; larger deliveries are split first. */
    default int maxBodyBytes() {
        return Integer.MAX_VALUE;
    }

    /** A read-only call that warms the client for SnapStart priming. */
    default void prime() {
    }
}
