package servicedesk.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.security.PublicKey;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import servicedesk.console.Agent;
import servicedesk.console.AgentTokens.Verdict;
import servicedesk.format.Json;
import servicedesk.testing.MutableClock;

/** The checks an HTTP API JWT authorizer makes on the pool's access tokens, made by the console itself. */
class CognitoTokensTest {
    private static final String ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool";
    private static final String CLIENT = "console-client";
    private static final KeyPair POOL_KEY = keyPair();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final AtomicInteger fetches = new AtomicInteger();
    private final CognitoTokens tokens = new CognitoTokens(ISSUER, CLIENT, () -> {
        fetches.incrementAndGet();
        return Map.of("pool-key", POOL_KEY.getPublic());
    }, clock);

    @Test
    void aGoodAccessTokenNamesTheAgentAndTheirGroups() {
        Optional<Agent> agent = tokens.verify(sign(claims(), POOL_KEY.getPrivate(), "RS256", "pool-key"));

        assertThat(agent).hasValueSatisfying(it -> {
            assertThat(it.username()).isEqualTo("agent@example.edu");
            assertThat(it.groups()).isEqualTo(Set.of("desk-admins"));
            assertThat(it.isAdmin()).isTrue();
            assertThat(it.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        });
    }

    @Test
    void expiredForgedOrMisaddressedTokensAreRefused() {
        assertThat(tokens.verify(sign(claims().put("exp", clock.instant().minusSeconds(1).getEpochSecond()),
                POOL_KEY.getPrivate(), "RS256", "pool-key"))).as("expired").isEmpty();
        assertThat(tokens.verify(sign(claims(), keyPair().getPrivate(), "RS256", "pool-key"))).as("another key").isEmpty();
        assertThat(tokens.verify(sign(claims().put("iss", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other"),
                POOL_KEY.getPrivate(), "RS256", "pool-key"))).as("another pool").isEmpty();
        assertThat(tokens.verify(sign(claims().put("client_id", "another-app"), POOL_KEY.getPrivate(), "RS256", "pool-key")))
                .as("another client").isEmpty();
        assertThat(tokens.verify(sign(claims().put("token_use", "id"), POOL_KEY.getPrivate(), "RS256", "pool-key")))
                .as("an ID token").isEmpty();
        assertThat(tokens.verify(sign(claims().put("iat", clock.instant().plusSeconds(600).getEpochSecond()),
                POOL_KEY.getPrivate(), "RS256", "pool-key"))).as("issued in the future").isEmpty();
        assertThat(tokens.verify(sign(claims().put("username", ""), POOL_KEY.getPrivate(), "RS256", "pool-key")))
                .as("nobody").isEmpty();
    }

    @Test
    void onlyRs256WithAKnownKeyIsAccepted() {
        String good = sign(claims(), POOL_KEY.getPrivate(), "RS256", "pool-key");
        String[] parts = good.split("\\.");
        String none = encode("{\"alg\":\"none\",\"kid\":\"pool-key\"}") + "." + parts[1] + ".";
        assertThat(tokens.verify(none)).isEmpty();
        assertThat(tokens.verify(encode("{\"alg\":\"HS256\",\"kid\":\"pool-key\"}") + "." + parts[1] + "." + parts[2])).isEmpty();
        assertThat(tokens.verify(sign(claims(), POOL_KEY.getPrivate(), "RS256", "rotated-away"))).isEmpty();
        assertThat(tokens.verify(parts[0] + "." + parts[1])).isEmpty();
        assertThat(tokens.verify("not a token")).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
        assertThat(tokens.verify(good)).isPresent();
    }

    @Test
    void unknownKeyIdsRefetchTheKeysAtMostOnceAMinute() {
        tokens.verify(sign(claims(), POOL_KEY.getPrivate(), "RS256", "pool-key"));
        tokens.verify(sign(claims(), POOL_KEY.getPrivate(), "RS256", "unknown"));
        tokens.verify(sign(claims(), POOL_KEY.getPrivate(), "RS256", "unknown"));
        assertThat(fetches).hasValue(1);
        clock.advance(Duration.ofMinutes(2));
        tokens.verify(sign(claims(), POOL_KEY.getPrivate(), "RS256", "unknown"));
        assertThat(fetches).hasValue(2);
    }

    @Test
    void onlyAGenuineTokenPastItsExpiryIsExpiredEverythingElseIsRefused() {
        long past = clock.instant().minusSeconds(1).getEpochSecond();
        assertThat(tokens.check(sign(claims(), POOL_KEY.getPrivate(), "RS256", "pool-key"))).isInstanceOf(Verdict.Valid.class);
        assertThat(tokens.check(sign(claims().put("exp", past), POOL_KEY.getPrivate(), "RS256", "pool-key")))
                .as("genuine, expired a second ago").isEqualTo(new Verdict.Expired());
        assertThat(tokens.check(sign(claims().put("exp", clock.instant().getEpochSecond()), POOL_KEY.getPrivate(), "RS256",
                "pool-key"))).as("expiring this second").isEqualTo(new Verdict.Expired());
        assertThat(tokens.check(sign(claims().put("exp", past), keyPair().getPrivate(), "RS256", "pool-key")))
                .as("forged").isEqualTo(new Verdict.Refused());
        assertThat(tokens.check(sign(claims().put("exp", past), POOL_KEY.getPrivate(), "RS256", "made-up")))
                .as("unknown key id").isEqualTo(new Verdict.Refused());
        assertThat(tokens.check(sign(claims().put("exp", past).put("client_id", "another-app"), POOL_KEY.getPrivate(), "RS256",
                "pool-key"))).as("another client").isEqualTo(new Verdict.Refused());
        assertThat(tokens.check(sign(claims().put("exp", past).put("iss", ISSUER + "x"), POOL_KEY.getPrivate(), "RS256",
                "pool-key"))).as("another issuer").isEqualTo(new Verdict.Refused());
        assertThat(tokens.check(sign(claims().put("exp", past).put("token_use", "id"), POOL_KEY.getPrivate(), "RS256",
                "pool-key"))).as("an ID token").isEqualTo(new Verdict.Refused());
        assertThat(tokens.check(sign(claims().put("exp", past).put("iat", clock.instant().plusSeconds(600).getEpochSecond()),
                POOL_KEY.getPrivate(), "RS256", "pool-key"))).as("issued beyond the clock skew").isEqualTo(new Verdict.Refused());
        assertThat(tokens.check(sign(claims().put("iat", clock.instant().plusSeconds(20).getEpochSecond()),
                POOL_KEY.getPrivate(), "RS256", "pool-key"))).as("issued within the clock skew").isInstanceOf(Verdict.Valid.class);
        ObjectNode noExpiry = claims();
        noExpiry.remove("exp");
        assertThat(tokens.check(sign(noExpiry, POOL_KEY.getPrivate(), "RS256", "pool-key"))).isEqualTo(new Verdict.Refused());
    }

    @Test
    void aFailedOrEmptyRefetchKeepsTheKeysThatWorked() {
        AtomicReference<Supplier<Map<String, PublicKey>>> source = new AtomicReference<>(() -> Map.of("pool-key", POOL_KEY.getPublic()));
        AtomicInteger calls = new AtomicInteger();
        CognitoTokens verifier = new CognitoTokens(ISSUER, CLIENT, () -> {
            calls.incrementAndGet();
            return source.get().get();
        }, clock);
        String agent = sign(claims(), POOL_KEY.getPrivate(), "RS256", "pool-key");
        assertThat(verifier.verify(agent)).isPresent();

        clock.advance(Duration.ofMinutes(2));
        source.set(() -> Map.of());
        assertThat(verifier.verify(sign(claims(), keyPair().getPrivate(), "RS256", "strangers-kid"))).isEmpty();
        assertThat(verifier.verify(agent)).as("after an empty fetch").isPresent();

        clock.advance(Duration.ofMinutes(2));
        source.set(() -> {
            throw new IllegalStateException("JWKS unreachable");
        });
        assertThat(verifier.verify(sign(claims(), keyPair().getPrivate(), "RS256", "strangers-kid"))).isEmpty();
        assertThat(verifier.verify(agent)).as("after a failed fetch").isPresent();

        // A fetch that yields keys replaces them: a key the pool no longer publishes is no longer trusted.
        clock.advance(Duration.ofMinutes(2));
        KeyPair rotated = keyPair();
        source.set(() -> Map.of("rotated", rotated.getPublic()));
        assertThat(verifier.verify(sign(claims(), rotated.getPrivate(), "RS256", "rotated"))).isPresent();
        assertThat(verifier.verify(agent)).isEmpty();
        assertThat(calls).hasValue(4);
    }

    @Test
    void aRunningFetchStallsNoRequestWithAKnownKeyAndIsTheOnlyOne() throws Exception {
        CountDownLatch fetchStarted = new CountDownLatch(1);
        CountDownLatch jwksAnswers = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        CognitoTokens verifier = new CognitoTokens(ISSUER, CLIENT, () -> {
            if (calls.incrementAndGet() > 1) {
                fetchStarted.countDown();
                await(jwksAnswers);
            }
            return Map.of("pool-key", POOL_KEY.getPublic());
        }, clock);
        String agent = sign(claims(), POOL_KEY.getPrivate(), "RS256", "pool-key");
        assertThat(verifier.verify(agent)).isPresent();
        clock.advance(Duration.ofMinutes(2));

        ExecutorService strangers = Executors.newFixedThreadPool(2);
        try {
            Future<Optional<Agent>> first = strangers.submit(() -> verifier.verify(sign(claims(), POOL_KEY.getPrivate(), "RS256", "new")));
            await(fetchStarted);
            Future<Optional<Agent>> second = strangers.submit(() -> verifier.verify(sign(claims(), POOL_KEY.getPrivate(), "RS256", "new")));
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThat(verifier.verify(agent)).isPresent(),
                    "a known key while the JWKS fetch hangs");
            jwksAnswers.countDown();
            assertThat(first.get()).isEmpty();
            assertThat(second.get()).isEmpty();
            assertThat(calls).as("the second unknown key id waited for the running fetch").hasValue(2);
        } finally {
            jwksAnswers.countDown();
            strangers.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("waited 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void readsTheRsaKeysOfAJwksDocument() throws Exception {
        RSAPublicKey key = (RSAPublicKey) POOL_KEY.getPublic();
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"alg\":\"RS256\",\"use\":\"sig\",\"kid\":\"k1\",\"n\":\""
                + Base64.getUrlEncoder().withoutPadding().encodeToString(key.getModulus().toByteArray()) + "\",\"e\":\""
                + Base64.getUrlEncoder().withoutPadding().encodeToString(key.getPublicExponent().toByteArray())
                + "\"},{\"kty\":\"EC\",\"kid\":\"k2\"},{\"kty\":\"RSA\",\"use\":\"enc\",\"kid\":\"k3\",\"n\":\"AQAB\",\"e\":\"AQAB\"}]}";

        assertThat(CognitoTokens.keys(Json.MAPPER.readTree(jwks))).containsOnlyKeys("k1").containsEntry("k1", key);
        assertThat(CognitoTokens.jwksUrl(ISSUER, "us-east-1_Pool", Optional.empty()).toString())
                .isEqualTo(ISSUER + "/.well-known/jwks.json");
        assertThat(CognitoTokens.jwksUrl(ISSUER, "us-east-1_Pool", Optional.of("http://127.0.0.1:5000/")).toString())
                .isEqualTo("http://127.0.0.1:5000/us-east-1_Pool/.well-known/jwks.json");
    }

    private ObjectNode claims() {
        long now = clock.instant().getEpochSecond();
        ObjectNode claims = Json.MAPPER.createObjectNode().put("iss", ISSUER).put("sub", "b7f0").put("client_id", CLIENT)
                .put("token_use", "access").put("iat", now).put("exp", now + 3600).put("username", "agent@example.edu");
        claims.putArray("cognito:groups").add("desk-admins");
        return claims;
    }

    private static String sign(ObjectNode claims, PrivateKey key, String alg, String kid) {
        try {
            String header = encode("{\"typ\":\"JWT\",\"kid\":\"" + kid + "\",\"alg\":\"" + alg + "\"}");
            String body = encode(claims.toString());
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update((header + "." + body).getBytes(StandardCharsets.US_ASCII));
            return header + "." + body + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
