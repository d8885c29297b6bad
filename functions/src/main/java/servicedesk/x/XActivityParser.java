package servicedesk.x;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import servicedesk.format.WebLink;
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
        int unreadable = 0;
        switch (type) {
            case "post.mention.create", "post.reply.create", "post.quote.create", "post.create" ->
                    events.add(new InboundEvent.TweetCreated(post(payload, data.path("includes")), null));
            case "post.delete" -> {
                String id = payload.path("id").asText("");
                String author = payload.path("author_id").asText("");
                if (!AccountActivityParser.isId(id) || !(author.isEmpty() || AccountActivityParser.isId(author))) {
                    throw new AccountActivityParser.MalformedPayload("ids are decimal numbers");
                }
                events.add(new InboundEvent.TweetDeleted(id, author, null));
            }
            case "dm.received", "dm.sent" -> {
                for (JsonNode event : AccountActivityParser.array(payload, "direct_message_events")) {
                    if ("message_create".equals(event.path("type").asText())) {
                        try {
                            events.add(new InboundEvent.DirectMessageReceived(AccountActivityParser.directMessage(event)));
                        } catch (AccountActivityParser.MalformedPayload e) {
                            unreadable++;
                        }
                    }
                }
            }
            case "block.block", "block.unblock" -> {
                String source = userId(payload.path("source"));
                String target = userId(payload.path("target"));
                if (!AccountActivityParser.isId(source) || !AccountActivityParser.isId(target)) {
                    throw new AccountActivityParser.MalformedPayload("ids are decimal numbers");
                }
                events.add(new InboundEvent.BlockChanged(source, target, type.equals("block.block"),
                        AccountActivityParser.isoTime(payload.path("created_at").asText(""))));
            }
            case "oauth.revoke" -> {
                String userId = payload.path("user_id").asText("");
                if (!AccountActivityParser.isId(userId)) {
                    throw new AccountActivityParser.MalformedPayload("ids are decimal numbers");
                }
                events.add(new InboundEvent.AccessRevoked(userId, payload.path("app_id").asText(""),
                        AccountActivityParser.isoTime(payload.path("date_time").asText(""))));
                forUserId = forUserId.isEmpty() ? userId : forUserId;
            }
            default -> {
                // Other event types (likes, follows, profile updates…) are not the desk's business.
            }
        }
        return new ActivityBatch(forUserId, events, unreadable);
    }

    /** A v2 post, its author's handle from {@code includes.users}. */
    static Tweet post(JsonNode post, JsonNode includes) throws AccountActivityParser.MalformedPayload {
        String id = post.path("id").asText("");
        String authorId = post.path("author_id").asText("");
        if (!AccountActivityParser.isId(id) || !AccountActivityParser.isId(authorId)) {
            throw new AccountActivityParser.MalformedPayload("a post without id or author_id");
        }
        // A long post's full text is its note_tweet; text is then cut short.
        String text = post.path("note_tweet").path("text").asText(post.path("text").asText(""));
        JsonNode entities = post.path("note_tweet").has("entities") ? post.path("note_tweet").path("entities")
                : post.path("entities");
        // The same bounds as Account Activity's tweets: a few dozen hashtags and http(s) links, ids as numbers.
        List<String> hashtags = new ArrayList<>();
        for (JsonNode entity : AccountActivityParser.array(entities, "hashtags")) {
            String tag = entity.path("tag").asText("").toLowerCase(Locale.ROOT);
            if (!tag.isEmpty() && tag.length() <= AccountActivityParser.MAX_HASHTAG && !hashtags.contains(tag)
                    && hashtags.size() < AccountActivityParser.MAX_HASHTAGS) {
                hashtags.add(tag);
            }
        }
        List<String> links = new ArrayList<>();
        for (JsonNode url : AccountActivityParser.array(entities, "urls")) {
            String link = url.path("expanded_url").asText(url.path("url").asText(""));
            if (WebLink.isSafe(link) && links.size() < AccountActivityParser.MAX_HASHTAGS) {
                links.add(link);
            }
        }
        List<String> mentions = new ArrayList<>();
        for (JsonNode mention : AccountActivityParser.array(entities, "mentions")) {
            if (AccountActivityParser.isId(mention.path("id").asText(""))) {
                mentions.add(mention.path("id").asText());
            }
        }
        String inReplyTo = null;
        boolean retweet = false;
        String inReplyToUser = post.path("in_reply_to_user_id").isTextual() ? post.path("in_reply_to_user_id").asText() : null;
        // Both spellings: the wire's referenced_tweets and OA 2.168's referenced_posts (§0).
        for (JsonNode reference : AccountActivityParser.array(post, post.has("referenced_tweets") ? "referenced_tweets" : "referenced_posts")) {
            switch (reference.path("type").asText()) {
                case "replied_to" -> inReplyTo = reference.path("id").asText();
                case "retweeted" -> retweet = true;
                default -> {
                }
            }
        }
        String handle = handle(includes, authorId);
        if ((inReplyTo != null && !AccountActivityParser.isId(inReplyTo))
                || (inReplyToUser != null && !AccountActivityParser.isId(inReplyToUser)) || !handle.matches("\\w{0,50}")) {
            throw new AccountActivityParser.MalformedPayload("ids are decimal numbers, handles up to 50 word characters");
        }
        Instant createdAt = AccountActivityParser.isoTime(post.path("created_at").asText(""));
        return new Tweet(id, authorId, handle, AccountActivityParser.unescapeHtml(text), hashtags, links, mentions,
                inReplyTo, inReplyToUser, retweet, createdAt == null ? Instant.now() : createdAt);
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
