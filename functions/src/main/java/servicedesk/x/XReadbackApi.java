package servicedesk.x;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import servicedesk.intake.XReadback;
import twitter4j.JSONArray;
import twitter4j.JSONException;
import twitter4j.JSONObject;

/**
 * {@link XReadback} on X's reads ({@link XReads}). Each post or DM event becomes the X Activity API envelope
 * X would have delivered for it (§8.3: {@code post.mention.create} with the v2 post and its author in
 * {@code includes.users}; {@code dm.received} with the legacy {@code direct_message_events} shape, built
 * from the v2 DM event), so the processor reads recovered events like any other delivery.
 */
public final class XReadbackApi implements XReadback {
    /** DM events cost $0.010 each to read (§12): small pages, read down to the cursor only. */
    static final int DM_PAGE = 20;

    private final XReads reads;
    private final String accountId;

    public XReadbackApi(XReads reads, String accountId) {
        this.reads = reads;
        this.accountId = accountId;
    }

    @Override
    public Page mentions(String sinceId, Instant startTime, String next) throws Unavailable {
        JSONObject answer = read(() -> reads.mentions(accountId, sinceId, startTime, next));
        try {
            JSONArray users = answer.optJSONObject("includes") == null ? new JSONArray()
                    : answer.getJSONObject("includes").optJSONArray("users");
            List<Item> items = new ArrayList<>();
            JSONArray data = answer.optJSONArray("data");
            for (int i = 0; data != null && i < data.length(); i++) {
                JSONObject post = data.getJSONObject(i);
                JSONObject envelope = new JSONObject().put("data", new JSONObject()
                        .put("event_type", "post.mention.create")
                        .put("filter", new JSONObject().put("user_id", accountId))
                        .put("tag", "reconciliation")
                        .put("payload", post)
                        .put("includes", new JSONObject().put("users", users == null ? new JSONArray() : users)));
                String id = post.getString("id");
                items.add(new Item(id, AccountActivityParser.isoTime(post.optString("created_at", "")), "tweet:" + id,
                        envelope.toString()));
            }
            return new Page(items, nextToken(answer));
        } catch (JSONException unreadable) {
            throw new Unavailable("X's mentions answer was not as documented");
        }
    }

    @Override
    public Page directMessages(String next) throws Unavailable {
        JSONObject answer = read(() -> reads.directMessages(DM_PAGE, next));
        try {
            List<Item> items = new ArrayList<>();
            JSONArray data = answer.optJSONArray("data");
            for (int i = 0; data != null && i < data.length(); i++) {
                JSONObject event = data.getJSONObject(i);
                String id = event.getString("id");
                Instant at = AccountActivityParser.isoTime(event.optString("created_at", ""));
                String sender = event.optString("sender_id", "");
                if (sender.equals(accountId) || !"MessageCreate".equals(event.optString("event_type", "MessageCreate"))) {
                    items.add(new Item(id, at, null, null));
                    continue;
                }
                JSONObject message = new JSONObject()
                        .put("type", "message_create")
                        .put("id", id)
                        .put("created_timestamp", at == null ? "" : Long.toString(at.toEpochMilli()))
                        .put("message_create", new JSONObject()
                                .put("target", new JSONObject().put("recipient_id", accountId))
                                .put("sender_id", sender)
                                .put("message_data", new JSONObject().put("text", event.optString("text", ""))));
                JSONObject envelope = new JSONObject().put("data", new JSONObject()
                        .put("event_type", "dm.received")
                        .put("filter", new JSONObject().put("user_id", accountId))
                        .put("tag", "reconciliation")
                        .put("payload", new JSONObject().put("direct_message_events", new JSONArray().put(message))));
                items.add(new Item(id, at, "dm:" + id, envelope.toString()));
            }
            return new Page(items, nextToken(answer));
        } catch (JSONException unreadable) {
            throw new Unavailable("X's DM events answer was not as documented");
        }
    }

    private interface Read {
        JSONObject get() throws XApi.CallFailed;
    }

    private static JSONObject read(Read read) throws Unavailable {
        try {
            return read.get();
        } catch (XApi.CallFailed failed) {
            throw new Unavailable(failed.kind() + " " + failed.status());
        }
    }

    private static String nextToken(JSONObject answer) {
        JSONObject meta = answer.optJSONObject("meta");
        String token = meta == null ? "" : meta.optString("next_token", "");
        return token.isEmpty() ? null : token;
    }
}
