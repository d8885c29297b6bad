package servicedesk.notify;

/**
 * A message the desk has decided to send. It is written to the outbox in the same transaction as the
 * change that caused it, and {@code key} (derived from that cause) makes it impossible to queue twice.
 *
 * <p>{@code fallbackText} is the public reply to use under {@code inReplyToTweetId} when a direct message
 * is refused; it must carry nothing private. Both may be null when there is no public fallback.
 */
public record OutboundMessage(
        String key,
        Channel channel,
        String recipientId,
        String inReplyToTweetId,
        String text,
        String fallbackText,
        String incidentNumber) {

    public static OutboundMessage directMessage(String key, String recipientId, String text, String incidentNumber) {
        return new OutboundMessage(key, Channel.DIRECT_MESSAGE, recipientId, null, text, null, incidentNumber);
    }

    public static OutboundMessage publicReply(String key, String recipientId, String inReplyToTweetId, String text) {
        return new OutboundMessage(key, Channel.PUBLIC_REPLY, recipientId, inReplyToTweetId, text, null, null);
    }

    public OutboundMessage withPublicFallback(String tweetId, String publicText) {
        return new OutboundMessage(key, channel, recipientId, tweetId, text, publicText, incidentNumber);
    }

    public boolean hasFallback() {
        return fallbackText != null && inReplyToTweetId != null;
    }

    /** The same message re-addressed as its public fallback reply. */
    public OutboundMessage asFallbackReply() {
        return new OutboundMessage(key, Channel.PUBLIC_REPLY, recipientId, inReplyToTweetId, fallbackText, null, incidentNumber);
    }
}
