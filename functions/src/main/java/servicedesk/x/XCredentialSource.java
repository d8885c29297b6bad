package servicedesk.x;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import servicedesk.format.Log;
import servicedesk.settings.Environment;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * Where a function gets the X credentials when it needs them. The secret is read on first use (never
 * while a SnapStart snapshot is taken, so no credential is frozen into it) and again after {@link #TTL},
 * so a secret set after the first deploy, or rotated, takes effect within minutes without a redeploy.
 */
public interface XCredentialSource {
    Duration TTL = Duration.ofMinutes(5);

    /** The credentials cannot be had now (the secret is unreadable); callers answer 503 or retry later. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }

    XCredentials current();

    /**
     * Warms the path {@link #current()} takes the first time, short of reading the secret (SnapStart
     * priming: no credential goes into a snapshot).
     */
    default void prime() {
    }

    static XCredentialSource fixed(XCredentials credentials) {
        return () -> credentials;
    }

    /** Secrets Manager when {@code TWITTER_SECRET_ARN} is set, else the process's environment variables. */
    static XCredentialSource of(Environment environment, Supplier<SecretsManagerClient> secrets) {
        return environment.optional("TWITTER_SECRET_ARN")
                .<XCredentialSource>map(arn -> new FromSecretsManager(secrets, arn, Clock.systemUTC()))
                .orElseGet(() -> fixed(XCredentials.fromEnvironment(environment)));
    }

    /** Reads the secret at most once per {@link #TTL}; keeps the last good value if a refresh fails. */
    final class FromSecretsManager implements XCredentialSource {
        /** How long the last good credentials stay usable when Secrets Manager cannot be reached. */
        private static final Duration STALE_FOR = Duration.ofHours(1);
        private final Supplier<SecretsManagerClient> secrets;
        private SecretsManagerClient client;
        private final String secretId;
        private final Clock clock;
        private XCredentials cached;
        private Instant readAt = Instant.MIN;

        public FromSecretsManager(Supplier<SecretsManagerClient> secrets, String secretId, Clock clock) {
            this.secrets = secrets;
            this.secretId = secretId;
            this.clock = clock;
        }

        /**
         * Builds the client, asks for the secret's metadata only (DescribeSecret: no value) and builds the read's
         * request and answer without sending it: what the first read would load, short of the secret.
         */
        @Override
        public synchronized void prime() {
            client().describeSecret(describe -> describe.secretId(secretId));
            GetSecretValueRequest.builder().secretId(secretId).build();
            XCredentials.fromSecret(GetSecretValueResponse.builder().secretString("{\"consumerSecret\":\"priming-only\"}")
                    .build().secretString());
        }

        /** Built on first use, not with the function: a function that never needs the secret never builds it. */
        private SecretsManagerClient client() {
            if (client == null) {
                client = secrets.get();
            }
            return client;
        }

        @Override
        public synchronized XCredentials current() {
            Instant now = clock.instant();
            if (cached != null && now.isBefore(readAt.plus(TTL))) {
                return cached;
            }
            try {
                cached = XCredentials.fromSecret(client().getSecretValue(get -> get.secretId(secretId)).secretString());
                readAt = now;
                return cached;
            } catch (RuntimeException failed) {
                Log.warn("x-credentials-unreadable", "error", failed.getClass().getSimpleName());
                if (cached != null && now.isBefore(readAt.plus(STALE_FOR))) {
                    return cached;
                }
                throw new Unavailable("The X credentials secret cannot be read");
            }
        }
    }
}
