package servicedesk.cognito;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import servicedesk.console.Agent;
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
