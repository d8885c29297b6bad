package servicedesk.xstandin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The objects X shows: v2 posts and users for reads, v1.1 tweets and users inside Account Activity
 * envelopes (§7, AAI), and the X Activity API's objects (§8, XEP).
 */
final class Payloads {
    /** v1.1's {@code created_at}: "Sat Nov 22 10:00:00 +0000 2025". */
    static final DateTimeFormatter V1_TIME = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** v2's {@code created_at}: ISO-8601 with milliseconds, "2022-10-19T20:58:00.000Z". */
    static final DateTimeFormatter V2_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** v1.1 puts the first 140 characters in {@code text} and the rest in {@code extended_tweet} (AAI longform). */
    static final int V1_TEXT_LIMIT = 140;

    private Payloads() {
    }

    /** AAA's and XEP's revocation time: "2018-05-24T09:48:12+00:00". */
    static final DateTimeFormatter OFFSET_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    static String v2Time(Instant at) {
        return V2_TIME.format(at);
    }

    // ---------- v2 (reads) ----------

    /**
     * A v2 Post with the default fields ({@code id, text, edit_history_tweet_ids}, TLG) plus {@code fields}.
     * A long-form post (over {@link #LONG_FORM} weighted characters) shows only its start in {@code text} and
     * {@code entities}; its whole text and entities are in {@code note_tweet}, a field given only when asked
     * for (DD: long-form posts, over 280 characters, have their whole text there; OA's {@code note_tweet.text} and
     * {@code note_tweet.entities}).
     */
    static ObjectNode v2Post(Post post, Set<String> fields) {
        ObjectNode node = Json.object();
        node.put("id", post.id());
        int shown = shownCodePoints(post);
        boolean longForm = shown < Text.codePoints(post.text());
        node.put("text", Text.escapeHtml(longForm ? Text.codePointPrefix(post.text(), shown) + CUT_MARK : post.text()));
        node.putArray("edit_history_tweet_ids").add(post.id());
        if (fields.contains("author_id")) {
            node.put("author_id", post.authorId());
        }
        if (fields.contains("created_at")) {
            node.put("created_at", v2Time(post.createdAt()));
        }
        if (fields.contains("conversation_id")) {
            node.put("conversation_id", post.conversationId());
        }
        if (fields.contains("in_reply_to_user_id") && post.inReplyToUserId() != null) {
            node.put("in_reply_to_user_id", post.inReplyToUserId());
        }
        if (fields.contains("referenced_tweets")) {
            ArrayNode refs = referencedTweets(post);
            if (!refs.isEmpty()) {
                node.set("referenced_tweets", refs);
            }
        }
        if (fields.contains("entities")) {
            ObjectNode entities = v2Entities(longForm ? post.entities().upTo(shown) : post.entities(), false);
            if (!entities.isEmpty()) {
                node.set("entities", entities);
            }
        }
        if (fields.contains("note_tweet") && longForm) {
            ObjectNode note = node.putObject("note_tweet");
            note.put("text", Text.escapeHtml(post.text()));
            ObjectNode entities = v2Entities(post.entities(), false);
            if (!entities.isEmpty()) {
                note.set("entities", entities);
            }
        }
        if (fields.contains("lang")) {
            node.put("lang", "en");
        }
        if (fields.contains("possibly_sensitive")) {
            node.put("possibly_sensitive", false);
        }
        if (fields.contains("reply_settings")) {
            node.put("reply_settings", "everyone");
        }
        if (fields.contains("public_metrics")) {
            ObjectNode metrics = node.putObject("public_metrics");
            for (String name : new String[]{"retweet_count", "reply_count", "like_count", "quote_count", "bookmark_count", "impression_count"}) {
                metrics.put(name, 0);
            }
        }
        if (fields.contains("display_text_range")) {
            node.putArray("display_text_range").add(0).add(shown);
        }
        return node;
    }

    /** Posts longer than this many weighted characters are long-form (DD). */
    static final int LONG_FORM = 280;
    /** What ends a long-form post's cut {@code text}; X does not document its cut, this is the stand-in's. */
    static final String CUT_MARK = "…";

