package servicedesk.x;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import twitter4j.HttpParameter;
import twitter4j.JSONObject;

/**
 * The reads reconciliation makes, as the IT account (OAuth 1.0a user context): its mentions
 * ({@code GET /2/users/:id/mentions}, §4: 300 per 15 minutes, an "owned read" at $0.001 a post) and its
 * DM events ({@code GET /2/dm_events}, §3: 15 per 15 minutes, $0.010 an event). Fields and expansions
 * are asked for by their classic wire names ({@code tweet.fields}, {@code referenced_tweets}), which every
 * X page and example uses.
 */
public final class XReads {
    /**
     * {@code note_tweet} holds a long-form post's whole text and entities ({@code text} and {@code entities} are
     * then cut short, DD); {@link XActivityParser#post} prefers it, as for a delivered post.
     */
    static final String TWEET_FIELDS = "author_id,conversation_id,created_at,entities,in_reply_to_user_id,note_tweet,referenced_tweets";
    static final String DM_FIELDS = "id,event_type,text,sender_id,dm_conversation_id,created_at";

    private final XApi api;

    public XReads(XApi api) {
        this.api = api;
    }

    /**
     * One page of the account's mentions, newest first: after {@code sinceId} when known, else from
     * {@code startTime}; {@code paginationToken} continues a listing.
     */
    public JSONObject mentions(String accountId, String sinceId, Instant startTime, String paginationToken)
            throws XApi.CallFailed {
        List<HttpParameter> query = new ArrayList<>(List.of(
                new HttpParameter("max_results", 100),
                new HttpParameter("tweet.fields", TWEET_FIELDS),
                new HttpParameter("expansions", "author_id"),
                new HttpParameter("user.fields", "username")));
        if (sinceId != null) {
            query.add(new HttpParameter("since_id", sinceId));
        } else if (startTime != null) {
            query.add(new HttpParameter("start_time", startTime.truncatedTo(ChronoUnit.SECONDS).toString()));
        }
        if (paginationToken != null) {
            query.add(new HttpParameter("pagination_token", paginationToken));
        }
        return get("/2/users/" + accountId + "/mentions", query);
    }

    /** One page of the account's DM events (messages only), newest first; X keeps 30 days of them. */
    public JSONObject directMessages(int maxResults, String paginationToken) throws XApi.CallFailed {
        List<HttpParameter> query = new ArrayList<>(List.of(
                new HttpParameter("max_results", maxResults),
                new HttpParameter("event_types", "MessageCreate"),
                new HttpParameter("dm_event.fields", DM_FIELDS),
                new HttpParameter("expansions", "sender_id"),
                new HttpParameter("user.fields", "username")));
        if (paginationToken != null) {
            query.add(new HttpParameter("pagination_token", paginationToken));
        }
        return get("/2/dm_events", query);
    }

    private JSONObject get(String path, List<HttpParameter> query) throws XApi.CallFailed {
        HttpParameter[] parameters = query.toArray(HttpParameter[]::new);
        return XApi.call(() -> api.http().get(api.baseUrl() + path, parameters, api.user(), null)).body();
    }
}
