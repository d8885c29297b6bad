package servicedesk.x;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import servicedesk.intake.XReadback;
import servicedesk.intake.XWebhooks;
import twitter4j.JSONArray;
import twitter4j.JSONObject;

/**
 * {@link XWebhooks} on X's webhooks API: {@code GET /2/webhooks} and {@code PUT /2/webhooks/:id} (§6.2, §6.3,
 * app bearer), the IT account's Account Activity subscription ({@code GET …/subscriptions/all}, §7, user
 * context) or its X Activity API subscriptions ({@code GET /2/activity/subscriptions}, §8.1), and
 * {@code POST /2/webhooks/replay} (§6.5).
 */
public final class XWebhooksApi implements XWebhooks {
    /** X's replay takes UTC minutes as {@code yyyymmddhhmm} (§6.5). */
    public static final DateTimeFormatter REPLAY_DATE = DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);

    private final XAppCalls x;
    private final String accountId;

    public XWebhooksApi(XAppCalls x, String accountId) {
        this.x = x;
        this.accountId = accountId;
    }

    @Override
    public List<Webhook> webhooks() throws XReadback.Unavailable {
        JSONArray data = answered(x.getAsApp("/2/webhooks")).optJSONArray("data");
        List<Webhook> webhooks = new ArrayList<>();
        for (int i = 0; data != null && i < data.length(); i++) {
            JSONObject webhook = data.optJSONObject(i);
            if (webhook != null && !webhook.optString("id").isEmpty()) {
                webhooks.add(new Webhook(webhook.optString("id"), webhook.optBoolean("valid", false)));
            }
        }
        return webhooks;
    }

    /** X answers 200 even when the CRC failed: {@code data.valid} says whether it passed (§6.3). */
    @Override
    public boolean revalidate(String webhookId) throws XReadback.Unavailable {
        JSONObject data = answered(x.putAsApp("/2/webhooks/" + webhookId)).optJSONObject("data");
        return data != null && data.optBoolean("valid", false);
    }

    @Override
    public boolean subscribed(String webhookId) throws XReadback.Unavailable {
        XAppCalls.Answer accountActivity = x.getAsUser("/2/account_activity/webhooks/" + webhookId + "/subscriptions/all");
        if (accountActivity.ok() && accountActivity.body().optJSONObject("data") != null
                && accountActivity.body().getJSONObject("data").optBoolean("subscribed", false)) {
            return true;
        }
        JSONArray subscriptions = answered(x.getAsApp("/2/activity/subscriptions")).optJSONArray("data");
        for (int i = 0; subscriptions != null && i < subscriptions.length(); i++) {
            JSONObject subscription = subscriptions.optJSONObject(i);
            JSONObject filter = subscription == null ? null : subscription.optJSONObject("filter");
            if (filter != null && accountId.equals(filter.optString("user_id")) && webhookId.equals(subscription.optString("webhook_id"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void replay(String webhookId, Instant from, Instant to) throws XReadback.Unavailable {
        answered(requestReplay(webhookId, REPLAY_DATE.format(from), REPLAY_DATE.format(to)));
    }

    /** {@code POST /2/webhooks/replay} with X's own date strings; the answer as X gave it (go-live shows refusals). */
    public XAppCalls.Answer requestReplay(String webhookId, String from, String to) {
        return x.postAsApp("/2/webhooks/replay", new JSONObject()
                .put("webhook_id", webhookId).put("from_date", from).put("to_date", to));
    }

    private static JSONObject answered(XAppCalls.Answer answer) throws XReadback.Unavailable {
        if (!answer.ok()) {
            throw new XReadback.Unavailable("X answered " + answer.status() + ": " + answer.reason());
        }
        return answer.body();
    }
}