    /**
     * How many code points of the post's text a v2 {@code text} shows: all of a post within {@link #LONG_FORM},
     * else the longest start that leaves room for {@link #CUT_MARK} and splits no link, mention or hashtag.
     */
    static int shownCodePoints(Post post) {
        String text = post.text();
        if (Text.weightedLength(text) <= LONG_FORM) {
            return Text.codePoints(text);
        }
        // The stored text's links are already 23-character t.co links, so each code point weighs on its own.
        int room = LONG_FORM - Text.weightedLength(CUT_MARK);
        int shown = 0;
        for (int i = 0, weight = 0; i < text.length(); i += Character.charCount(text.codePointAt(i)), shown++) {
            weight += Text.weight(text.codePointAt(i));
            if (weight > room) {
                break;
            }
        }
        return post.entities().cutBefore(shown);
    }

    static ArrayNode referencedTweets(Post post) {
        ArrayNode refs = Json.array();
        if (post.inReplyToId() != null) {
            refs.addObject().put("type", "replied_to").put("id", post.inReplyToId());
        }
        if (post.quotedId() != null) {
            refs.addObject().put("type", "quoted").put("id", post.quotedId());
        }
        return refs;
    }

    /** v2 entities; {@code withStr} adds XAA's {@code start_str}/{@code end_str} twins (XEP). */
    static ObjectNode v2Entities(Entities entities, boolean withStr) {
        ObjectNode node = Json.object();
        if (!entities.mentions().isEmpty()) {
            ArrayNode mentions = node.putArray("mentions");
            for (Entities.Mention m : entities.mentions()) {
                ObjectNode item = offsets(mentions.addObject(), m.start(), m.end(), withStr);
                item.put("username", m.username());
                item.put("id", m.id());
            }
        }
        if (!entities.hashtags().isEmpty()) {
            ArrayNode hashtags = node.putArray("hashtags");
            for (Entities.Hashtag h : entities.hashtags()) {
                offsets(hashtags.addObject(), h.start(), h.end(), withStr).put("tag", h.tag());
            }
        }
        if (!entities.urls().isEmpty()) {
            ArrayNode urls = node.putArray("urls");
            for (Entities.Link l : entities.urls()) {
                offsets(urls.addObject(), l.start(), l.end(), withStr)
                        .put("url", l.url()).put("expanded_url", l.expandedUrl()).put("display_url", l.displayUrl());
            }
        }
        return node;
    }

    private static ObjectNode offsets(ObjectNode node, int start, int end, boolean withStr) {
        node.put("start", start);
        if (withStr) {
            node.put("start_str", Integer.toString(start));
        }
        node.put("end", end);
        if (withStr) {
            node.put("end_str", Integer.toString(end));
        }
        return node;
    }

    /** A v2 User: {@code id, name, username} by default, plus the requested {@code user.fields}. */
    static ObjectNode v2User(XUser user, Set<String> fields) {
        ObjectNode node = Json.object();
        node.put("id", user.id());
        node.put("name", user.name());
        node.put("username", user.username());
        if (fields.contains("created_at")) {
            node.put("created_at", "2019-09-02T10:00:00.000Z");
        }
        if (fields.contains("protected")) {
            node.put("protected", false);
        }
        if (fields.contains("verified")) {
            node.put("verified", false);
        }
        if (fields.contains("description")) {
            node.put("description", "");
        }
        return node;
    }

    static ObjectNode dmEvent(DmEvent dm, Set<String> fields) {
        ObjectNode node = Json.object();
        node.put("id", dm.id());
        node.put("event_type", "MessageCreate");
        node.put("text", dm.text());
        if (fields.contains("sender_id")) {
            node.put("sender_id", dm.senderId());
        }
        if (fields.contains("dm_conversation_id")) {
            node.put("dm_conversation_id", dm.conversationId());
        }
        if (fields.contains("created_at")) {
            node.put("created_at", v2Time(dm.createdAt()));
        }
        // CL (2025-06-03): MessageCreate events no longer carry participant_ids.
        return node;
    }

