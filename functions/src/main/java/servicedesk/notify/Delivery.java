package servicedesk.notify;

import java.time.Instant;

/** What X answered when asked to deliver a message, in the classes the sender handles differently. */
public sealed interface Delivery {

    /** Delivered; {@code id} is X's id for the DM event or post; {@code limit} is what the headers said. */
    record Sent(String id, RateLimit limit) implements Delivery {
    }

    /** X will not deliver this message, now or later; the rest of the account's messages are not affected. */
    record Refused(Refusal refusal, int status, String reason, RateLimit limit) implements Delivery {
    }

    /** Why one message was refused. */
    enum Refusal {
        /** A DM the recipient does not accept (their settings, or a block): {@code recipient-not-messageable}. */
        NOT_MESSAGEABLE,
        /** The same text was posted before: "You are not allowed to create a Tweet with duplicate content." */
        DUPLICATE,
        /** A reply the self-serve restriction refuses: the post it answers did not mention or quote the account. */
        REPLY_NOT_ALLOWED,
        /** A reply under a post that is deleted or hidden from the account (by a block). */
        NOT_VISIBLE,
        /** Anything else X refuses about this request (a 400, a 403 on a post): trying again would not help. */
        INVALID
    }

    /**
     * A rate window is used up. {@code resetAt} is {@code x-rate-limit-reset} when X sent it, else null (then
     * the sender backs off); {@code limit} is every window the headers showed (a 24-hour cap among them).
     */
    record RateLimited(Instant resetAt, RateLimit limit) implements Delivery {
    }

    /** Nothing the account sends can go out until this is fixed: every message waits, sending pauses. */
    record AccountFailed(AccountProblem problem, int status, String reason) implements Delivery {
    }

    /** The account-wide failures X answers with (docs/x-api-reference.md §9). */
    enum AccountProblem {
        /** 401: the credentials were rotated or revoked. */
        CREDENTIALS,
        /** 402 {@code credits-depleted}: the pay-per-use balance is empty. */
        CREDITS,
        /**
         * 403 {@code client-forbidden}, {@code unsupported-authentication} or {@code oauth1-permissions}: the app, or
         * its tokens, may not call this endpoint.
         */
        FORBIDDEN,
        /** 429 {@code usage-capped}: a product cap (monthly, say) is reached. */
        USAGE_CAPPED;

        /**
         * Whether only a DM read proves X accepts the account again: reading the account itself needs only the
         * Read permission, so after a 403 about the app's access it would pass while every DM is still refused.
         */
        public boolean provenByADmRead() {
            return this == FORBIDDEN;
        }
    }

    /** Nothing reached X (it could not be connected to): safe to try again. */
    record Unavailable(String reason) implements Delivery {
    }

    /**
     * It may or may not have gone out: a read timeout, a dropped connection, or a 5xx after X may have done it.
     * Never simply sent again: the desk looks it up first.
     */
    record Uncertain(String reason) implements Delivery {
    }
}
