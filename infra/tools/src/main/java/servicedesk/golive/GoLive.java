package servicedesk.golive;

import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import servicedesk.format.Json;
import servicedesk.lambda.AwsClients;
import servicedesk.settings.Environment;
import servicedesk.x.WebhookSignature;
import servicedesk.x.XApi;
import servicedesk.x.XAppCalls;
import servicedesk.x.XWebhooksApi;
import servicedesk.x.XCredentialSource;
import servicedesk.x.XCredentials;
import twitter4j.JSONArray;
import twitter4j.JSONObject;

/**
 * The step after {@code sam deploy}, safe to run again: checks that the deployed webhook answers X's CRC with
 * the secret X will use; makes sure X has it registered and valid ({@code GET /2/webhooks}, then
 * {@code POST /2/webhooks}, or {@code PUT /2/webhooks/:id} to re-validate, or with {@code --replace} the
 * app's other webhook removed first, since pay-per-use allows one); and makes sure the IT account is
 * subscribed (Account Activity, or with {@code --activity-api} the X Activity API's subscriptions).
 * {@code --replay-from}/{@code --replay-to} ask X to redeliver a window of the last 24 hours after downtime.
 * A run with nothing to change changes nothing; whatever X refuses is said with X's own reason.
 */
public final class GoLive {
    /** The X Activity API events the desk takes in (§8.1); revocations come without a subscription. */
    static final List<String> ACTIVITY_EVENTS = List.of("post.mention.create", "dm.received", "block.block", "block.unblock");
    static final String TAG = "service-desk";

    public static final class Failed extends Exception {
        Failed(String message) {
            super(message);
        }
    }

    /** What to do: {@code replayFrom}/{@code replayTo} as X's {@code yyyymmddhhmm} UTC, or null. */
    public record Request(String webhookUrl, boolean replace, boolean activityApi, String replayFrom, String replayTo) {
        public static Request of(String webhookUrl) {
            return new Request(webhookUrl, false, false, null, null);
        }

