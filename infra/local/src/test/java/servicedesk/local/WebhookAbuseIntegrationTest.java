package servicedesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import servicedesk.x.WebhookSignature;
import servicedesk.format.Json;
import servicedesk.testing.Fixtures;

/**
 * What a stranger on the internet can do to the webhook, tried against the running desk: nothing they
 * send is stored, broadcast or answered unless X signed it for the IT account recently.
 */
class WebhookAbuseIntegrationTest extends EmulatedDesk {
    private static final AbuseTally TALLY = new AbuseTally("Webhook: forgeries, garbage, sizes, replays");
    private static final String IT = Fixtures.IT_ACCOUNT;

    @AfterAll
    static void figures() throws Exception {
        TALLY.reportAndCheck();
    }

    /** Posts raw bytes as API Gateway would hand them over (base64, as for any body it deems binary). */
    private APIGatewayV2HTTPResponse postBytes(byte[] body, Map<String, String> headers) {
        APIGatewayV2HTTPEvent event = HttpRoutes.event("POST /webhooks/twitter", "POST", "/webhooks/twitter", Map.of(),
                headers, Base64.getEncoder().encodeToString(body), Map.of(), "localhost");
        event.setIsBase64Encoded(true);
        return (APIGatewayV2HTTPResponse) desk.invoke("WebhookFunction", event);
    }

    private APIGatewayV2HTTPResponse signed(byte[] body) {
        return postBytes(body, Map.of("x-twitter-webhooks-signature",
                new WebhookSignature(Fixtures.CONSUMER_SECRET).sign(body)));
    }

    /** A signed delivery X could never have made; counted under its category. */
    private void garbage(String category, String body) {
        garbage(category, body.getBytes(StandardCharsets.UTF_8));
    }

    private void garbage(String category, byte[] body) {
        TALLY.tried(category, signed(body).getStatusCode(), false);
    }

    private static String tweetFromJo(String id, String text) {
        return Payloads.tweet("tweet-new-incident", id, text);
    }

    /** A legitimate report from a reporter of its own (one person's reports past the first are follow-ups). */
    private static String legitimateReport(String id, String text) {
        return Payloads.tweetBy("tweet-new-incident", id, reporterOf(id), text);
    }

    private static String reporterOf(String tweetId) {
        return "18" + tweetId.substring(2);
    }

