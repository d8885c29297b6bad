package servicedesk.x;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import servicedesk.notify.Channel;
import servicedesk.notify.Delivery;
import servicedesk.notify.Lookup;
import servicedesk.notify.Messenger;
import servicedesk.notify.OutboundMessage;
import twitter4j.JSONArray;
import twitter4j.JSONObject;

/**
 * {@link Messenger} on the X API v2, as the IT account (OAuth 1.0a user context): {@code POST
 * /2/dm_conversations/with/{user_id}/messages} for DMs, {@code POST /2/tweets} for posts and replies,
 * {@code GET /2/users/me} as the probe, and the reads that settle an unknown outcome: {@code GET
 * /2/dm_conversations/with/{user_id}/dm_events} for a DM, {@code GET /2/users/{id}/tweets} for a post. Each
 * failure is put in the class the sender handles (see {@link Delivery}); the reference sections are in
 * docs/x-api-reference.md.
 */
public final class TwitterMessenger implements Messenger {
    /** DM events are billed per event read ($0.010) and allowed 15 reads per 15 minutes: read few, page little. */
    static final int DM_EVENTS_PER_PAGE = 10;
    static final int POSTS_PER_PAGE = 20;
    static final int MOST_PAGES = 3;

    private final XApi api;
    private final String accountId;

    public TwitterMessenger(XApi api, String accountId) {
        this.api = api;
        this.accountId = accountId;
    }

    @Override
    public Delivery directMessage(String recipientId, String text) {
        if (!recipientId.matches("\\d{1,19}")) {
            return new Delivery.Refused(Delivery.Refusal.INVALID, 400, "recipient is not an X user id", servicedesk.notify.RateLimit.NONE);
        }
        return send("/2/dm_conversations/with/" + recipientId + "/messages", new JSONObject().put("text", text),
                "dm_event_id", Channel.DIRECT_MESSAGE);
    }

    @Override
    public Delivery reply(String inReplyToTweetId, String text) {
        JSONObject body = new JSONObject()
                .put("text", text)
                .put("reply", new JSONObject().put("in_reply_to_tweet_id", inReplyToTweetId));
        return send("/2/tweets", body, "id", Channel.PUBLIC_REPLY);
    }

    @Override
    public Delivery post(String text) {
        return send("/2/tweets", new JSONObject().put("text", text), "id", Channel.TIMELINE_POST);
    }

    /**
     * §4 of the reference's rate table: {@code GET /2/users/me}, 75 per 15 minutes, one user read; where only a DM
     * read proves it, {@code GET /2/dm_events} with one result, 15 per 15 minutes (the probes back off well within it).
     */
    @Override
    public Delivery probe(Delivery.AccountProblem problem) {
        try {
            XApi.Reply reply = api.getAsUser(problem.provenByADmRead()
                    ? "/2/dm_events?max_results=1&event_types=MessageCreate" : "/2/users/me");
            return new Delivery.Sent(reply.body().optJSONObject("data") == null ? ""
                    : reply.body().getJSONObject("data").optString("id", ""), reply.limit());
        } catch (XApi.CallFailed failed) {
            return failure(failed, Channel.TIMELINE_POST, false);
        }
    }

    private Delivery send(String path, JSONObject body, String idField, Channel channel) {
        try {
            XApi.Reply reply = api.postAsUser(path, body);
            JSONObject data = reply.body().optJSONObject("data");
            return new Delivery.Sent(data == null ? "" : data.optString(idField, ""), reply.limit());
        } catch (XApi.CallFailed failed) {
            return failure(failed, channel, true);
        }
    }

    /**
     * §1, §2, §9: a 403 on a DM means the recipient does not take DMs from the account (OA's
     * {@code recipient-not-messageable}; DMI: their settings, or a block); on a post, X's words say a duplicate
     * or a reply under a post that is gone or hidden; any other 403 on a reply is the self-serve reply
     * restriction (its body is not documented). A 5xx on a write does not prove nothing was done.
     */
    private static Delivery failure(XApi.CallFailed failed, Channel channel, boolean write) {
        String reason = failed.getMessage();
        return switch (failed.kind()) {
            case ACCOUNT -> new Delivery.AccountFailed(accountProblem(failed), failed.status(), reason);
            case RATE_LIMITED -> new Delivery.RateLimited(failed.retryAt(), failed.limit());
            case REJECTED -> new Delivery.Refused(refusal(failed, channel), failed.status(), reason, failed.limit());
            case UNAVAILABLE -> write && failed.status() >= 500
                    ? new Delivery.Uncertain("X answered " + failed.status() + " after the request reached it")
                    : new Delivery.Unavailable(reason);
            case UNCERTAIN -> new Delivery.Uncertain(reason);
        };
    }

