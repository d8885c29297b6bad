package servicedesk.intake;

/** Where verified webhook bodies wait to be processed. */
public interface EventQueue {

    /** Stores the body durably; throws if it could not, so the webhook can tell X to retry. */
    void accept(String verifiedBody);

    /** A read-only call that warms the client for SnapStart priming. */
    default void prime() {
    }
}