    // ---------- v1.1 (Account Activity) ----------

    static ObjectNode v1User(XUser user) {
        ObjectNode node = Json.object();
        node.put("id", new java.math.BigInteger(user.id()));
        node.put("id_str", user.id());
        node.put("name", user.name());
        node.put("screen_name", user.username());
        node.put("protected", false);
        node.put("verified", false);
        node.put("followers_count", 0);
        node.put("friends_count", 0);
        node.put("created_at", "Mon Sep 02 10:00:00 +0000 2019");
        return node;
    }

    /**
     * A v1.1 Tweet object as Account Activity delivers it (AAI): ids as numbers and {@code *_str}, text
     * HTML-escaped, and a post longer than 140 characters truncated in {@code text} with the whole of it in
     * {@code extended_tweet.full_text}.
     */
    static ObjectNode v1Tweet(Post post, Function<String, XUser> users) {
        ObjectNode node = Json.object();
        node.put("created_at", V1_TIME.format(post.createdAt()));
        node.put("id", new java.math.BigInteger(post.id()));
        node.put("id_str", post.id());
        String full = post.text();
        int length = Text.codePoints(full);
        boolean truncated = length > V1_TEXT_LIMIT;
        if (truncated) {
            String shown = Text.codePointPrefix(full, V1_TEXT_LIMIT - 2 - Text.TCO_LENGTH) + "… https://t.co/" + post.id().substring(post.id().length() - 10);
            node.put("text", Text.escapeHtml(shown));
        } else {
            node.put("text", Text.escapeHtml(full));
        }
        node.put("source", "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>");
        node.put("truncated", truncated);
        if (post.inReplyToId() != null) {
            node.put("in_reply_to_status_id", new java.math.BigInteger(post.inReplyToId()));
            node.put("in_reply_to_status_id_str", post.inReplyToId());
            node.put("in_reply_to_user_id", new java.math.BigInteger(post.inReplyToUserId()));
            node.put("in_reply_to_user_id_str", post.inReplyToUserId());
            XUser parentAuthor = users.apply(post.inReplyToUserId());
            node.put("in_reply_to_screen_name", parentAuthor == null ? null : parentAuthor.username());
        } else {
            node.putNull("in_reply_to_status_id");
            node.putNull("in_reply_to_status_id_str");
            node.putNull("in_reply_to_user_id");
            node.putNull("in_reply_to_user_id_str");
            node.putNull("in_reply_to_screen_name");
        }
        node.set("user", v1User(users.apply(post.authorId())));
        node.putNull("geo");
        node.putNull("coordinates");
        node.putNull("place");
        node.putNull("contributors");
        node.put("is_quote_status", post.quotedId() != null);
        if (post.quotedId() != null) {
            node.put("quoted_status_id", new java.math.BigInteger(post.quotedId()));
            node.put("quoted_status_id_str", post.quotedId());
        }
        node.put("quote_count", 0);
        node.put("reply_count", 0);
        node.put("retweet_count", 0);
        node.put("favorite_count", 0);
        node.set("entities", v1Entities(post.entities(), truncated ? V1_TEXT_LIMIT - 2 - Text.TCO_LENGTH : Integer.MAX_VALUE, users));
        node.put("favorited", false);
        node.put("retweeted", false);
        node.put("filter_level", "low");
        node.put("lang", "en");
        node.put("timestamp_ms", Long.toString(post.createdAt().toEpochMilli()));
        if (truncated) {
            ObjectNode extended = node.putObject("extended_tweet");
            extended.put("full_text", Text.escapeHtml(full));
            extended.putArray("display_text_range").add(0).add(length);
            extended.set("entities", v1Entities(post.entities(), Integer.MAX_VALUE, users));
        } else {
            node.putArray("display_text_range").add(0).add(length);
        }
        return node;
    }

