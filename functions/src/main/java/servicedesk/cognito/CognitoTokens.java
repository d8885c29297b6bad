package servicedesk.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import servicedesk.console.Agent;
import servicedesk.console.AgentTokens;
import servicedesk.format.Json;
import servicedesk.format.Log;

/**
 * Verifies the agents' user pool's access tokens with the checks API Gateway's JWT authorizer makes: RS256
 * only, the signature against the pool's JSON Web Key Set, {@code iss} the pool, {@code client_id} the
 * console's app client, {@code token_use} "access", and {@code exp} in the future ({@code iat} not). A token
 * that passes all but the expiry is {@link Verdict.Expired}: genuine, so worth a refresh; anything else is
 * {@link Verdict.Refused}. Why a token was refused is logged (never the token).
 *
 * <p>The keys are fetched once and again only for an unknown key id, at most once a minute and one fetch at a
 * time; the fetch runs outside the lock, so requests with a known key never wait for it, and a fetch that
 * fails or yields no key keeps the keys that worked (a stranger's made-up key id must not cost every agent
 * their session).
 */
public final class CognitoTokens implements AgentTokens {
    private static final Duration REFETCH_AT_MOST_EVERY = Duration.ofMinutes(1);
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final int MAX_TOKEN_LENGTH = 8_192;

    private final String issuer;
    private final String clientId;
    private final Supplier<Map<String, PublicKey>> keySource;
    private final Clock clock;
    private volatile Map<String, PublicKey> keys = Map.of();
    /** When a fetch last started, and the one running now (null if none): guarded by {@code this}. */
    private Instant fetchedAt;
    private CompletableFuture<Void> fetching;

