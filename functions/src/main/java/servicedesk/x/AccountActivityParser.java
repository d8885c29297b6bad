package servicedesk.x;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import servicedesk.format.Json;
import servicedesk.intake.ActivityBatch;
import servicedesk.intake.DirectMessage;
import servicedesk.intake.InboundEvent;
import servicedesk.intake.Tweet;
import twitter4j.HashtagEntity;
import twitter4j.Status;
import twitter4j.TwitterException;
import twitter4j.TwitterObjectFactory;
import twitter4j.URLEntity;
import twitter4j.UserMentionEntity;

/**
 * Reads Account Activity webhook payloads (v1.1 event objects, §7): tweets, direct messages, the account's
 * blocks, deletions and a revocation. Tweets go through twitter4j's own
 * status parser, which merges {@code extended_tweet} and unescapes HTML entities; the envelope and
 * direct messages are plain JSON. Ids are always taken from the {@code *_str} fields.
 */
public final class AccountActivityParser {

    public static final class MalformedPayload extends Exception {
        public MalformedPayload(String message) {
            super(message);
        }
    }

    public ActivityBatch parse(String body) throws MalformedPayload {
        return parse(readObject(body));
    }

    /** The body as a JSON object, or why it is not one. */
    static JsonNode readObject(String body) throws MalformedPayload {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new MalformedPayload("not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedPayload("not a JSON object");
        }
        return root;
    }

    ActivityBatch parse(JsonNode root) throws MalformedPayload {
        String forUserId = root.path("for_user_id").asText("");
        Boolean authorBlocked = root.has("user_has_blocked") ? truthy(root.get("user_has_blocked")) : null;
        List<InboundEvent> events = new ArrayList<>();
        for (JsonNode tweet : root.path("tweet_create_events")) {
            events.add(new InboundEvent.TweetCreated(tweet(tweet), authorBlocked));
        }
        for (JsonNode event : root.path("direct_message_events")) {
            if ("message_create".equals(event.path("type").asText())) {
                events.add(new InboundEvent.DirectMessageReceived(directMessage(event)));
            }
        }
        // Blocks and unblocks by the subscribed account (X delivers no others); unblocks share the key.
        for (JsonNode event : root.path("block_events")) {
            events.add(new InboundEvent.BlockChanged(idOf(event.path("source")), idOf(event.path("target")),
                    !"unblock".equals(event.path("type").asText()), epochMillis(event.path("created_timestamp").asText(""))));
        }
        for (JsonNode deleted : root.path("tweet_delete_events")) {
            JsonNode status = deleted.path("status");
            events.add(new InboundEvent.TweetDeleted(status.path("id").asText(), status.path("user_id").asText(""),
                    epochMillis(deleted.path("timestamp_ms").asText(""))));
        }
        // A revocation has no for_user_id (AAI): it is for the user who revoked.
        JsonNode revoke = root.path("user_event").path("revoke");
        if (revoke.isObject()) {
            String userId = revoke.path("source").path("user_id").asText("");
            events.add(new InboundEvent.AccessRevoked(userId, revoke.path("target").path("app_id").asText(""),
                    isoTime(revoke.path("date_time").asText(""))));
            forUserId = forUserId.isEmpty() ? userId : forUserId;
        }
        return new ActivityBatch(forUserId, events);
    }

    /** Epoch milliseconds as X writes them ("1518127020304"), or null when unreadable. */
    static Instant epochMillis(String text) {
        try {
            return text.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(text));
        } catch (NumberFormatException unreadable) {
            return null;
        }
    }

    /** An ISO time with an offset ("2018-05-24T09:48:12+00:00", "2026-07-24T21:23:23.000Z"), or null. */
    static Instant isoTime(String text) {
        try {
            return text.isEmpty() ? null : java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException unreadable) {
            return null;
        }
    }

    /** X sends {@code user_has_blocked} as a boolean or as the string "true"/"false". */
    private static boolean truthy(JsonNode node) {
        return node != null && (node.asBoolean(false) || "true".equalsIgnoreCase(node.asText()));
    }

    static Tweet tweet(JsonNode node) throws MalformedPayload {
        Status status;
        try {
            status = TwitterObjectFactory.createStatus(node.toString());
        } catch (TwitterException | RuntimeException e) {
            throw new MalformedPayload("unreadable tweet object");
        }
        List<String> hashtags = new ArrayList<>();
        for (HashtagEntity hashtag : status.getHashtagEntities()) {
            hashtags.add(hashtag.getText().toLowerCase(java.util.Locale.ROOT));
        }
        List<String> links = new ArrayList<>();
        for (URLEntity url : status.getURLEntities()) {
            links.add(url.getExpandedURL() != null ? url.getExpandedURL() : url.getURL());
        }
        List<String> mentions = new ArrayList<>();
        for (UserMentionEntity mention : status.getUserMentionEntities()) {
            mentions.add(Long.toString(mention.getId()));
        }
        JsonNode user = node.path("user");
        String inReplyTo = node.path("in_reply_to_status_id_str").isTextual()
                ? node.path("in_reply_to_status_id_str").asText() : null;
        String inReplyToUser = node.path("in_reply_to_user_id_str").isTextual()
                ? node.path("in_reply_to_user_id_str").asText() : null;
        return new Tweet(
                node.path("id_str").asText(Long.toString(status.getId())),
                idOf(user),
                user.path("screen_name").asText(""),
                status.getText(),
                hashtags,
                links,
                mentions,
                inReplyTo,
                inReplyToUser,
                status.isRetweet() || node.has("retweeted_status"),
                status.getCreatedAt() == null ? Instant.now() : status.getCreatedAt().toInstant());
    }

    static DirectMessage directMessage(JsonNode event) {
        JsonNode create = event.path("message_create");
        long millis = event.path("created_timestamp").asLong(0);
        return new DirectMessage(
                event.path("id").asText(),
                create.path("sender_id").asText(),
                create.path("target").path("recipient_id").asText(),
                create.path("source_app_id").asText(""),
                unescapeHtml(create.path("message_data").path("text").asText("")),
                millis > 0 ? Instant.ofEpochMilli(millis) : Instant.now());
    }

    static String idOf(JsonNode user) {
        return user.path("id_str").asText(user.path("id").asText(""));
    }

    /** X escapes &, < and > in message text; these are the only entities it produces. */
    static String unescapeHtml(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
    }
}
