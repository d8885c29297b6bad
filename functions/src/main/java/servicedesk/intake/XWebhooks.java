package servicedesk.intake;

import java.time.Instant;
import java.util.List;

/** The app's webhooks on X as the desk can see and mend them (X's webhooks API, §6 of the reference). */
public interface XWebhooks {

    record Webhook(String id, boolean valid) {
    }

    /**
     * X refused the app's bearer token (401 or 403): a revoked or rotated token does not mend itself, so the
     * watch tells on-call when it lasts.
     */
    final class CredentialsRefused extends XReadback.Unavailable {
        public CredentialsRefused(String message) {
            super(message);
        }
    }

    /** X refused the request itself (a 4xx other than its limits): asking again the same way does not help. */
    final class Refused extends Exception {
        private final String reason;

        public Refused(String reason, String message) {
            super(message);
            this.reason = reason;
        }

        /** X's reason, the prefix of {@code errors[0].message} ({@code QueryParamInvalid}, {@code CrcValidationFailed}, …). */
        public String reason() {
            return reason;
        }
    }

    /** The app's registered webhooks. */
    List<Webhook> webhooks() throws XReadback.Unavailable;

    /**
     * Asks X to run the CRC check again; true when it now marks the webhook valid, false when the check failed
     * (X's 200 {@code valid:false} or its 400 {@code CrcValidationFailed}).
     */
    boolean revalidate(String webhookId) throws XReadback.Unavailable;

    /** Whether the IT account's events reach this webhook (an Account Activity or X Activity subscription). */
    boolean subscribed(String webhookId) throws XReadback.Unavailable;

    /**
     * Asks X to deliver the window's events again (the last 24 hours; it answers at once and delivers later).
     * @return X's job id (empty when X gave none)
     * @throws Refused X refused this window or webhook for good (not its limits, not another job running)
     */
    String replay(String webhookId, Instant from, Instant to) throws XReadback.Unavailable, Refused;
}