        static Request parse(String[] args) {
            String url = null;
            String from = null;
            String to = null;
            boolean replace = false;
            boolean activity = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--url" -> url = i + 1 < args.length ? args[++i] : null;
                    case "--replace" -> replace = true;
                    case "--activity-api" -> activity = true;
                    case "--replay-from" -> from = i + 1 < args.length ? args[++i] : null;
                    case "--replay-to" -> to = i + 1 < args.length ? args[++i] : null;
                    default -> {
                        return null;
                    }
                }
            }
            boolean replayOk = (from == null) == (to == null) && (from == null || (from.matches("[0-9]{12}") && to.matches("[0-9]{12}")));
            return url == null || !replayOk ? null : new Request(url, replace, activity, from, to);
        }
    }

    private final XAppCalls x;
    private final XCredentials credentials;
    private final String accountId;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public GoLive(XApi x, XCredentials credentials, String accountId, PrintStream out) {
        this.x = new XAppCalls(x);
        this.credentials = credentials;
        this.accountId = accountId;
        this.out = out;
    }

    public static void main(String[] args) {
        Request request = Request.parse(args);
        if (request == null) {
            System.err.println("usage: infra/go-live --url https://<api-id>.execute-api.<region>.amazonaws.com/webhooks/twitter"
                    + " [--replace] [--activity-api] [--replay-from yyyymmddhhmm --replay-to yyyymmddhhmm]");
            System.exit(2);
        }
        Environment environment = Environment.ofProcess();
        try {
            XCredentials credentials = XCredentialSource.of(environment, new AwsClients(environment)::secretsManager).current();
            XApi x = new XApi(environment.orDefault("TWITTER_API_BASE_URL", XApi.DEFAULT_BASE_URL), credentials);
            String webhookId = new GoLive(x, credentials, environment.require("TWITTER_ACCOUNT_ID"), System.out).run(request);
            System.out.println("Live: webhook " + webhookId + " is registered and valid, and the IT account is subscribed.");
        } catch (Failed | RuntimeException failure) {
            System.err.println("go-live failed: " + failure.getMessage());
            System.exit(1);
        }
    }

    /** @return the X webhook id */
    public String run(Request request) throws Failed {
        checkCrc(request.webhookUrl());
        String id = webhook(request);
        if (request.activityApi()) {
            subscribeActivity(id);
        } else {
            subscribeAccountActivity(id);
        }
        if (request.replayFrom() != null) {
            replay(id, request.replayFrom(), request.replayTo());
        }
        return id;
    }

    /** Asks the deployed webhook the CRC question X will ask, and checks its answer. */
    private void checkCrc(String webhookUrl) throws Failed {
        String token = UUID.randomUUID().toString().replace("-", "");
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(webhookUrl + "?crc_token="
                    + URLEncoder.encode(token, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String expected = new WebhookSignature(credentials.consumerSecret(), credentials.clientSecret()).crcResponseToken(token);
            String given = answer.statusCode() == 200
                    ? Json.MAPPER.readTree(answer.body()).path("response_token").asText() : "";
            if (!expected.equals(given)) {
                throw new Failed("The webhook at " + webhookUrl + " answered the CRC check with HTTP " + answer.statusCode()
                        + " and a token that does not match the client secret (or, without one, the consumer secret): is the secret in place?");
            }
            out.println("CRC check passed at " + webhookUrl);
        } catch (java.io.IOException e) {
            throw new Failed("Cannot reach " + webhookUrl + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("Interrupted");
        }
    }

    /** The webhook registered and valid: found, re-validated, created, or replacing the app's other one. */
    private String webhook(Request request) throws Failed {
        String url = request.webhookUrl();
        JSONArray webhooks = webhooks();
        List<JSONObject> others = new ArrayList<>();
        for (int i = 0; i < webhooks.length(); i++) {
            JSONObject webhook = webhooks.getJSONObject(i);
            if (url.equals(webhook.optString("url"))) {
                return webhook.optBoolean("valid", false) ? unchanged(webhook) : revalidate(webhook.getString("id"));
            }
            others.add(webhook);
        }
        if (!others.isEmpty() && !request.replace()) {
            throw new Failed("X already has this app's webhook at " + others.get(0).optString("url") + " (id "
                    + others.get(0).optString("id") + "), and pay-per-use allows one: run again with --replace to remove it"
                    + " and register " + url);
        }
        for (JSONObject other : others) {
            XAppCalls.Answer deleted = x.deleteAsApp("/2/webhooks/" + other.getString("id"));
            if (!deleted.ok()) {
                throw new Failed("X refused to remove webhook " + other.optString("id") + " (" + deleted.status() + "): " + deleted.message());
            }
            out.println("Removed webhook " + other.optString("id") + " at " + other.optString("url"));
        }
        XAppCalls.Answer created = x.postAsApp("/2/webhooks", new JSONObject().put("url", url));
        if (!created.ok()) {
            throw new Failed("X refused to register " + url + " (" + created.status() + ", " + created.reason() + "): "
                    + created.message() + hint(created.reason()));
        }
        JSONObject webhook = created.body().optJSONObject("data");
        String id = webhook == null ? "" : webhook.optString("id", "");
        if (id.isEmpty()) {
            throw new Failed("X registered the webhook but gave no id");
        }
        out.println("Registered webhook " + id + " for " + url);
        return id;
    }

    private String unchanged(JSONObject webhook) {
        out.println("Webhook " + webhook.getString("id") + " is registered and valid: unchanged");
        return webhook.getString("id");
    }

    private JSONArray webhooks() throws Failed {
        XAppCalls.Answer listed = x.getAsApp("/2/webhooks");
        if (!listed.ok()) {
            throw new Failed("X refused to list the app's webhooks (" + listed.status() + "): " + listed.message()
                    + (listed.status() == 401 ? " (check the bearer token in the secret: it is sent exactly as issued)" : ""));
        }
        JSONArray data = listed.body().optJSONArray("data");
        return data == null ? new JSONArray() : data;
    }

    /**
     * A failed CRC is X's 400 {@code CrcValidationFailed} (WQ); a 200's {@code data.valid} may say so too.
     */
    private String revalidate(String id) throws Failed {
        XAppCalls.Answer put = x.putAsApp("/2/webhooks/" + id);
        boolean crcFailed = put.status() == 400 && "CrcValidationFailed".equals(put.reason());
        if (!put.ok() && !crcFailed) {
            throw new Failed("X refused to re-validate webhook " + id + " (" + put.status() + ", " + put.reason() + "): " + put.message());
        }
        boolean valid = !crcFailed && put.body().optJSONObject("data") != null && put.body().getJSONObject("data").optBoolean("valid", false);
        if (!valid) {
            throw new Failed("X re-ran the CRC check on webhook " + id + " and still marks it invalid: check that the"
                    + " deployed webhook is reachable from the internet on HTTPS and answers with the app's secret");
        }
        out.println("Webhook " + id + " was registered but invalid; X re-validated it");
        return id;
    }

    private static String hint(String reason) {
        return switch (reason) {
            case "CrcValidationFailed" -> " (X could not check the CRC: the URL must be public HTTPS on port 443 and answer within 10 s)";
            case "UrlValidationFailed" -> " (X takes only a public https URL without a port)";
            case "WebhookLimitExceeded" -> " (the app has as many webhooks as its tier allows: run with --replace)";
            default -> "";
        };
    }

    private void subscribeAccountActivity(String webhookId) throws Failed {
        String path = "/2/account_activity/webhooks/" + webhookId + "/subscriptions/all";
        XAppCalls.Answer state = x.getAsUser(path);
        if (state.ok() && state.body().optJSONObject("data") != null && state.body().getJSONObject("data").optBoolean("subscribed")) {
            out.println("The IT account is subscribed to webhook " + webhookId + ": unchanged");
            return;
        }
        XAppCalls.Answer subscribed = x.postAsUser(path, null);
        if (!subscribed.ok() && !"DuplicateSubscriptionFailed".equals(subscribed.reason())) {
            throw new Failed("X refused to subscribe the IT account (" + subscribed.status() + ", " + subscribed.reason() + "): "
                    + subscribed.message());
        }
        out.println("Subscribed the IT account to webhook " + webhookId);
    }

    /** One subscription per event type the desk takes in, for the IT account, delivered to the webhook. */
    private void subscribeActivity(String webhookId) throws Failed {
        XAppCalls.Answer listed = x.getAsApp("/2/activity/subscriptions");
        if (!listed.ok()) {
            throw new Failed("X refused to list the app's activity subscriptions (" + listed.status() + "): " + listed.message());
        }
        Set<String> have = new LinkedHashSet<>();
        JSONArray data = listed.body().optJSONArray("data");
        for (int i = 0; data != null && i < data.length(); i++) {
            JSONObject subscription = data.getJSONObject(i);
            JSONObject filter = subscription.optJSONObject("filter");
            if (filter != null && accountId.equals(filter.optString("user_id")) && webhookId.equals(subscription.optString("webhook_id"))) {
                have.add(subscription.optString("event_type"));
            }
        }
        for (String eventType : ACTIVITY_EVENTS) {
            if (have.contains(eventType)) {
                out.println("Activity subscription " + eventType + " is in place: unchanged");
                continue;
            }
            // Private events need the IT account's own authorisation (§8.1): a user-context call.
            XAppCalls.Answer created = x.postAsUser("/2/activity/subscriptions", new JSONObject()
                    .put("event_type", eventType)
                    .put("filter", new JSONObject().put("user_id", accountId))
                    .put("tag", TAG)
                    .put("webhook_id", webhookId));
            if (created.status() == 401 || created.status() == 403) {
                // X's prose (XAI "Private Events") asks for the user's OAuth 2.0 authorisation with scopes; its
                // OpenAPI also lists OAuth 1.0a user context, which is all the desk holds.
                throw new Failed("X refused the " + eventType + " subscription (" + created.status() + ", " + created.reason()
                        + "): " + created.message() + ". X's Activity API asks for the IT account's OAuth 2.0 user "
                        + "authorisation (with scopes such as block.read) for private events; the desk signs with OAuth 1.0a "
                        + "and holds no OAuth 2.0 user token. Go live without --activity-api (Account Activity), and remove "
                        + "any subscriptions this run made for " + accountId + " if you keep the Activity API off.");
            }
            if (!created.ok() && !"DuplicateSubscriptionFailed".equals(created.reason())) {
                throw new Failed("X refused the " + eventType + " subscription (" + created.status() + ", " + created.reason() + "): "
                        + created.message());
            }
            out.println("Subscribed the IT account to " + eventType + " on webhook " + webhookId);
        }
    }

    /** Asks X to redeliver what it delivered or tried to deliver to the webhook in the window (§6.5). */
    private void replay(String webhookId, String from, String to) throws Failed {
        XAppCalls.Answer job = new XWebhooksApi(x, accountId).requestReplay(webhookId, from, to);
        if (!job.ok()) {
            throw new Failed("X refused the replay " + from + "–" + to + " (" + job.status() + ", " + job.reason() + "): " + job.message()
                    + " (X replays the last 24 hours; the window's start must be at least 31 minutes old and its end 10)");
        }
        JSONObject data = job.body().optJSONObject("data");
        out.println("Replay job " + (data == null ? "?" : data.optString("job_id")) + " redelivers " + from + "–" + to
                + " UTC to webhook " + webhookId + "; the desk takes each event once");
    }
}
