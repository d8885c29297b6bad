package servicedesk.intake;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * X's webhook signatures: {@code sha256=} + base64(HMAC-SHA256(consumer secret, bytes)), used both to
 * answer the CRC challenge and to check the {@code x-twitter-webhooks-signature} header.
 */
public final class WebhookSignature {
    private static final String PREFIX = "sha256=";
    private final SecretKeySpec key;

    public WebhookSignature(String consumerSecret) {
        if (consumerSecret == null || consumerSecret.isEmpty()) {
            throw new IllegalArgumentException("The consumer secret is required to sign webhook payloads");
        }
        this.key = new SecretKeySpec(consumerSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String sign(byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return PREFIX + Base64.getEncoder().encodeToString(mac.doFinal(content));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    public String crcResponseToken(String crcToken) {
        return sign(crcToken.getBytes(StandardCharsets.UTF_8));
    }

    /** Constant-time: how long the comparison takes says nothing about how much of the header matched. */
    public boolean verify(byte[] body, String signatureHeader) {
        if (signatureHeader == null || !signatureHeader.startsWith(PREFIX)) {
            return false;
        }
        byte[] expected = sign(body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signatureHeader.trim().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }
}
