package servicedesk.x;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * X's webhook signatures: {@code sha256=} + base64(HMAC-SHA256(key, bytes)). X signs each POST with the
 * app's OAuth 2.0 client secret ({@code x-twitter-webhooks-signature-oauth2}) and, for apps that have one,
 * with the OAuth 1.0 consumer secret ({@code x-twitter-webhooks-signature}, the legacy header). The CRC
 * answer is made with the client secret when the app has one, else with the consumer secret.
 *
 * <p>The CRC answer is an HMAC under the same key as an event signature, so signing a caller's string is
 * a signing oracle: only tokens shaped like X's are ever signed, and no JSON body can be one.
 */
public final class WebhookSignature {
    public static final String LEGACY_HEADER = "x-twitter-webhooks-signature";
    public static final String OAUTH2_HEADER = "x-twitter-webhooks-signature-oauth2";
    private static final String PREFIX = "sha256=";
    /**
     * X's CRC tokens are URL-safe or base64 strings (its own examples run from "foo" to 44 characters); what keeps
     * the answer from being a signing oracle is the alphabet: no braces, quotes, colons or whitespace, so no JSON body.
     */
    private static final Pattern CRC_TOKEN = Pattern.compile("[A-Za-z0-9_\\-+/=]{1,128}");

    private final SecretKeySpec consumerKey;
    private final SecretKeySpec clientKey;

    /** Either secret may be empty, not both. */
    public WebhookSignature(String consumerSecret, String clientSecret) {
        this.consumerKey = key(consumerSecret);
        this.clientKey = key(clientSecret);
        if (consumerKey == null && clientKey == null) {
            throw new IllegalArgumentException("A consumer secret or a client secret is required to check webhook signatures");
        }
    }

    /** An app with only the OAuth 1.0 consumer secret (signs the legacy header and the CRC). */
    public WebhookSignature(String consumerSecret) {
        this(consumerSecret, null);
    }

    private static SecretKeySpec key(String secret) {
        return secret == null || secret.isEmpty() ? null
                : new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public static boolean isCrcToken(String token) {
        return token != null && CRC_TOKEN.matcher(token).matches();
    }

    /** The CRC {@code response_token}; refuses anything not shaped like X's tokens. */
    public String crcResponseToken(String crcToken) {
        if (!isCrcToken(crcToken)) {
            throw new IllegalArgumentException("Not a CRC token");
        }
        return hmac(clientKey != null ? clientKey : consumerKey, crcToken.getBytes(StandardCharsets.UTF_8));
    }

    /** The legacy header's value for these bytes (consumer secret). */
    public String sign(byte[] content) {
        return hmac(require(consumerKey, "consumer"), content);
    }

    /** The OAuth 2.0 header's value for these bytes (client secret). */
    public String signOAuth2(byte[] content) {
        return hmac(require(clientKey, "client"), content);
    }

    /**
     * The OAuth 2.0 header decides when it is present and a client secret is set; otherwise the legacy
     * header, under the consumer secret. Constant-time: how long a comparison takes says nothing about how
     * much of a header matched.
     */
    public boolean verify(byte[] body, String oauth2Header, String legacyHeader) {
        if (oauth2Header != null && clientKey != null) {
            return matches(hmac(clientKey, body), oauth2Header);
        }
        return consumerKey != null && matches(hmac(consumerKey, body), legacyHeader);
    }

    /** The legacy header alone. */
    public boolean verify(byte[] body, String legacyHeader) {
        return verify(body, null, legacyHeader);
    }

    private static boolean matches(String expected, String header) {
        if (header == null || !header.trim().startsWith(PREFIX)) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                header.trim().getBytes(StandardCharsets.US_ASCII));
    }

    private static SecretKeySpec require(SecretKeySpec key, String which) {
        if (key == null) {
            throw new IllegalStateException("No " + which + " secret to sign with");
        }
        return key;
    }

    private static String hmac(SecretKeySpec key, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return PREFIX + Base64.getEncoder().encodeToString(mac.doFinal(content));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
