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

    /** {@code body} with every event time set to {@code at}. */
    public static String dated(String body, java.time.Instant at) {
        String createdAt = java.time.format.DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", java.util.Locale.ROOT)
                .format(at.atZone(java.time.ZoneOffset.UTC));
        return body.replaceAll("\"created_at\":( *)\"[^\"]*\"", "\"created_at\":$1\"" + createdAt + "\"")
                .replaceAll("\"(created_timestamp|timestamp_ms)\":( *)\"[0-9]+\"", "\"$1\":$2\"" + at.toEpochMilli() + "\"");
    }

    /** The x-twitter-webhooks-signature header X would send with this body, under the test consumer secret. */
    public static String signatureOf(String body) {
        return new servicedesk.x.WebhookSignature(CONSUMER_SECRET).sign(body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The fixture as X would deliver it now: its {@code created_at}, {@code created_timestamp} and
     * {@code timestamp_ms} moved to the present (the desk ignores events older than X's replay window).
     */
    public static String webhook(String name) {
        return dated(recorded(name), java.time.Instant.now());
    }

    /** The fixture's text exactly as recorded. */
    public static String recorded(String name) {
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
