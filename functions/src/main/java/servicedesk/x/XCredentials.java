package servicedesk.x;

import java.util.Map;
import servicedesk.wiring.Environment;
import servicedesk.wiring.JsonText;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The IT account's X credentials. In a deployment they live in Secrets Manager (the secret named by
 * {@code TWITTER_SECRET_ARN}, a JSON object with these field names); on a developer's machine they may
 * come from environment variables instead. Never printed: {@link #toString()} hides them.
 */
public record XCredentials(String consumerKey, String consumerSecret, String accessToken,
                           String accessTokenSecret, String bearerToken) {

    public static XCredentials load(Environment environment, SecretsManagerClient secrets) {
        return environment.optional("TWITTER_SECRET_ARN")
                .map(secretId -> fromSecret(secrets.getSecretValue(get -> get.secretId(secretId)).secretString()))
                .orElseGet(() -> fromEnvironment(environment));
    }

    public static XCredentials fromSecret(String json) {
        try {
            Map<String, String> secret = JsonText.stringFields(json);
            return new XCredentials(secret.getOrDefault("consumerKey", ""), secret.getOrDefault("consumerSecret", ""),
                    secret.getOrDefault("accessToken", ""), secret.getOrDefault("accessTokenSecret", ""),
                    secret.getOrDefault("bearerToken", ""));
        } catch (Exception e) {
            // The message must not echo the secret's content.
            throw new IllegalStateException("The X credentials secret is not the expected JSON object");
        }
    }

    public static XCredentials fromEnvironment(Environment environment) {
        return new XCredentials(
                environment.orDefault("TWITTER_CONSUMER_KEY", ""),
                environment.require("TWITTER_CONSUMER_SECRET"),
                environment.orDefault("TWITTER_ACCESS_TOKEN", ""),
                environment.orDefault("TWITTER_ACCESS_TOKEN_SECRET", ""),
                environment.orDefault("TWITTER_BEARER_TOKEN", ""));
    }

    @Override
    public String toString() {
        return "XCredentials[hidden]";
    }
}
