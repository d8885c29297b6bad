package servicedesk.intake;

/** The Account Activity events the desk acts on; every other kind of event is ignored. */
public sealed interface InboundEvent {

    /** A tweet that mentions or replies to the IT account (or is its own tweet, echoed back). */
    record TweetCreated(Tweet tweet, boolean authorBlocksAccount) implements InboundEvent {
    }

    record DirectMessageReceived(DirectMessage message) implements InboundEvent {
    }

    /** {@code blocked} is true for a block, false for an unblock; {@code userId} did it to {@code targetId}. */
    record BlockChanged(String userId, String targetId, boolean blocked, String timestamp) implements InboundEvent {
    }
}