    private static ObjectNode v1Entities(Entities entities, int upTo, Function<String, XUser> users) {
        ObjectNode node = Json.object();
        ArrayNode hashtags = node.putArray("hashtags");
        for (Entities.Hashtag h : entities.hashtags()) {
            if (h.end() <= upTo) {
                ObjectNode item = hashtags.addObject().put("text", h.tag());
                item.putArray("indices").add(h.start()).add(h.end());
            }
        }
        ArrayNode urls = node.putArray("urls");
        for (Entities.Link l : entities.urls()) {
            if (l.end() <= upTo) {
                ObjectNode item = urls.addObject().put("url", l.url()).put("expanded_url", l.expandedUrl())
                        .put("display_url", l.displayUrl());
                item.putArray("indices").add(l.start()).add(l.end());
            }
        }
        node.putArray("symbols");
        ArrayNode mentions = node.putArray("user_mentions");
        for (Entities.Mention m : entities.mentions()) {
            if (m.end() <= upTo) {
                XUser user = users.apply(m.id());
                ObjectNode item = mentions.addObject();
                item.put("id", new java.math.BigInteger(m.id()));
                item.put("id_str", m.id());
                item.put("screen_name", m.username());
                item.put("name", user == null ? m.username() : user.name());
                item.putArray("indices").add(m.start()).add(m.end());
            }
        }
        return node;
    }

    /** One {@code direct_message_events} item (AAI; the same inside XAA's {@code dm.*} payloads, XEP). */
    static ObjectNode v1DirectMessage(DmEvent dm, String appId) {
        ObjectNode node = Json.object();
        node.put("type", "message_create");
        node.put("id", dm.id());
        node.put("created_timestamp", Long.toString(dm.createdAt().toEpochMilli()));
        ObjectNode create = node.putObject("message_create");
        create.putObject("target").put("recipient_id", dm.recipientId());
        create.put("sender_id", dm.senderId());
        if (appId != null) {
            create.put("source_app_id", appId);
        }
        ObjectNode data = create.putObject("message_data");
        data.put("text", Text.escapeHtml(dm.text()));
        ObjectNode entities = data.putObject("entities");
        entities.putArray("hashtags");
        entities.putArray("symbols");
        entities.putArray("user_mentions");
        entities.putArray("urls");
        return node;
    }

    // ---------- Account Activity envelopes (§7) ----------

    static ObjectNode aaaTweet(String forUserId, Boolean userHasBlocked, ObjectNode tweet) {
        ObjectNode node = Json.object();
        node.put("for_user_id", forUserId);
        if (userHasBlocked != null) {
            // AAI's examples carry it as a string ("false"); the desk must read either form.
            node.put("user_has_blocked", userHasBlocked.toString());
        }
        node.putArray("tweet_create_events").add(tweet);
        return node;
    }

    static ObjectNode aaaDirectMessage(String forUserId, DmEvent dm, String appId, String appName,
                                       Collection<XUser> users) {
        ObjectNode node = Json.object();
        node.put("for_user_id", forUserId);
        node.putArray("direct_message_events").add(v1DirectMessage(dm, dm.viaApi() ? appId : null));
        if (dm.viaApi()) {
            node.putObject("apps").putObject(appId).put("id", appId).put("name", appName).put("url", "https://example.invalid/app");
        }
        ObjectNode map = node.putObject("users");
        for (XUser user : users) {
            map.set(user.id(), v1User(user));
        }
        return node;
    }

    static ObjectNode aaaTweetDelete(String forUserId, Post post, Instant at) {
        ObjectNode node = Json.object();
        node.put("for_user_id", forUserId);
        ObjectNode item = node.putArray("tweet_delete_events").addObject();
        item.putObject("status").put("id", post.id()).put("user_id", post.authorId());
        item.put("timestamp_ms", Long.toString(at.toEpochMilli()));
        return node;
    }

