package servicedesk.notify;

import java.time.Instant;

/** The desk's voice on X: the X API adapter implements it. */
public interface Messenger {

    Delivery directMessage(String recipientId, String text);

    Delivery reply(String inReplyToTweetId, String text);

    Delivery post(String text);

    /**
     * The cheapest call that proves the credentials work and the account has credits (a user read of the
     * account itself): {@link Delivery.Sent} when X accepts again, else what X answered.
     */
    Delivery probe();

    /** Looks up whether {@code message} went out since {@code since} (its last attempt began). */
    Lookup findSent(OutboundMessage message, Instant since);
}
