package servicedesk.intake;

/** Where verified webhook bodies wait to be processed. */
public interface EventQueue {

    /** Stores the body durably; throws if it could not, so the webhook can tell X to retry. */
    void accept(String verifiedBody);

    /** The largest body one {@link #accept} takes, in bytes of UTF-8; larger deliveries are split first. */
    default int maxBodyBytes() {
        return Integer.MAX_VALUE;
    }

    /** A read-only call that warms the client for SnapStart priming. */
    default void prime() {
    }
}
