package servicedesk.intake;

/** The Account Activity events the desk acts on; every other kind of event is ignored. */
public sealed interface InboundEvent {

    /** When it happened on X, or null if X did not say. */
    java.time.Instant at();

    /** A tweet that mentions or replies to the IT account (or is its own tweet, echoed back). */
    record TweetCreated(Tweet tweet, boolean authorBlocksAccount) implements InboundEvent {
        @Override
        public java.time.Instant at() {
            return tweet.createdAt();
        }
    }

    record DirectMessageReceived(DirectMessage message) implements InboundEvent {
        @Override
        public java.time.Instant at() {
            return message.createdAt();
        }
    }

    /** {@code blocked} is true for a block, false for an unblock; {@code userId} did it to {@code targetId}. */
    record BlockChanged(String userId, String targetId, boolean blocked, String timestamp) implements InboundEvent {
        @Override
        public java.time.Instant at() {
            try {
                return java.time.Instant.ofEpochMilli(Long.parseLong(timestamp));
            } catch (NumberFormatException unreadable) {
                return null;
            }
        }
    }
}
