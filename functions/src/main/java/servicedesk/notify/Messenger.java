package servicedesk.notify;

import java.time.Instant;

/** The desk's voice on X: the X API adapter implements it. */
public interface Messenger {

    Delivery directMessage(String recipientId, String text);

    Delivery reply(String inReplyToTweetId, String text);

    Delivery post(String text);

    /**
     * The cheapest call that proves X accepts the account again after {@code problem}: {@link Delivery.Sent} when
     * it does, else what X answered. Credentials, credits and caps: a user read of the account itself. A 403 about
     * the app's access: one DM event read, which needs the app's highest permission (Read, write and Direct
     * Messages), where reading the account needs only Read and would end the pause while every DM still fails.
     */
    Delivery probe(Delivery.AccountProblem problem);

    /** Looks up whether {@code message} went out since {@code since} (its last attempt began). */
    Lookup findSent(OutboundMessage message, Instant since);
}
