package servicedesk.x;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import servicedesk.format.Json;
import servicedesk.format.WebLink;
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

    /** X allows no hashtag longer than this; a service's hashtag is shorter still. */
    static final int MAX_HASHTAG = 140;
    static final int MAX_HASHTAGS = 50;

    public ActivityBatch parse(String body) throws MalformedPayload {
        return parse(readObject(body));
    }

    /** The body as a JSON object, or why it is not one. */
    static JsonNode readObject(String body) throws MalformedPayload {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new MalformedPayload("not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedPayload("not a JSON object");
        }
        return root;
    }

    ActivityBatch parse(JsonNode root) throws MalformedPayload {
        String forUserId = root.path("for_user_id").isValueNode() ? root.path("for_user_id").asText("") : "";
        // X says whether the IT account has blocked the author; when it says nothing, the desk's record decides.
        Boolean authorBlocked = root.has("user_has_blocked") ? truthy(root.get("user_has_blocked")) : null;
        List<InboundEvent> events = new ArrayList<>();
        // One unreadable event does not hold up the others: it is counted, and the rest are read.
        int unreadable = 0;
        for (JsonNode tweet : array(root, "tweet_create_events")) {
            try {
                events.add(new InboundEvent.TweetCreated(tweet(tweet), authorBlocked));
            } catch (MalformedPayload e) {
                unreadable++;
            }
        }
        for (JsonNode event : array(root, "direct_message_events")) {
            if ("message_create".equals(event.path("type").asText())) {
                try {
                    events.add(new InboundEvent.DirectMessageReceived(directMessage(event)));
                } catch (MalformedPayload e) {
                    unreadable++;
                }
            }
        }
        // Blocks and unblocks by the subscribed account or of it (AAI: both by the subscribed user and of them); unblocks share the key.
        for (JsonNode event : array(root, "block_events")) {
            String source = idOf(event.path("source"));
            String target = idOf(event.path("target"));
            if (!isId(source) || !isId(target)) {
                unreadable++;
                continue;
            }
            events.add(new InboundEvent.BlockChanged(source, target, !"unblock".equals(event.path("type").asText()),
                    epochMillis(event.path("created_timestamp").asText(""))));
        }
        for (JsonNode deleted : array(root, "tweet_delete_events")) {
            JsonNode status = deleted.path("status");
            String id = status.path("id").asText("");
            String author = status.path("user_id").asText("");
            if (!isId(id) || !(author.isEmpty() || isId(author))) {
                unreadable++;
                continue;
            }
            events.add(new InboundEvent.TweetDeleted(id, author, epochMillis(deleted.path("timestamp_ms").asText(""))));
        }
        // A revocation has no for_user_id (AAI): it is for the user who revoked.
        JsonNode revoke = root.path("user_event").path("revoke");
        if (revoke.isObject()) {
            String userId = revoke.path("source").path("user_id").asText("");
            if (isId(userId)) {
                events.add(new InboundEvent.AccessRevoked(userId, revoke.path("target").path("app_id").asText(""),
                        isoTime(revoke.path("date_time").asText(""))));
                forUserId = forUserId.isEmpty() ? userId : forUserId;
            } else {
                unreadable++;
            }
        }
        return new ActivityBatch(forUserId, events, unreadable);
    }

    /** Epoch milliseconds as X writes them ("1518127020304"), or null when unreadable. */
    static Instant epochMillis(String text) {
        try {
            return text.isEmpty() || text.length() > 20 ? null : Instant.ofEpochMilli(Long.parseLong(text));
        } catch (NumberFormatException unreadable) {
            return null;
        }
    }

    /** An ISO time with an offset ("2018-05-24T09:48:12+00:00", "2026-07-24T21:23:23.000Z"), or null. */
    static Instant isoTime(String text) {
        try {
            return text.isEmpty() || text.length() > 40 ? null : java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException unreadable) {
            return null;
        }
    }

    /** The member if it is an array; anything else in its place carries no events. */
    static Iterable<JsonNode> array(JsonNode root, String name) {
        JsonNode node = root.path(name);
        return node.isArray() ? node : List.of();
    }

    /**
     * X's ids are 64-bit numbers as decimal strings. Anything else is refused before it becomes part of a
     * key: a stored key has a size limit, and a claim on a made-up id guards nothing.
     */
    static boolean isId(String id) {
        if (id == null || id.isEmpty() || id.length() > 19) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) < '0' || id.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** X sends {@code user_has_blocked} as a boolean or as the string "true"/"false". */
    private static boolean truthy(JsonNode node) {
        return node != null && (node.asBoolean(false) || "true".equalsIgnoreCase(node.asText()));
    }

    static Tweet tweet(JsonNode node) throws MalformedPayload {
        if (!node.isObject()) {
            throw new MalformedPayload("a tweet is an object");
        }
        Status status;
        try {
            status = TwitterObjectFactory.createStatus(node.toString());
        } catch (TwitterException | RuntimeException e) {
            throw new MalformedPayload("unreadable tweet object");
        }
        List<String> hashtags = new ArrayList<>();
        for (HashtagEntity hashtag : status.getHashtagEntities()) {
            // A post can carry hundreds; the desk reads the first few dozen, and none longer than X allows.
            String tag = hashtag.getText() == null ? "" : hashtag.getText().toLowerCase(java.util.Locale.ROOT);
            if (!tag.isEmpty() && tag.length() <= MAX_HASHTAG && !hashtags.contains(tag) && hashtags.size() < MAX_HASHTAGS) {
                hashtags.add(tag);
            }
        }
        List<String> links = new ArrayList<>();
        for (URLEntity url : status.getURLEntities()) {
            // Only http(s) links are kept: a link is shown on the status page and sent to reporters.
            String link = url.getExpandedURL() != null ? url.getExpandedURL() : url.getURL();
            if (WebLink.isSafe(link) && links.size() < MAX_HASHTAGS) {
                links.add(link);
            }
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
        String id = node.path("id_str").asText(Long.toString(status.getId()));
        String handle = user.path("screen_name").asText("");
        if (!isId(id) || !isId(idOf(user)) || (inReplyTo != null && !isId(inReplyTo))
                || (inReplyToUser != null && !isId(inReplyToUser)) || !handle.matches("\\w{0,50}")) {
            throw new MalformedPayload("ids are decimal numbers, handles up to 50 word characters");
        }
        return new Tweet(
                id,
                idOf(user),
                handle,
                status.getText(),
                hashtags,
                links,
                mentions,
                inReplyTo,
                inReplyToUser,
                status.isRetweet() || node.has("retweeted_status"),
                status.getCreatedAt() == null ? Instant.now() : status.getCreatedAt().toInstant());
    }

    static DirectMessage directMessage(JsonNode event) throws MalformedPayload {
        JsonNode create = event.path("message_create");
        long millis = event.path("created_timestamp").asLong(0);
        String id = event.path("id").asText();
        String sender = create.path("sender_id").asText();
        String recipient = create.path("target").path("recipient_id").asText();
        String app = create.path("source_app_id").asText("");
        if (!isId(id) || !isId(sender) || !isId(recipient) || !(app.isEmpty() || isId(app))) {
            throw new MalformedPayload("ids are decimal numbers");
        }
        return new DirectMessage(
                id,
                sender,
                recipient,
                app,
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