    private static Delivery.AccountProblem accountProblem(XApi.CallFailed failed) {
        return switch (failed.status()) {
            case 401 -> Delivery.AccountProblem.CREDENTIALS;
            case 402 -> Delivery.AccountProblem.CREDITS;
            case 429 -> Delivery.AccountProblem.USAGE_CAPPED;
            default -> Delivery.AccountProblem.FORBIDDEN;
        };
    }

    private static Delivery.Refusal refusal(XApi.CallFailed failed, Channel channel) {
        String reason = failed.getMessage().toLowerCase(java.util.Locale.ROOT);
        if (failed.status() != 403) {
            return channel == Channel.DIRECT_MESSAGE && failed.status() == 404
                    ? Delivery.Refusal.NOT_MESSAGEABLE : Delivery.Refusal.INVALID;
        }
        if (channel == Channel.DIRECT_MESSAGE) {
            return Delivery.Refusal.NOT_MESSAGEABLE;
        }
        if (reason.contains("duplicate")) {
            return Delivery.Refusal.DUPLICATE;
        }
        if (reason.contains("deleted or not visible")) {
            return Delivery.Refusal.NOT_VISIBLE;
        }
        return channel == Channel.PUBLIC_REPLY ? Delivery.Refusal.REPLY_NOT_ALLOWED : Delivery.Refusal.INVALID;
    }

    @Override
    public Lookup findSent(OutboundMessage message, Instant since) {
        try {
            return message.channel() == Channel.DIRECT_MESSAGE ? findDirectMessage(message, since) : findPost(message, since);
        } catch (XApi.CallFailed failed) {
            return new Lookup.Unknown(failed.getMessage(), failed.retryAt());
        }
    }

    /**
     * §3: the conversation's newest events first, {@code MessageCreate} only, with who sent each and when: ours
     * is an event from the account with the same text, no older than the attempt. Pages only while the events
     * are newer than the attempt.
     */
    private Lookup findDirectMessage(OutboundMessage message, Instant since) throws XApi.CallFailed {
        String query = "/2/dm_conversations/with/" + message.recipientId() + "/dm_events?max_results=" + DM_EVENTS_PER_PAGE
                + "&event_types=MessageCreate&dm_event.fields=created_at,sender_id,text";
        return find(query, since, event -> accountId.equals(event.optString("sender_id"))
                && same(event.optString("text"), message.text()));
    }

    /**
     * §5: the account's own posts since the attempt (an owned read), with what each replies to: ours has the
     * same text (X shortens links and escapes {@code & < >}) and, for a reply, the same parent.
     */
    private Lookup findPost(OutboundMessage message, Instant since) throws XApi.CallFailed {
        String query = "/2/users/" + accountId + "/tweets?max_results=" + POSTS_PER_PAGE
                + "&start_time=" + encode(DateTimeFormatter.ISO_INSTANT.format(since.truncatedTo(ChronoUnit.SECONDS)))
                + "&tweet.fields=created_at,referenced_tweets";
        String parent = message.channel() == Channel.PUBLIC_REPLY ? message.inReplyToTweetId() : null;
        return find(query, null, post -> same(post.optString("text"), message.text())
                && (parent == null || repliesTo(post, parent)));
    }

    private Lookup find(String query, Instant since, java.util.function.Predicate<JSONObject> ours) throws XApi.CallFailed {
        int read = 0;
        String page = null;
        for (int pages = 0; pages < MOST_PAGES; pages++) {
            XApi.Reply reply = api.getAsUser(query + (page == null ? "" : "&pagination_token=" + encode(page)));
            JSONArray data = reply.body().optJSONArray("data");
            boolean olderSeen = false;
            for (int i = 0; data != null && i < data.length(); i++) {
                JSONObject item = data.getJSONObject(i);
                read++;
                if (ours.test(item)) {
                    return new Lookup.Found(item.optString("id"), read);
                }
                String created = item.optString("created_at", "");
                olderSeen |= since != null && !created.isEmpty() && Instant.parse(created).isBefore(since);
            }
            JSONObject meta = reply.body().optJSONObject("meta");
            page = meta == null ? null : meta.optString("next_token", null);
            if (page == null || page.isEmpty() || olderSeen) {
                break;
            }
        }
        return new Lookup.NotFound(read);
    }

    private static boolean repliesTo(JSONObject post, String parent) {
        JSONArray references = post.optJSONArray("referenced_tweets");
        for (int i = 0; references != null && i < references.length(); i++) {
            JSONObject reference = references.getJSONObject(i);
            if ("replied_to".equals(reference.optString("type")) && parent.equals(reference.optString("id"))) {
                return true;
            }
        }
        return false;
    }

    /** The same text as X shows it: links shortened to t.co, {@code & < >} escaped, spaces trimmed. */
    static boolean same(String shown, String sent) {
        return normalised(shown).equals(normalised(sent));
    }

    private static String normalised(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
                .replaceAll("https?://\\S+", "<link>").replaceAll("\\s+", " ").strip();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
