package servicedesk.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

class XCredentialSourceTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
    private final AtomicReference<String> secret = new AtomicReference<>("{\"consumerSecret\":\"one\"}");
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger descriptions = new AtomicInteger();

    /** Secrets Manager as far as this class uses it: one secret, which may fail. */
    private final SecretsManagerClient secrets = new SecretsManagerClient() {
        @Override
        public GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
            reads.incrementAndGet();
            String value = secret.get();
            if (value == null) {
                throw new IllegalStateException("unreachable");
            }
            return GetSecretValueResponse.builder().secretString(value).build();
        }

        @Override
        public DescribeSecretResponse describeSecret(DescribeSecretRequest request) {
            descriptions.incrementAndGet();
            return DescribeSecretResponse.builder().arn(request.secretId()).build();
        }

        @Override
        public String serviceName() {
            return "secretsmanager";
        }

        @Override
        public void close() {
        }
    };

    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    private final XCredentialSource source = new XCredentialSource.FromSecretsManager(() -> secrets, "arn", clock);

    @Test
    void readsOnFirstUseAndAgainOnlyAfterTheTtl() {
        assertThat(reads).hasValue(0);
        assertThat(source.current().consumerSecret()).isEqualTo("one");
        secret.set("{\"consumerSecret\":\"two\",\"clientSecret\":\"c\"}");
        now.set(now.get().plus(XCredentialSource.TTL).minusSeconds(1));
        assertThat(source.current().consumerSecret()).isEqualTo("one");
        now.set(now.get().plusSeconds(2));
        assertThat(source.current().consumerSecret()).isEqualTo("two");
        assertThat(source.current().clientSecret()).isEqualTo("c");
        assertThat(reads).hasValue(2);
    }

    @Test
    void primingWarmsTheClientWithTheSecretsMetadataAndNeverReadsItsValue() {
        source.prime();

        assertThat(descriptions).hasValue(1);
        assertThat(reads).as("no secret value goes into a SnapStart snapshot").hasValue(0);
        assertThat(source.current().consumerSecret()).isEqualTo("one");
        assertThat(reads).hasValue(1);
    }

    @Test
    void keepsTheLastGoodSecretForAWhileWhenSecretsManagerFails() {
        source.current();
        secret.set(null);
        now.set(now.get().plus(XCredentialSource.TTL).plusSeconds(1));
        assertThat(source.current().consumerSecret()).isEqualTo("one");
        now.set(now.get().plus(Duration.ofHours(2)));
        assertThatThrownBy(source::current).isInstanceOf(XCredentialSource.Unavailable.class)
                .hasMessageNotContaining("one");
    }

    @Test
    void anEmptySecretOfTheFirstDeployIsReadableButCannotVerifyWebhooks() {
        secret.set("{\"consumerKey\":\"\",\"consumerSecret\":\"\",\"placeholder\":\"x\"}");
        assertThat(source.current().canVerifyWebhooks()).isFalse();
        assertThat(source.current().toString()).doesNotContain("placeholder");
    }
}
