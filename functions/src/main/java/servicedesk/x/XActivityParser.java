package servicedesk.x;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import servicedesk.intake.ActivityBatch;
import servicedesk.intake.InboundEvent;
import servicedesk.intake.Tweet;

/**
 * Reads X Activity API deliveries (§8.2): {@code {"data":{event_uuid, filter, event_type, tag, payload,
 * includes}}}, one event each. Posts are v2 objects ({@code author_id}, {@code referenced_tweets},
 * {@code entities.hashtags[].tag}); DMs keep the v1.1 {@code direct_message_events} shape. The envelope's
 * {@code filter.user_id} says whose subscription it is, as {@code for_user_id} does for Account Activity;
 * {@code oauth.revoke} has an empty filter and names the user in its payload. Users may come flat or wrapped
 * in {@code {"data":…}} (XEP's examples show both); counts and offsets come twice ({@code _str}), ignored.
 */
final class XActivityParser {

    static boolean isActivityEnvelope(JsonNode root) {
        return root.path("data").isObject() && root.path("data").has("event_type");
    }

    ActivityBatch parse(JsonNode root) throws AccountActivityParser.MalformedPayload {
        JsonNode data = root.path("data");
        String type = data.path("event_type").asText("");
        JsonNode payload = data.path("payload");
        String forUserId = data.path("filter").path("user_id").asText("");
        List<InboundEvent> events = new ArrayList<>();
        switch (type) {
            case "post.mention.create", "post.reply.create", "post.quote.create", "post.create" ->
                    events.add(new InboundEvent.TweetCreated(post(payload, data.path("includes")), null));
            case "post.delete" -> events.add(new InboundEvent.TweetDeleted(payload.path("id").asText(),
                    payload.path("author_id").asText(""), null));
            case "dm.received", "dm.sent" -> {
                for (JsonNode event : payload.path("direct_message_events")) {
                    if ("message_create".equals(event.path("type").asText())) {
                        events.add(new InboundEvent.DirectMessageReceived(AccountActivityParser.directMessage(event)));
                    }
                }
            }
            case "block.block", "block.unblock" -> events.add(new InboundEvent.BlockChanged(
                    userId(payload.path("source")), userId(payload.path("target")), type.equals("block.block"),
                    AccountActivityParser.isoTime(payload.path("created_at").asText(""))));
            case "oauth.revoke" -> {
                String userId = payload.path("user_id").asText("");
                events.add(new InboundEvent.AccessRevoked(userId, payload.path("app_id").asText(""),
                        AccountActivityParser.isoTime(payload.path("date_time").asText(""))));
                forUserId = forUserId.isEmpty() ? userId : forUserId;
            }
            default -> {
                // Other event types (likes, follows, profile updates…) are not the desk's business.
            }
        }
        return new ActivityBatch(forUserId, events);
    }

    /** A v2 post, its author's handle from {@code includes.users}. */
    static Tweet post(JsonNode post, JsonNode includes) throws AccountActivityParser.MalformedPayload {
        String id = post.path("id").asText("");
        String authorId = post.path("author_id").asText("");
        if (!id.matches("[0-9]{1,19}") || authorId.isEmpty()) {
            throw new AccountActivityParser.MalformedPayload("a post without id or author_id");
        }
        // A long post's full text is its note_tweet; text is then cut short.
        String text = post.path("note_tweet").path("text").asText(post.path("text").asText(""));
        JsonNode entities = post.path("note_tweet").has("entities") ? post.path("note_tweet").path("entities")
                : post.path("entities");
        List<String> hashtags = new ArrayList<>();
        entities.path("hashtags").forEach(tag -> hashtags.add(tag.path("tag").asText().toLowerCase(Locale.ROOT)));
        List<String> links = new ArrayList<>();
        entities.path("urls").forEach(url -> links.add(url.path("expanded_url").asText(url.path("url").asText())));
        List<String> mentions = new ArrayList<>();
        entities.path("mentions").forEach(mention -> mentions.add(mention.path("id").asText()));
        String inReplyTo = null;
        boolean retweet = false;
        // Both spellings: the wire's referenced_tweets and OA 2.168's referenced_posts (§0).
        JsonNode references = post.has("referenced_tweets") ? post.path("referenced_tweets") : post.path("referenced_posts");
        for (JsonNode reference : references) {
            switch (reference.path("type").asText()) {
                case "replied_to" -> inReplyTo = reference.path("id").asText();
                case "retweeted" -> retweet = true;
                default -> {
                }
            }
        }
        Instant createdAt = AccountActivityParser.isoTime(post.path("created_at").asText(""));
        return new Tweet(id, authorId, handle(includes, authorId), AccountActivityParser.unescapeHtml(text), hashtags,
                links, mentions, inReplyTo, post.path("in_reply_to_user_id").asText(null), retweet,
                createdAt == null ? Instant.now() : createdAt);
    }

    private static String handle(JsonNode includes, String userId) {
        for (JsonNode user : includes.path("users")) {
            JsonNode flat = user.has("data") ? user.path("data") : user;
            if (userId.equals(flat.path("id").asText())) {
                return flat.path("username").asText("");
            }
        }
        return "";
    }

    private static String userId(JsonNode user) {
        JsonNode flat = user.has("data") ? user.path("data") : user;
        return flat.path("id").asText(flat.path("id_str").asText(""));
    }
}