    @Test
    void strangersGarbageSizesAndReplaysChangeNothingAndLoseNothing() throws Exception {
        List<String> legitimate = new ArrayList<>();
        String forged = Fixtures.webhook("tweet-staff-outage").replace("Blackboard is down", "FORGED outage");
        byte[] forgedBytes = forged.getBytes(StandardCharsets.UTF_8);
        WebhookSignature wrongKey = new WebhookSignature("not-the-consumer-secret", "not-the-client-secret");
        String otherBodySignature = Fixtures.signatureOf(Fixtures.webhook("tweet-new-incident"));
        String right = Fixtures.signatureOf(forged);
        List<Map<String, String>> misSigned = new ArrayList<>(List.of(
                Map.of(),
                Map.of("x-twitter-webhooks-signature", wrongKey.sign(forgedBytes)),
                Map.of("x-twitter-webhooks-signature", otherBodySignature),
                Map.of("x-twitter-webhooks-signature", "sha256="),
                Map.of("x-twitter-webhooks-signature", "sha256=" + "A".repeat(44)),
                Map.of("x-twitter-webhooks-signature", right.substring(0, right.length() - 2)),
                Map.of("x-twitter-webhooks-signature", right.replace("sha256=", "sha1=")),
                Map.of("x-twitter-webhooks-signature", "x".repeat(10_000)),
                Map.of("x-twitter-webhooks-signature-oauth2", right),
                Map.of("x-twitter-webhooks-signature-oauth2", wrongKey.signOAuth2(forgedBytes))));
        for (int round = 0; round < 20; round++) {
            for (Map<String, String> headers : misSigned) {
                int status = postBytes(forgedBytes, headers).getStatusCode();
                TALLY.tried("mis-signed flood", status, status < 300);
            }
            // Legitimate reports arrive in the middle of the flood.
            if (round % 4 == 0) {
                String id = Long.toString(1_990_000_000_000_100_000L + round);
                legitimate.add(id);
                String report = legitimateReport(id, "@ITHelp #blackboard LEGIT " + id + " grades page spins");
                assertThat(webhook(report, Fixtures.signatureOf(report)).getStatusCode()).isEqualTo(200);
            }
        }
        for (String token : List.of(forged, " ", "\"quoted\"", "{}", "a".repeat(129), "", "tok en with spaces",
                "tökenwithümlauts", "abc\u0000defghij", "../../../etc/passwd", "<script>alert(1)</script>")) {
            APIGatewayV2HTTPResponse answer = desk.http("GET", "/webhooks/twitter", Map.of("crc_token", token), Map.of(), null);
            TALLY.tried("CRC oracle", answer.getStatusCode(),
                    answer.getStatusCode() == 200 || String.valueOf(answer.getBody()).contains("sha256="));
        }

        for (String kind : List.of("null", "true", "false", "0", "-1e999", "1e999999", "\"text\"", "[]", "[{}]", "{}",
                "{\"for_user_id\":null}", "{\"for_user_id\":{}}", "{\"for_user_id\":[\"" + IT + "\"]}",
                "{\"for_user_id\":\"" + IT + "\",\"tweet_create_events\":{}}",
                "{\"for_user_id\":\"" + IT + "\",\"tweet_create_events\":\"text\"}",
                "{\"for_user_id\":\"" + IT + "\",\"tweet_create_events\":[null,1,\"x\",[],{}]}",
                "{\"for_user_id\":\"" + IT + "\",\"direct_message_events\":[{\"type\":\"message_create\"}]}",
                "{\"for_user_id\":\"" + IT + "\",\"block_events\":[{\"type\":\"block\"}]}",
                "{\"for_user_id\":\"" + IT + "\",\"user_has_blocked\":{\"a\":1}}",
                "{\"a\":1,\"a\":2}", "{}x", "\uFEFF{}", "{\"a\":1e999999}", "")) {
            garbage("signed garbage of every JSON kind", kind);
        }
        garbage("invalid UTF-8", new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        garbage("invalid UTF-8", new byte[]{(byte) 0xFF, (byte) 0xFE, '{', '}'});
        byte[] overlong = tweetFromJo("1990000000000200001", "@ITHelp #blackboard XX").getBytes(StandardCharsets.UTF_8);
        String overlongText = new String(overlong, StandardCharsets.UTF_8);
        int at = overlongText.indexOf("XX");
        overlong[at] = (byte) 0xC0;
        overlong[at + 1] = (byte) 0xAF;
        garbage("invalid UTF-8", overlong);
        garbage("NUL bytes", "{\"for_user_id\":\"" + IT + "\",\"a\":\"\u0000\"}");
        garbage("NUL bytes", tweetFromJo("1990000000000200002", "@ITHelp #blackboard nul\u0000in\u0000text"));
        garbage("NUL bytes", new byte[]{'{', 0, '}'});
        garbage("deep nesting", "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}");
        garbage("deep nesting", "{\"for_user_id\":\"" + IT + "\",\"tweet_create_events\":[" + "{\"a\":".repeat(400) + "1"
                + "}".repeat(400) + "]}");
        garbage("huge strings and ids", tweetFromJo("1990000000000200003", "@ITHelp #blackboard " + "long ".repeat(40_000)));
        garbage("huge strings and ids", tweetFromJo("1990000000000200004", "x").replace("\"id_str\":\"1990000000000200004\"",
                "\"id_str\":\"" + "9".repeat(100_000) + "\""));
        garbage("huge strings and ids", tweetFromJo("1990000000000200005", "x").replace("\"screen_name\":\"jo_student\"",
                "\"screen_name\":\"" + "j".repeat(50_000) + "\""));
        garbage("huge strings and ids", "{\"for_user_id\":\"" + "1".repeat(100_000) + "\"}");
        StringBuilder tags = new StringBuilder("@ITHelp");
        for (int i = 0; i < 600; i++) {
            tags.append(" #t").append(i);
        }
        garbage("hundreds of hashtags", tweetFromJo("1990000000000200006", tags + " #blackboard so many tags"));
        garbage("oversized bodies", tweetFromJo("1990000000000200007", "@ITHelp #blackboard " + "x".repeat(300_000)));
        garbage("oversized bodies", "{\"for_user_id\":\"" + IT + "\",\"pad\":\"" + "x".repeat(5_000_000) + "\"}");
        // A delivery over one queue message with legitimate events in it: split, none lost.
        ObjectNode big = (ObjectNode) Json.MAPPER.readTree(tweetFromJo("1990000000000200100", "x"));
        ArrayNode events = big.putArray("tweet_create_events");
        for (int i = 0; i < 3; i++) {
            String id = Long.toString(1_990_000_000_000_200_100L + i);
            legitimate.add(id);
            events.add(Json.MAPPER.readTree(legitimateReport(id, "@ITHelp #blackboard LEGIT " + id + " " + "pad ".repeat(25_000)))
                    .path("tweet_create_events").get(0));
        }
        assertThat(big.toString().length()).isGreaterThan(262_144);
        int split = signed(big.toString().getBytes(StandardCharsets.UTF_8)).getStatusCode();
        TALLY.tried("oversized bodies", split, false);
        assertThat(split).isEqualTo(200);
        for (String fixture : List.of("tweet-new-incident", "dm-incoming-status", "tweet-staff-outage")) {
            garbage("replayed old events", Fixtures.dated(Fixtures.recorded(fixture), Instant.now().minus(Duration.ofDays(3))));
        }
        settle();

        // Nothing forged was announced (the only public posts are hashtag hints to odd but signed tweets), and
        // every legitimate report became an incident with its DM.
        assertThat(tweets()).extracting(EmulatedDesk::text).allMatch(post -> post.startsWith("To open a ticket"));
        assertThat(getJson("/outages", Map.of()).path("outages")).isEmpty();
        assertThat(everythingStored()).doesNotContain("FORGED");
        String incidents = getJson("/incidents", Map.of("limit", "100")).toString();
        for (String id : legitimate) {
            assertThat(incidents).as("legitimate report " + id).contains("LEGIT " + id);
            assertThat(directMessagesTo(reporterOf(id))).as("legitimate report " + id).hasSize(1);
        }

        // And afterwards a normal report still gets its DM.
        int before = directMessagesTo(Fixtures.JO).size();
        deliverBody(tweetFromJo("1990000000000300001", "@ITHelp #wifi eduroam keeps dropping"));
        assertThat(directMessagesTo(Fixtures.JO)).hasSize(before + 1);
        assertThat(text(directMessagesTo(Fixtures.JO).get(before))).contains("INC");
    }

    private APIGatewayV2HTTPResponse crc(String token) {
        return desk.http("GET", "/webhooks/twitter", Map.of("crc_token", token), Map.of(), null);
    }

    @Test
    void theCrcCheckCannotBeUsedToSignAForgedStaffOutage() throws Exception {
        String forged = Fixtures.webhook("tweet-staff-outage");
        APIGatewayV2HTTPResponse oracle = crc(forged);
        assertThat(oracle.getStatusCode()).isEqualTo(400);
        assertThat(oracle.getBody()).doesNotContain("sha256=");

        // Even if the attacker guesses a signature from anything the CRC answers, the POST is refused.
        String answered = Json.MAPPER.readTree(crc("challenge-123").getBody()).path("response_token").asText();
        assertThat(webhook(forged, answered).getStatusCode()).isEqualTo(401);
        settle();

        assertThat(tweets()).isEmpty();
        assertThat(allDirectMessages()).isEmpty();
        assertThat(getJson("/outages", Map.of()).path("outages")).isEmpty();
        assertThat(everythingStored()).doesNotContain("OUTAGE");
    }

    @Test
    void deliveriesForAnotherAccountOrForNoAccountAreIgnored() {
        String forOther = Fixtures.webhook("tweet-new-incident").replace(Fixtures.IT_ACCOUNT + "\",", "1234\",");
        String forNobody = Fixtures.webhook("tweet-new-incident").replaceFirst("\"for_user_id\": *\"[0-9]+\",", "");
        assertThat(forOther).isNotEqualTo(Fixtures.webhook("tweet-new-incident"));
        assertThat(forNobody).doesNotContain("for_user_id");
        deliverBody(forOther);
        deliverBody(forNobody);

        assertThat(getJson("/incidents", Map.of()).path("incidents")).isEmpty();
        assertThat(allDirectMessages()).isEmpty();
        assertThat(logText()).contains("\"event\":\"event-for-other-account\"").contains("(missing)");
        assertThat(messagesOn("EventsDeadLetterQueue")).isZero();
    }

    @Test
    void aSignedEventOlderThanXsReplayWindowIsIgnored() {
        Instant threeDaysAgo = Instant.now().minus(Duration.ofDays(3));
        deliverBody(Fixtures.dated(Fixtures.recorded("tweet-new-incident"), threeDaysAgo));
        deliverBody(Fixtures.dated(Fixtures.recorded("dm-incoming-status"), threeDaysAgo));
        assertThat(getJson("/incidents", Map.of()).path("incidents")).isEmpty();
        assertThat(allDirectMessages()).isEmpty();

        // Within the window (X's replay reaches a day back) it counts.
        deliverBody(Fixtures.dated(Fixtures.recorded("tweet-new-incident"), Instant.now().minus(Duration.ofHours(23))));
        assertThat(getJson("/incidents", Map.of()).path("incidents")).hasSize(1);
    }
}
