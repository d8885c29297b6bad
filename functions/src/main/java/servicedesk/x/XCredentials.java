package servicedesk.x;

import java.util.Map;
import servicedesk.format.JsonText;
import servicedesk.settings.Environment;

/**
 * The IT account's X credentials. In a deployment they live in Secrets Manager (the secret named by
 * {@code TWITTER_SECRET_ARN}, a JSON object with these field names); on a developer's machine they may
 * come from environment variables instead. {@code clientSecret} is the app's OAuth 2.0 client secret (X
 * signs webhooks with it); {@code consumerSecret} the OAuth 1.0 one (the legacy webhook key, and half of
 * the user-context signature). Never printed: {@link #toString()} hides them.
 */
public record XCredentials(String consumerKey, String consumerSecret, String accessToken,
                           String accessTokenSecret, String bearerToken, String clientSecret) {

    public XCredentials {
        consumerKey = orEmpty(consumerKey);
        consumerSecret = orEmpty(consumerSecret);
        accessToken = orEmpty(accessToken);
        accessTokenSecret = orEmpty(accessTokenSecret);
        bearerToken = orEmpty(bearerToken);
        clientSecret = orEmpty(clientSecret);
    }

    /** Without an OAuth 2.0 client secret: the app signs webhooks with its consumer secret only. */
    public XCredentials(String consumerKey, String consumerSecret, String accessToken, String accessTokenSecret,
                        String bearerToken) {
        this(consumerKey, consumerSecret, accessToken, accessTokenSecret, bearerToken, "");
    }

    /** Enough to check a webhook's signatures and answer its CRC. */
    public boolean canVerifyWebhooks() {
        return !consumerSecret.isEmpty() || !clientSecret.isEmpty();
    }

    public static XCredentials fromSecret(String json) {
        try {
            Map<String, String> secret = JsonText.stringFields(json);
            return new XCredentials(secret.get("consumerKey"), secret.get("consumerSecret"), secret.get("accessToken"),
                    secret.get("accessTokenSecret"), secret.get("bearerToken"), secret.get("clientSecret"));
        } catch (Exception e) {
            // The message must not echo the secret's content.
            throw new IllegalStateException("The X credentials secret is not the expected JSON object");
        }
    }

    public static XCredentials fromEnvironment(Environment environment) {
        return new XCredentials(
                environment.orDefault("TWITTER_CONSUMER_KEY", ""),
                environment.orDefault("TWITTER_CONSUMER_SECRET", ""),
                environment.orDefault("TWITTER_ACCESS_TOKEN", ""),
                environment.orDefault("TWITTER_ACCESS_TOKEN_SECRET", ""),
                environment.orDefault("TWITTER_BEARER_TOKEN", ""),
                environment.orDefault("TWITTER_CLIENT_SECRET", ""));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    @Override
    public String toString() {
        return "XCredentials[hidden]";
    }
}
