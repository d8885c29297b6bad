package servicedesk.golive;

import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import servicedesk.format.Json;
import servicedesk.lambda.AwsClients;
import servicedesk.settings.Environment;
import servicedesk.x.WebhookSignature;
import servicedesk.x.XApi;
import servicedesk.x.XCredentialSource;
import servicedesk.x.XCredentials;
import twitter4j.JSONArray;
import twitter4j.JSONObject;

/**
 * The step after {@code sam deploy}: checks that the deployed webhook answers X's CRC challenge with the
 * consumer secret X will use, registers it with X ({@code POST /2/webhooks}, or re-validates it when it
 * is already registered) and subscribes the IT account to it
 * ({@code POST /2/account_activity/webhooks/{id}/subscriptions/all}).
 */
public final class GoLive {
    public static final class Failed extends Exception {
        Failed(String message) {
            super(message);
        }
    }

    private final XApi x;
    private final XCredentials credentials;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public GoLive(XApi x, XCredentials credentials, PrintStream out) {
        this.x = x;
        this.credentials = credentials;
        this.out = out;
    }

    public static void main(String[] args) {
        String url = args.length == 2 && args[0].equals("--url") ? args[1] : null;
        if (url == null) {
            System.err.println("usage: infra/go-live --url https://<api-id>.execute-api.<region>.amazonaws.com/webhooks/twitter");
            System.exit(2);
        }
        Environment environment = Environment.ofProcess();
        try {
            XCredentials credentials = XCredentialSource.of(environment, new AwsClients(environment)::secretsManager).current();
            XApi x = new XApi(environment.orDefault("TWITTER_API_BASE_URL", XApi.DEFAULT_BASE_URL), credentials);
            String webhookId = new GoLive(x, credentials, System.out).run(url);
            System.out.println("Live: webhook " + webhookId + " is registered and the IT account is subscribed.");
        } catch (Failed | RuntimeException failure) {
            System.err.println("go-live failed: " + failure.getMessage());
            System.exit(1);
        }
    }

    /** @return the X webhook id */
    public String run(String webhookUrl) throws Failed {
        checkCrc(webhookUrl);
        String id = register(webhookUrl);
        try {
            x.postAsUser("/2/account_activity/webhooks/" + id + "/subscriptions/all");
        } catch (XApi.CallFailed failed) {
            throw new Failed("X refused the subscription of the IT account (" + failed.status() + "): " + failed.getMessage());
        }
        out.println("Subscribed the IT account to webhook " + id);
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

    private String register(String webhookUrl) throws Failed {
        try {
            JSONObject created = x.postAsApp("/2/webhooks", new JSONObject().put("url", webhookUrl)).body();
            JSONObject webhook = created.optJSONObject("data") != null ? created.optJSONObject("data") : created;
            String id = webhook.optString("id", "");
            if (id.isEmpty()) {
                throw new Failed("X registered the webhook but gave no id");
            }
            out.println("Registered webhook " + id + " for " + webhookUrl);
            return id;
        } catch (XApi.CallFailed failed) {
            if (failed.kind() == XApi.CallFailed.Kind.REJECTED && failed.getMessage().contains("Duplicate")) {
                return revalidate(webhookUrl);
            }
            throw new Failed("X refused to register the webhook (" + failed.status() + "): " + failed.getMessage());
        }
    }

    /** The URL is already registered: find its id and have X run the CRC check again. */
    private String revalidate(String webhookUrl) throws Failed {
        try {
            JSONArray webhooks = x.getAsApp("/2/webhooks").body().optJSONArray("data");
            for (int i = 0; webhooks != null && i < webhooks.length(); i++) {
                JSONObject webhook = webhooks.getJSONObject(i);
                if (webhookUrl.equals(webhook.optString("url"))) {
                    String id = webhook.getString("id");
                    x.putAsApp("/2/webhooks/" + id);
                    out.println("Webhook " + id + " was already registered; X re-validated it");
                    return id;
                }
            }
            throw new Failed("X says the URL is registered, but it is not among this app's webhooks");
        } catch (XApi.CallFailed | twitter4j.JSONException failed) {
            throw new Failed("Could not re-validate the registered webhook: " + failed.getMessage());
        }
    }
}
