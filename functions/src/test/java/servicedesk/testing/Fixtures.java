package servicedesk.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The webhook payloads under src/test/resources/webhook, copied from the product's shared fixtures. */
public final class Fixtures {
    public static final String IT_ACCOUNT = "1600000000000000001";
    public static final String JO = "1700000000000000002";
    public static final String SAM = "1700000000000000004";
    public static final String DANA_STAFF = "1800000000000000003";
    public static final String CONSUMER_SECRET = "test-consumer-secret";

    private Fixtures() {
    }

    /** The x-twitter-webhooks-signature header X would send with this body, under the test consumer secret. */
    public static String signatureOf(String body) {
        return new servicedesk.intake.WebhookSignature(CONSUMER_SECRET).sign(body.getBytes(StandardCharsets.UTF_8));
    }

    public static String webhook(String name) {
        String path = "/webhook/" + (name.endsWith(".json") ? name : name + ".json");
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
