package servicedesk.notify;

/**
 * A message the desk has decided to send. It is written to the outbox in the same transaction as the
 * change that caused it, and {@code key} (derived from that cause) makes it impossible to queue twice.
 *
 * <p>{@code fallbackText} is the public reply to use under {@code inReplyToTweetId} when a direct message
 * is refused; it must carry nothing private. {@code inReplyToMessageKey} threads a post under another
 * outbox message once that one is on X. {@code unsolicited} marks a message the recipient did not ask for
 * (an outage notice, say): those count against a daily allowance per person. Optional parts are null.
 */
public record OutboundMessage(
        String key,
        Channel channel,
        String recipientId,
        String inReplyToTweetId,
        String inReplyToMessageKey,
        String text,
        String fallbackText,
        String incidentNumber,
        boolean unsolicited) {

    public static OutboundMessage directMessage(String key, String recipientId, String text, String incidentNumber) {
        return new OutboundMessage(key, Channel.DIRECT_MESSAGE, recipientId, null, null, text, null, incidentNumber, false);
    }

    public static OutboundMessage publicReply(String key, String recipientId, String inReplyToTweetId, String text) {
        return new OutboundMessage(key, Channel.PUBLIC_REPLY, recipientId, inReplyToTweetId, null, text, null, null, false);
    }

    /** A post on the IT account's timeline, threaded under an earlier one when {@code threadUnderMessageKey} is set. */
    public static OutboundMessage timelinePost(String key, String text, String threadUnderMessageKey) {
        return new OutboundMessage(key, Channel.TIMELINE_POST, null, null, threadUnderMessageKey, text, null, null, false);
    }

    public OutboundMessage withPublicFallback(String tweetId, String publicText) {
        return new OutboundMessage(key, channel, recipientId, tweetId, inReplyToMessageKey, text, publicText, incidentNumber,
                unsolicited);
    }

    /** The same message, marked as one the recipient did not ask for. */
    public OutboundMessage asUnsolicited() {
        return new OutboundMessage(key, channel, recipientId, inReplyToTweetId, inReplyToMessageKey, text, fallbackText,
                incidentNumber, true);
    }

    public boolean hasFallback() {
        return fallbackText != null && inReplyToTweetId != null;
    }

    /** The same message re-addressed as its public fallback reply. */
    public OutboundMessage asFallbackReply() {
        return new OutboundMessage(key, Channel.PUBLIC_REPLY, recipientId, inReplyToTweetId, null, fallbackText, null,
                incidentNumber, unsolicited);
    }

    /** The same post, now known to reply to the tweet {@code tweetId}. */
    public OutboundMessage replyingTo(String tweetId) {
        return new OutboundMessage(key, Channel.PUBLIC_REPLY, recipientId, tweetId, null, text, null, incidentNumber,
                unsolicited);
    }

    /** Which of X's rate-limit windows the message counts against. */
    public String rateBucket() {
        return channel == Channel.DIRECT_MESSAGE ? "dm" : "tweet";
    }
}
