package servicedesk.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import servicedesk.format.Json;
import servicedesk.testing.Fixtures;

/** Variations on the shared fixtures: another id, another text (with entities to match), another thread. */
final class Payloads {
    private Payloads() {
    }

    /** The fixture's first tweet with a new id and text; hashtags and links follow the text. */
    static String tweet(String fixture, String id, String text) {
        return tweet(fixture, id, text, null);
    }

    /** As {@link #tweet(String, String, String)}, from another author (their handle is made from their id). */
    static String tweetBy(String fixture, String id, String authorId, String text) {
        ObjectNode payload = parse(tweet(fixture, id, text, null));
        ((ObjectNode) payload.path("tweet_create_events").get(0).path("user")).put("id", Long.parseLong(authorId))
                .put("id_str", authorId).put("screen_name", "user" + authorId.substring(authorId.length() - 4));
        return payload.toString();
    }

    /** As {@link #tweet(String, String, String)}, replying to {@code inReplyTo} (null keeps the fixture's). */
    static String tweet(String fixture, String id, String text, String inReplyTo) {
        ObjectNode payload = read(fixture);
        ObjectNode tweet = (ObjectNode) payload.path("tweet_create_events").get(0);
        tweet.put("id", Long.parseLong(id)).put("id_str", id).put("text", text);
        if (inReplyTo != null) {
            tweet.put("in_reply_to_status_id", Long.parseLong(inReplyTo)).put("in_reply_to_status_id_str", inReplyTo);
        }
        ObjectNode entities = (ObjectNode) tweet.path("entities");
        ArrayNode hashtags = entities.putArray("hashtags");
        Matcher tag = Pattern.compile("#(\\w+)").matcher(text);
        while (tag.find()) {
            hashtags.addObject().put("text", tag.group(1)).putArray("indices").add(tag.start()).add(tag.end());
        }
        ArrayNode urls = entities.putArray("urls");
        Matcher link = Pattern.compile("https?://\\S+").matcher(text);
        while (link.find()) {
            urls.addObject().put("url", link.group()).put("expanded_url", link.group())
                    .put("display_url", link.group()).putArray("indices").add(link.start()).add(link.end());
        }
        return payload.toString();
    }

    /** Jo's direct message fixture with a new event id and text. */
    static String directMessage(String eventId, String text) {
        ObjectNode payload = read("dm-incoming-detail");
        ObjectNode event = (ObjectNode) payload.path("direct_message_events").get(0);
        event.put("id", eventId);
        ((ObjectNode) event.path("message_create").path("message_data")).put("text", text);
        return payload.toString();
    }

    /** An Account Activity block (or unblock) of {@code userId} by the IT account: the only blocks X delivers. */
    static String block(String userId, boolean blocked, String timestamp) {
        return "{\"for_user_id\":\"" + Fixtures.IT_ACCOUNT + "\",\"block_events\":[{\"type\":\"" + (blocked ? "block" : "unblock")
                + "\",\"created_timestamp\":\"" + timestamp + "\",\"source\":{\"id_str\":\"" + Fixtures.IT_ACCOUNT
                + "\"},\"target\":{\"id_str\":\"" + userId + "\"}}]}";
    }

    private static ObjectNode read(String fixture) {
        return parse(Fixtures.webhook(fixture));
    }

    private static ObjectNode parse(String body) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
