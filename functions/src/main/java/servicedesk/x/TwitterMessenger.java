package servicedesk.x;

import servicedesk.notify.Delivery;
import servicedesk.notify.Messenger;
import twitter4j.JSONObject;

/**
 * {@link Messenger} on the X API v2: {@code POST /2/dm_conversations/with/{user_id}/messages} for direct
 * messages and {@code POST /2/tweets} for posts and replies, as the IT account.
 */
public final class TwitterMessenger implements Messenger {
    private final XApi api;

    public TwitterMessenger(XApi api) {
        this.api = api;
    }

    @Override
    public Delivery directMessage(String recipientId, String text) {
        if (!recipientId.matches("\\d{1,19}")) {
            return new Delivery.Refused(400, "recipient is not an X user id");
        }
        return send("/2/dm_conversations/with/" + recipientId + "/messages", new JSONObject().put("text", text),
                "dm_event_id");
    }

    @Override
    public Delivery reply(String inReplyToTweetId, String text) {
        JSONObject body = new JSONObject()
                .put("text", text)
                .put("reply", new JSONObject().put("in_reply_to_tweet_id", inReplyToTweetId));
        return send("/2/tweets", body, "id");
    }

    @Override
    public Delivery post(String text) {
        return send("/2/tweets", new JSONObject().put("text", text), "id");
    }

    private Delivery send(String path, JSONObject body, String idField) {
        try {
            XApi.Reply reply = api.postAsUser(path, body);
            JSONObject data = reply.body().optJSONObject("data");
            return new Delivery.Sent(data == null ? "" : data.optString(idField, ""), reply.limit());
        } catch (XApi.CallFailed failed) {
            return switch (failed.kind()) {
                case REJECTED -> new Delivery.Refused(failed.status(), failed.getMessage());
                case RATE_LIMITED -> new Delivery.RateLimited(failed.retryAt());
                case UNAVAILABLE -> new Delivery.Unavailable(failed.getMessage());
                case UNCERTAIN -> new Delivery.Uncertain(failed.getMessage());
            };
        }
    }
}
