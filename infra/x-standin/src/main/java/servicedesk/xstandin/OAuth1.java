package servicedesk.xstandin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * OAuth 1.0a user-context verification as X documents it (§11; SIG, AUTHREQ): HMAC-SHA1 over
 * {@code METHOD&pct(base URL)&pct(sorted, percent-encoded params)}, the params being the query string, a
 * form-encoded body and the {@code oauth_*} header params except the signature; the key is
 * {@code pct(consumer secret)&pct(token secret)}. A JSON body is not part of the base string: X's pages are
 * silent (gap 14) and RFC 5849 §3.4.1.3 includes only form-encoded bodies.
 */
final class OAuth1 {
    private static final Set<String> REQUIRED = Set.of("oauth_consumer_key", "oauth_nonce", "oauth_signature",
            "oauth_signature_method", "oauth_timestamp", "oauth_token");

    /** Why a header did not verify (never told to the caller: X answers a bare 401). */
    sealed interface Check permits Check.Verified, Check.Refused {
        record Verified() implements Check {
        }

        record Refused(String reason) implements Check {
        }
    }

    private final String consumerKey;
    private final String consumerSecret;
    private final String accessToken;
    private final String tokenSecret;
    private final Duration tolerance;
    /** Nonces seen with their timestamps: X requires a unique nonce per request (AUTHREQ). */
    private final Map<String, Long> seenNonces = new ConcurrentHashMap<>();

    OAuth1(String consumerKey, String consumerSecret, String accessToken, String tokenSecret, Duration tolerance) {
        this.consumerKey = consumerKey;
        this.consumerSecret = consumerSecret;
        this.accessToken = accessToken;
        this.tokenSecret = tokenSecret;
        this.tolerance = tolerance;
    }

    /**
     * @param method      the HTTP method
     * @param baseUrl     scheme://host[:port]/path as the client addressed it (the Host header), no query
     * @param queryParams decoded query parameters
     * @param formParams  decoded form-body parameters (empty unless the body is form-encoded)
     * @param header      the Authorization header
     * @param wallClock   now, on the wall clock the client's timestamp came from
     */
    Check verify(String method, String baseUrl, List<Percent.Param> queryParams, List<Percent.Param> formParams,
                 String header, Instant wallClock) {
        if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "OAuth ", 0, 6)) {
            return new Check.Refused("no OAuth Authorization header");
        }
        Map<String, String> oauth = new LinkedHashMap<>();
        for (String part : header.substring(6).split(",")) {
            String item = part.trim();
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq < 0) {
                return new Check.Refused("malformed parameter " + item);
            }
            String name = Percent.decode(item.substring(0, eq).trim(), false);
            String value = item.substring(eq + 1).trim();
            if (value.length() < 2 || !value.startsWith("\"") || !value.endsWith("\"")) {
                return new Check.Refused("parameter " + name + " is not quoted");
            }
            value = Percent.decode(value.substring(1, value.length() - 1), false);
            if ("realm".equals(name)) {
                continue;
            }
            if (oauth.put(name, value) != null) {
                // AUTHREQ: X "does not accept duplicate keys".
                return new Check.Refused("duplicate parameter " + name);
            }
        }
        for (String required : REQUIRED) {
            if (!oauth.containsKey(required)) {
                return new Check.Refused("missing " + required);
            }
        }
        if (!"HMAC-SHA1".equals(oauth.get("oauth_signature_method"))) {
            return new Check.Refused("signature method " + oauth.get("oauth_signature_method"));
        }
        if (oauth.containsKey("oauth_version") && !"1.0".equals(oauth.get("oauth_version"))) {
            return new Check.Refused("oauth_version " + oauth.get("oauth_version"));
        }
        if (!consumerKey.equals(oauth.get("oauth_consumer_key"))) {
            return new Check.Refused("unknown consumer key");
        }
        if (!accessToken.equals(oauth.get("oauth_token"))) {
            return new Check.Refused("unknown access token");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(oauth.get("oauth_timestamp"));
        } catch (NumberFormatException e) {
            return new Check.Refused("oauth_timestamp is not a number");
        }
        if (Math.abs(wallClock.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
            return new Check.Refused("oauth_timestamp too far from now");
        }
        String nonce = oauth.get("oauth_nonce");
        if (nonce.isEmpty()) {
            return new Check.Refused("empty oauth_nonce");
        }

        List<Percent.Param> params = new ArrayList<>(queryParams);
        params.addAll(formParams);
        oauth.forEach((name, value) -> {
            if (!"oauth_signature".equals(name)) {
                params.add(new Percent.Param(name, value));
            }
        });
        String expected = sign(method, baseUrl, params, consumerSecret, tokenSecret);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                oauth.get("oauth_signature").getBytes(StandardCharsets.UTF_8))) {
            return new Check.Refused("signature mismatch; base string was " + baseString(method, baseUrl, params));
        }
        // Only a verified request uses up its nonce; a replay of it is refused.
        forgetOldNonces(wallClock.getEpochSecond());
        if (seenNonces.putIfAbsent(nonce + "|" + timestamp, timestamp) != null) {
            return new Check.Refused("nonce reused");
        }
        return new Check.Verified();
    }

    private void forgetOldNonces(long now) {
        if (seenNonces.size() > 10_000) {
            seenNonces.values().removeIf(seen -> now - seen > tolerance.toSeconds());
        }
    }

    static String baseString(String method, String baseUrl, List<Percent.Param> params) {
        List<String[]> encoded = new ArrayList<>();
        for (Percent.Param p : params) {
            encoded.add(new String[]{Percent.encode(p.name()), Percent.encode(p.value())});
        }
        encoded.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder normalized = new StringBuilder();
        for (String[] p : encoded) {
            if (normalized.length() > 0) {
                normalized.append('&');
            }
            normalized.append(p[0]).append('=').append(p[1]);
        }
        return method.toUpperCase(java.util.Locale.ROOT) + "&" + Percent.encode(baseUrl) + "&" + Percent.encode(normalized.toString());
    }

    static String sign(String method, String baseUrl, List<Percent.Param> params, String consumerSecret, String tokenSecret) {
        String key = Percent.encode(consumerSecret) + "&" + Percent.encode(tokenSecret);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(
                    mac.doFinal(baseString(method, baseUrl, params).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
