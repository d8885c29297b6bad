package servicedesk.intake;

import java.time.Instant;
import java.util.List;

/** The app's webhooks on X as the desk can see and mend them (X's webhooks API, §6 of the reference). */
public interface XWebhooks {

    record Webhook(String id, boolean valid) {
    }

    /** The app's registered webhooks. */
    List<Webhook> webhooks() throws XReadback.Unavailable;

    /** Asks X to run the CRC check again; true when it now marks the webhook valid. */
    boolean revalidate(String webhookId) throws XReadback.Unavailable;

    /** Whether the IT account's events reach this webhook (an Account Activity or X Activity subscription). */
    boolean subscribed(String webhookId) throws XReadback.Unavailable;

    /** Asks X to deliver the window's events again (the last 24 hours; it answers at once and delivers later). */
    void replay(String webhookId, Instant from, Instant to) throws XReadback.Unavailable;
}