    static ObjectNode aaaBlock(String forUserId, boolean block, XUser source, XUser target, Instant at) {
        ObjectNode node = Json.object();
        node.put("for_user_id", forUserId);
        // AAI: unblocks reuse the block_events key with "type": "unblock".
        ObjectNode item = node.putArray("block_events").addObject();
        item.put("type", block ? "block" : "unblock");
        item.put("created_timestamp", Long.toString(at.toEpochMilli()));
        item.set("source", v1User(source));
        item.set("target", v1User(target));
        return node;
    }

    static ObjectNode aaaRevoke(String appId, String userId, Instant at) {
        ObjectNode node = Json.object();
        ObjectNode revoke = node.putObject("user_event").putObject("revoke");
        revoke.put("date_time", OFFSET_TIME.format(at));
        revoke.putObject("target").put("app_id", appId);
        revoke.putObject("source").put("user_id", userId);
        return node;
    }

    // ---------- X Activity API (§8) ----------

    /** XAA's user object (XEP): counts twice, as numbers and {@code *_str}. */
    static ObjectNode xaaUser(XUser user) {
        ObjectNode node = Json.object();
        node.put("id", user.id());
        node.put("username", user.username());
        node.put("name", user.name());
        node.put("protected", false);
        node.put("verified", false);
        node.put("verified_type", "none");
        node.put("description", "");
        node.put("created_at", "2019-09-02T10:00:00.000Z");
        ObjectNode metrics = node.putObject("public_metrics");
        for (String name : new String[]{"followers_count", "following_count", "tweet_count", "listed_count", "like_count", "media_count"}) {
            metrics.put(name, 0);
            metrics.put(name + "_str", "0");
        }
        return node;
    }

    static ObjectNode wrapped(ObjectNode user) {
        ObjectNode node = Json.object();
        node.set("data", user);
        return node;
    }

    /** XAA's Post payload (XEP {@code post.create}, {@code post.mention.create}). */
    static ObjectNode xaaPost(Post post) {
        ObjectNode node = Json.object();
        ObjectNode metrics = node.putObject("public_metrics");
        for (String name : new String[]{"retweet_count", "reply_count", "like_count", "quote_count", "bookmark_count", "impression_count"}) {
            metrics.put(name, 0);
            metrics.put(name + "_str", "0");
        }
        node.put("lang", "en");
        node.put("created_at", v2Time(post.createdAt()));
        node.put("author_id", post.authorId());
        node.put("reply_settings", "everyone");
        node.putArray("display_text_range").add(0).add(Text.codePoints(post.text()));
        node.put("paid_partnership", false);
        node.put("id", post.id());
        node.put("possibly_sensitive", false);
        node.putArray("edit_history_tweet_ids").add(post.id());
        node.put("conversation_id", post.conversationId());
        node.put("text", Text.escapeHtml(post.text()));
        if (post.inReplyToUserId() != null) {
            node.put("in_reply_to_user_id", post.inReplyToUserId());
        }
        ArrayNode refs = referencedTweets(post);
        if (!refs.isEmpty()) {
            node.set("referenced_tweets", refs);
        }
        ObjectNode entities = v2Entities(post.entities(), true);
        if (!entities.isEmpty()) {
            node.set("entities", entities);
        }
        ObjectNode edit = node.putObject("edit_controls");
        edit.put("edits_remaining", 5);
        edit.put("edits_remaining_str", "5");
        edit.put("is_edit_eligible", true);
        edit.put("editable_until", v2Time(post.createdAt().plusSeconds(3600)));
        return node;
    }

    /** The XAA envelope (§8.2): {@code data.event_uuid, filter, event_type, tag, payload, includes}. */
    static ObjectNode xaaEnvelope(String eventUuid, ObjectNode filter, String eventType, String tag,
                                  ObjectNode payload, ObjectNode includes) {
        ObjectNode data = Json.object();
        data.put("event_uuid", eventUuid);
        data.set("filter", filter);
        data.put("event_type", eventType);
        if (tag != null) {
            data.put("tag", tag);
        }
        data.set("payload", payload);
        if (includes != null) {
            data.set("includes", includes);
        }
        ObjectNode node = Json.object();
        node.set("data", data);
        return node;
    }
}