    public CognitoTokens(String issuer, String clientId, Supplier<Map<String, PublicKey>> keySource, Clock clock) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.keySource = keySource;
        this.clock = clock;
    }

    /** Keys from the pool's JWKS document at {@code jwksUrl}. */
    public static CognitoTokens fromJwks(String issuer, String clientId, URI jwksUrl, Clock clock) {
        return new CognitoTokens(issuer, clientId, () -> fetch(jwksUrl), clock);
    }

    /**
     * Where a pool publishes its keys: under its issuer URL on AWS; under the emulator's endpoint
     * ({@code AWS_ENDPOINT_URL}) when one stands in, as moto serves them.
     */
    public static URI jwksUrl(String issuer, String poolId, Optional<String> endpointOverride) {
        return URI.create(endpointOverride.map(endpoint -> endpoint.replaceAll("/+$", "") + "/" + poolId)
                .orElse(issuer) + "/.well-known/jwks.json");
    }

    @Override
    public Verdict check(String token) {
        try {
            return inspect(token);
        } catch (Refused refused) {
            Log.info("agent-token-refused", "reason", refused.getMessage());
            return new Verdict.Refused();
        }
    }

    private Verdict inspect(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw new Refused("missing or oversized");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new Refused("not a signed JWT");
        }
        JsonNode header = json(parts[0]);
        if (!"RS256".equals(header.path("alg").asText())) {
            throw new Refused("algorithm " + header.path("alg").asText("none") + " is not RS256");
        }
        PublicKey key = key(header.path("kid").asText(""));
        if (!signatureHolds(key, (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), decode(parts[2]))) {
            throw new Refused("bad signature");
        }
        JsonNode claims = json(parts[1]);
        if (!issuer.equals(claims.path("iss").asText())) {
            throw new Refused("another issuer");
        }
        if (!"access".equals(claims.path("token_use").asText())) {
            throw new Refused("not an access token");
        }
        if (!clientId.equals(claims.path("client_id").asText())) {
            throw new Refused("another client");
        }
        String username = claims.path("username").asText("");
        if (username.isBlank()) {
            throw new Refused("no username");
        }
        if (!claims.path("exp").canConvertToLong()) {
            throw new Refused("no expiry");
        }
        Instant now = clock.instant();
        if (claims.path("iat").canConvertToLong() && Instant.ofEpochSecond(claims.path("iat").asLong()).isAfter(now.plus(CLOCK_SKEW))) {
            throw new Refused("issued in the future");
        }
        Instant expiresAt = Instant.ofEpochSecond(claims.path("exp").asLong());
        if (!expiresAt.isAfter(now)) {
            return new Verdict.Expired();
        }
        Set<String> groups = new HashSet<>();
        claims.path("cognito:groups").forEach(group -> groups.add(group.asText()));
        return new Verdict.Valid(new Agent(username, groups, expiresAt));
    }

    private PublicKey key(String kid) {
        PublicKey key = keys.get(kid);
        if (key == null) {
            // A key id we have not seen: the pool may have rotated its keys.
            refetch();
            key = keys.get(kid);
        }
        if (key == null) {
            throw new Refused("unknown key id");
        }
        return key;
    }

    /**
     * Fetches the keys again unless a fetch started less than a minute ago; a request that finds one running
     * waits for it (it needs its answer) but holds no lock meanwhile. The keys are replaced only by a fetch that
     * yields some.
     */
    private void refetch() {
        CompletableFuture<Void> running;
        CompletableFuture<Void> mine;
        synchronized (this) {
            running = fetching;
            if (running == null) {
                Instant now = clock.instant();
                if (fetchedAt != null && !fetchedAt.plus(REFETCH_AT_MOST_EVERY).isBefore(now)) {
                    return;
                }
                fetchedAt = now;
                fetching = new CompletableFuture<>();
            }
            mine = fetching;
        }
        if (running != null) {
            running.join();
            return;
        }
        try {
            Map<String, PublicKey> fetched = keySource.get();
            if (fetched.isEmpty()) {
                Log.error("agent-jwks-kept", "reason", "the fetch yielded no key", "known", String.valueOf(keys.size()));
            } else {
                keys = Map.copyOf(fetched);
            }
        } catch (RuntimeException failed) {
            Log.error("agent-jwks-kept", "reason", failed.getClass().getSimpleName(), "known", String.valueOf(keys.size()));
        } finally {
            synchronized (this) {
                fetching = null;
            }
            mine.complete(null);
        }
    }

    private static boolean signatureHolds(PublicKey key, byte[] signed, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(signed);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The RSA signing keys of a JWKS document, by key id. */
    static Map<String, PublicKey> keys(JsonNode jwks) {
        Map<String, PublicKey> keys = new HashMap<>();
        for (JsonNode jwk : jwks.path("keys")) {
            if (!"RSA".equals(jwk.path("kty").asText()) || jwk.has("use") && !"sig".equals(jwk.path("use").asText())) {
                continue;
            }
            try {
                keys.put(jwk.path("kid").asText(), KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                        new BigInteger(1, decode(jwk.path("n").asText())), new BigInteger(1, decode(jwk.path("e").asText())))));
            } catch (GeneralSecurityException | Refused unreadable) {
                Log.error("agent-jwks-key-unreadable", "kid", jwk.path("kid").asText());
            }
        }
        return keys;
    }

    private static Map<String, PublicKey> fetch(URI jwksUrl) {
        try {
            HttpURLConnection connection = (HttpURLConnection) jwksUrl.toURL().openConnection();
            connection.setConnectTimeout(2_000);
            connection.setReadTimeout(5_000);
            if (connection.getResponseCode() != 200) {
                throw new IOException("JWKS answered " + connection.getResponseCode());
            }
            try (InputStream body = connection.getInputStream()) {
                return keys(Json.MAPPER.readTree(body));
            }
        } catch (IOException e) {
            Log.error("agent-jwks-unavailable", "error", e.getClass().getSimpleName());
            return Map.of();
        }
    }

    private static JsonNode json(String part) {
        try {
            JsonNode node = Json.MAPPER.readTree(decode(part));
            if (node == null || !node.isObject()) {
                throw new Refused("unreadable");
            }
            return node;
        } catch (IOException e) {
            throw new Refused("unreadable");
        }
    }

    private static byte[] decode(String part) {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new Refused("not base64url");
        }
    }

    private static final class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }
}
