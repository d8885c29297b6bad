package servicedesk.intake;

import java.time.Instant;

/** The events the desk acts on, from any of X's envelopes; every other kind of event is ignored. */
public sealed interface InboundEvent {

    /** When it happened on X, or null if X did not say. */
    Instant at();

    /**
     * A tweet that mentions or replies to the IT account (or is its own tweet, echoed back).
     * {@code authorBlocked}: X said whether the IT account has blocked the author (Account Activity's
     * {@code user_has_blocked}), or null when the envelope does not say (the desk's own record then decides).
     */
    record TweetCreated(Tweet tweet, Boolean authorBlocked) implements InboundEvent {
        @Override
        public Instant at() {
            return tweet.createdAt();
        }
    }

    record DirectMessageReceived(DirectMessage message) implements InboundEvent {
        @Override
        public Instant at() {
            return message.createdAt();
        }
    }

    /**
     * {@code userId} blocked ({@code blocked}) or unblocked {@code targetId}. Account Activity delivers blocks
     * by the subscribed account and of it; the X Activity API only the account's own ({@code block.*} filter
     * on the blocker).
     */
    record BlockChanged(String userId, String targetId, boolean blocked, Instant at) implements InboundEvent {
    }

    /** The author deleted the tweet on X: the desk must erase its text (X's developer policy). */
    record TweetDeleted(String tweetId, String authorId, Instant at) implements InboundEvent {
    }

    /** {@code userId} revoked the app's access: nothing more arrives for them until someone acts. */
    record AccessRevoked(String userId, String appId, Instant at) implements InboundEvent {
    }
}
