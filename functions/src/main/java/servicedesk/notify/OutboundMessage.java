package servicedesk.notify;

import java.time.Instant;

/**
 * A message the desk has decided to send. It is written to the outbox in the same transaction as the
 * change that caused it, and {@code key} (derived from that cause) makes it impossible to queue twice.
 *
 * <p>{@code fallbackText} is the public reply to use under {@code inReplyToTweetId} when a direct message
 * cannot or should not go (the recipient does not accept DMs, or no DM slot is near); it must carry nothing
 * private. {@code inReplyToMessageKey} threads a post under another outbox message once that one is on X.
 * {@code unsolicited} marks a message the recipient did not ask for (an outage notice, say): those count
 * against a daily allowance per person. {@code messageClass} says what it is worth (from the key's cause
 * unless a factory says otherwise); {@code orderAt}, when set, is when the matter began (the report), which
 * orders it among its class instead of when the message was queued. Optional parts are null.
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
        boolean unsolicited,
        MessageClass messageClass,
        Instant orderAt) {

    public OutboundMessage {
        if (messageClass == null) {
            messageClass = MessageClass.ofKey(key);
        }
    }

    public static OutboundMessage directMessage(String key, String recipientId, String text, String incidentNumber) {
        return new OutboundMessage(key, Channel.DIRECT_MESSAGE, recipientId, null, null, text, null, incidentNumber, false,
                null, null);
    }

    public static OutboundMessage publicReply(String key, String recipientId, String inReplyToTweetId, String text) {
        return new OutboundMessage(key, Channel.PUBLIC_REPLY, recipientId, inReplyToTweetId, null, text, null, null, false,
                null, null);
    }

    /** A post on the IT account's timeline, threaded under an earlier one when {@code threadUnderMessageKey} is set. */
    public static OutboundMessage timelinePost(String key, String text, String threadUnderMessageKey) {
        return new OutboundMessage(key, Channel.TIMELINE_POST, null, null, threadUnderMessageKey, text, null, null, false,
                null, null);
    }

    /**
     * A DM telling an affected reporter about an outage or its resolution, ordered among the other notices by
     * when they reported ({@code reportedAt}), so the budget left after acknowledgements reaches them in report
     * order. An outage notice is unsolicited; the resolution answers their report.
     */
    public static OutboundMessage outageNotice(String key, String recipientId, String text, String incidentNumber,
                                               Instant reportedAt, boolean unsolicited) {
        return new OutboundMessage(key, Channel.DIRECT_MESSAGE, recipientId, null, null, text, null, incidentNumber,
                unsolicited, MessageClass.OUTAGE_NOTICE, reportedAt);
    }

    /** The key of the acknowledgement of a report (cause: the reporter's tweet). */
    public static String acknowledgementKey(String tweetId) {
        return "opened:" + tweetId;
    }

    /** The key of the message that tells a reporter their incident is resolved. */
    public static String resolutionKey(String incidentNumber) {
        return "resolved:" + incidentNumber;
    }

    /** The key of the notice telling {@code userId} about an outage ({@code resolved}: about its end), once. */
    public static String outageNoticeKey(String outageId, boolean resolved, String userId) {
        return "told:" + outageId + ":" + (resolved ? "RESOLVED" : "OUTAGE") + ":" + userId;
    }

    public OutboundMessage withPublicFallback(String tweetId, String publicText) {
        return new OutboundMessage(key, channel, recipientId, tweetId, inReplyToMessageKey, text, publicText, incidentNumber,
                unsolicited, messageClass, orderAt);
    }

    /** The same message, marked as one the recipient did not ask for. */
    public OutboundMessage asUnsolicited() {
        return new OutboundMessage(key, channel, recipientId, inReplyToTweetId, inReplyToMessageKey, text, fallbackText,
                incidentNumber, true, messageClass, orderAt);
    }

    public boolean hasFallback() {
        return fallbackText != null && inReplyToTweetId != null;
    }

    /** The same message re-addressed as its public fallback reply. */
    public OutboundMessage asFallbackReply() {
        return new OutboundMessage(key, Channel.PUBLIC_REPLY, recipientId, inReplyToTweetId, null, fallbackText, null,
                incidentNumber, unsolicited, messageClass, orderAt);
    }

    /** The same post, now known to reply to the tweet {@code tweetId}. */
    public OutboundMessage replyingTo(String tweetId) {
        return new OutboundMessage(key, Channel.PUBLIC_REPLY, recipientId, tweetId, null, text, null, incidentNumber,
                unsolicited, messageClass, orderAt);
    }

    /** The same message as a post of its own on the timeline (a reply X refused), with {@code standaloneText}. */
    public OutboundMessage asStandalonePost(String standaloneText) {
        return new OutboundMessage(key, Channel.TIMELINE_POST, recipientId, null, null, standaloneText, null,
                incidentNumber, unsolicited, messageClass, orderAt);
    }

    /** The same message as a DM to its recipient (a public reply X refused). */
    public OutboundMessage asDirectMessage() {
        return new OutboundMessage(key, Channel.DIRECT_MESSAGE, recipientId, null, null, text, null, incidentNumber,
                unsolicited, messageClass, orderAt);
    }

    /** The same message saying {@code newText} (and {@code newFallback} in public), news merged into it. */
    public OutboundMessage saying(String newText, String newFallback) {
        return new OutboundMessage(key, channel, recipientId, inReplyToTweetId, inReplyToMessageKey, newText,
                newFallback, incidentNumber, unsolicited, messageClass, orderAt);
    }

    /** Which of X's write budgets the message counts against. */
    public Lane lane() {
        return Lane.of(channel);
    }
}
