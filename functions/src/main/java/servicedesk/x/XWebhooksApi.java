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

    private static final String CRC_FAILED = "CrcValidationFailed";

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

    /**
     * A failed CRC is X's documented 400 {@code CrcValidationFailed} (§6.3, WQ); a 200 carries {@code data.valid},
     * which may be false too. Either way the webhook stays invalid.
     */
    @Override
    public boolean revalidate(String webhookId) throws XReadback.Unavailable {
        XAppCalls.Answer answer = x.putAsApp("/2/webhooks/" + webhookId);
        if (answer.status() == 400 && CRC_FAILED.equals(answer.reason())) {
            return false;
        }
        JSONObject data = answered(answer).optJSONObject("data");
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

    /**
     * X's limits (429) and another job still running ({@code ReplayConflictError}) pass; any other 4xx
     * ({@code QueryParamInvalid}, {@code WebhookIdInvalid}, {@code CrcValidationFailed}, AAQ) is a refusal.
     */
    @Override
    public String replay(String webhookId, Instant from, Instant to) throws XReadback.Unavailable, XWebhooks.Refused {
        XAppCalls.Answer answer = requestReplay(webhookId, REPLAY_DATE.format(from), REPLAY_DATE.format(to));
        boolean refused = answer.status() >= 400 && answer.status() < 500 && answer.status() != 401 && answer.status() != 403
                && answer.status() != 429 && !"ReplayConflictError".equals(answer.reason());
        if (refused) {
            throw new XWebhooks.Refused(answer.reason(), "X answered " + answer.status() + ": " + answer.message());
        }
        JSONObject data = answered(answer).optJSONObject("data");
        return data == null ? "" : data.optString("job_id", "");
    }

    /** {@code POST /2/webhooks/replay} with X's own date strings; the answer as X gave it (go-live shows refusals). */
    public XAppCalls.Answer requestReplay(String webhookId, String from, String to) {
        return x.postAsApp("/2/webhooks/replay", new JSONObject()
                .put("webhook_id", webhookId).put("from_date", from).put("to_date", to));
    }

    private static JSONObject answered(XAppCalls.Answer answer) throws XReadback.Unavailable {
        if (answer.status() == 401 || answer.status() == 403) {
            throw new XWebhooks.CredentialsRefused("X answered " + answer.status() + ": " + answer.message());
        }
        if (!answer.ok()) {
            throw new XReadback.Unavailable("X answered " + answer.status() + ": " + answer.reason());
        }
        return answer.body();
    }
}
