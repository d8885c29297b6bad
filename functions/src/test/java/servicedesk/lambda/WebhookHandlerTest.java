package servicedesk.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import servicedesk.format.Json;
import servicedesk.intake.EventQueue;
import servicedesk.messaging.SqsEventQueue;
import servicedesk.testing.Fixtures;
import servicedesk.intake.EventQueue;
import servicedesk.intake.Receipt;
import servicedesk.x.WebhookSignature;
import servicedesk.x.XCredentialSource;
import servicedesk.x.XCredentials;

class WebhookHandlerTest {
    private final WebhookSignature signature = new WebhookSignature(Fixtures.CONSUMER_SECRET);
    private final List<String> stored = new ArrayList<>();
    private final WebhookHandler handler = new WebhookHandler(
            XCredentialSource.fixed(new XCredentials("ck", Fixtures.CONSUMER_SECRET, "at", "ats", "bt")), webhookOnly(stored::add));

    /** The events queue as the webhook uses it: it only ever stores verified bodies as they came. */
    private static EventQueue webhookOnly(java.util.function.Consumer<String> store) {
        return new EventQueue() {
            @Override
            public void accept(String verifiedBody) {
                store.accept(verifiedBody);
            }

            @Override
            public void accept(String body, Receipt receipt, java.time.Duration delay) {
                throw new AssertionError("the webhook never sends a receipt");
            }
        };
    }

    /** A request as API Gateway delivers it (events/webhook-post.json), with this method, headers and body. */
    private static APIGatewayV2HTTPEvent request(String method, Map<String, String> headers, String body) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/webhook-post.json");
        event.getRequestContext().getHttp().setMethod(method);
        event.setRouteKey(method + " /webhooks/twitter");
        event.setHeaders(headers);
        event.setBody(body);
        return event;
    }

    private APIGatewayV2HTTPResponse post(String body, String signatureHeader) {
        return handler.handleRequest(request("POST",
                signatureHeader == null ? Map.of() : Map.of("x-twitter-webhooks-signature", signatureHeader), body), null);
    }

    /** A webhook storing on a queue that takes messages up to SQS's size only. */
    private WebhookHandler sqsSized(List<String> messages) {
        return new WebhookHandler(XCredentialSource.fixed(new XCredentials("ck", Fixtures.CONSUMER_SECRET, "at", "ats", "bt")),
                new EventQueue() {
                    @Override
                    public void accept(String verifiedBody) {
                        assertThat(verifiedBody.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(maxBodyBytes());
                        messages.add(verifiedBody);
                    }

                    @Override
                    public void accept(String body, Receipt receipt, java.time.Duration delay) {
                        throw new AssertionError("the webhook never sends a receipt");
                    }

                    @Override
                    public int maxBodyBytes() {
                        return SqsEventQueue.MAX_BODY_BYTES;
                    }
                });
    }

    /** Jo's DM fixture carrying {@code count} direct messages of {@code textLength} characters each. */
    private static String manyDirectMessages(int count, int textLength) throws Exception {
        ObjectNode payload = (ObjectNode) Json.MAPPER.readTree(Fixtures.webhook("dm-incoming-detail"));
        ObjectNode template = (ObjectNode) payload.path("direct_message_events").get(0);
        ArrayNode events = payload.putArray("direct_message_events");
        for (int i = 0; i < count; i++) {
            ObjectNode event = template.deepCopy();
            event.put("id", Long.toString(1_990_000_000_000_000_000L + i));
            ((ObjectNode) event.path("message_create").path("message_data")).put("text", i + ":" + "é".repeat(textLength));
            events.add(event);
        }
        return payload.toString();
    }

    @Test
    void aDeliveryLargerThanOneQueueMessageIsSplitByEventsLosingNone() throws Exception {
        String body = manyDirectMessages(60, 5_000);
        assertThat(body.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(SqsEventQueue.MAX_MESSAGE_BYTES);
        List<String> messages = new ArrayList<>();

        APIGatewayV2HTTPResponse response = sqsSized(messages).handleRequest(request("POST",
                Map.of("x-twitter-webhooks-signature", signature.sign(body.getBytes(StandardCharsets.UTF_8))), body), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(messages).hasSizeGreaterThan(1);
        List<String> ids = new ArrayList<>();
        for (String message : messages) {
            JsonNode part = Json.MAPPER.readTree(message);
            assertThat(part.path("for_user_id").asText()).isEqualTo(Fixtures.IT_ACCOUNT);
            assertThat(part.has("users")).isEqualTo(Json.MAPPER.readTree(body).has("users"));
            part.path("direct_message_events").forEach(event -> ids.add(event.path("id").asText()));
        }
        assertThat(ids).hasSize(60).doesNotHaveDuplicates();
    }

    @Test
    void onlyABodyNoRealDeliveryCouldBeIsA413() throws Exception {
        List<String> messages = new ArrayList<>();
        String oneHugeEvent = manyDirectMessages(1, 300_000);
        String tooLargeToRead = "{\"for_user_id\":\"" + Fixtures.IT_ACCOUNT + "\",\"pad\":\"" + "x".repeat(WebhookHandler.MAX_BODY_BYTES) + "\"}";
        for (String body : List.of(oneHugeEvent, tooLargeToRead)) {
            APIGatewayV2HTTPResponse response = sqsSized(messages).handleRequest(request("POST",
                    Map.of("x-twitter-webhooks-signature", signature.sign(body.getBytes(StandardCharsets.UTF_8))), body), null);
            assertThat(response.getStatusCode()).isEqualTo(413);
        }
        assertThat(messages).isEmpty();
    }

    @Test
    void answersTheCrcCheck() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                EventLoader.loadApiGatewayHttpEvent("events/webhook-crc.json"), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).isEqualTo("{\"response_token\":\"sha256=tkNEg0seEcYQ8M3405Unns/xCXZPr0AfN2Yx77Yg+c8=\"}");
    }

    @Test
    void refusesACrcCheckWithoutToken() {
        assertThat(handler.handleRequest(request("GET", Map.of(), null), null).getStatusCode()).isEqualTo(400);
    }

    @Test
    void storesASignedEvent() {
        String body = Fixtures.webhook("tweet-new-incident");
        APIGatewayV2HTTPResponse response = post(body, signature.sign(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(stored).containsExactly(body);
    }

    @Test
    void rejectsAMissingOrWrongSignatureAndStoresNothing() {
        String body = Fixtures.webhook("tweet-new-incident");
        assertThat(post(body, null).getStatusCode()).isEqualTo(401);
        assertThat(post(body, "sha256=AAAA").getStatusCode()).isEqualTo(401);
        String tampered = body.replace("grades", "GRADES");
        assertThat(post(tampered, signature.sign(body.getBytes(StandardCharsets.UTF_8))).getStatusCode()).isEqualTo(401);
        assertThat(stored).isEmpty();
    }

    @Test
    void rejectsSignedMalformedJson() {
        String body = "{\"for_user_id\": \"1600000000000000001\", ";
        APIGatewayV2HTTPResponse response = post(body, signature.sign(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        assertThat(stored).isEmpty();
    }

    @Test
    void verifiesTheRawBytesOfABase64EncodedBodyWhateverTheHeaderCase() {
        String body = Fixtures.webhook("tweet-with-secret");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        APIGatewayV2HTTPEvent event = request("POST",
                Map.of("X-Twitter-Webhooks-Signature", signature.sign(bytes)),
                Base64.getEncoder().encodeToString(bytes));
        event.setIsBase64Encoded(true);
        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(200);
        assertThat(stored).containsExactly(body);
    }

    @Test
    void asksXToRetryWhenTheQueueIsDown() {
        WebhookHandler failing = new WebhookHandler(XCredentialSource.fixed(
                new XCredentials("ck", Fixtures.CONSUMER_SECRET, "at", "ats", "bt")), webhookOnly(body -> {
            throw new IllegalStateException("queue unavailable");
        }));
        String body = Fixtures.webhook("tweet-new-incident");
        APIGatewayV2HTTPEvent event = request("POST",
                Map.of("x-twitter-webhooks-signature", signature.sign(body.getBytes(StandardCharsets.UTF_8))), body);
        assertThat(failing.handleRequest(event, null).getStatusCode()).isEqualTo(503);
    }

    @Test
    void refusesOtherMethods() {
        assertThat(handler.handleRequest(request("DELETE", Map.of(), null), null).getStatusCode()).isEqualTo(405);
    }

    private APIGatewayV2HTTPResponse crc(WebhookHandler on, String token) {
        APIGatewayV2HTTPEvent crc = request("GET", Map.of(), null);
        crc.setQueryStringParameters(Map.of("crc_token", token));
        return on.handleRequest(crc, null);
    }

    @Test
    void refusesToSignAnythingShapedLikeAnEventBody() {
        // The oracle: a CRC answer for a JSON body would be that body's event signature.
        String forged = Fixtures.webhook("tweet-staff-outage");
        for (String token : List.of(forged, "{\"a\":1}", "abc def ghi", "\"quoted\"", "", "a:b", "x".repeat(129))) {
            APIGatewayV2HTTPResponse response = crc(handler, token);
            assertThat(response.getStatusCode()).as(token).isEqualTo(400);
            assertThat(response.getBody()).doesNotContain("sha256=");
        }
        assertThat(post(forged, signature.sign(forged.getBytes(StandardCharsets.UTF_8))).getStatusCode()).isEqualTo(200);
        stored.clear();
        assertThat(crc(handler, "9b4507b3-9040-4669-9ca3-6b94edb50553").getStatusCode()).isEqualTo(200);
        assertThat(crc(handler, "dGhpcyBpcyBhIHRva2Vu_-+/=").getStatusCode()).isEqualTo(200);
        // X's own examples: "foo" (the legacy Account Activity page) and "challenge_string" (the webhooks quickstart).
        assertThat(crc(handler, "foo").getBody()).contains("sha256=");
        assertThat(crc(handler, "challenge_string").getBody()).contains("sha256=");
        assertThat(crc(handler, "x".repeat(128)).getStatusCode()).isEqualTo(200);
    }

    @Test
    void anAppWithAClientSecretAnswersTheCrcWithItAndVerifiesTheOAuth2Header() {
        WebhookSignature both = new WebhookSignature(Fixtures.CONSUMER_SECRET, "test-client-secret");
        WebhookHandler withClientSecret = new WebhookHandler(XCredentialSource.fixed(
                new XCredentials("ck", Fixtures.CONSUMER_SECRET, "at", "ats", "bt", "test-client-secret")), webhookOnly(stored::add));
        // python3 -c "import hmac,hashlib,base64;print(base64.b64encode(hmac.new(b'test-client-secret',b'challenge-123',hashlib.sha256).digest()))"
        assertThat(crc(withClientSecret, "challenge-123").getBody())
                .isEqualTo("{\"response_token\":\"sha256=xrq33YuOv5DwPCuZ57Nmm36dt3Kq5X8tRBK9t374Pr0=\"}")
                .isNotEqualTo(crc(handler, "challenge-123").getBody());

        String body = Fixtures.webhook("tweet-new-incident");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        assertThat(withClientSecret.handleRequest(request("POST", Map.of(WebhookSignature.OAUTH2_HEADER, both.signOAuth2(bytes)), body), null)
                .getStatusCode()).isEqualTo(200);
        // Present, the OAuth 2.0 header decides: a wrong one is not rescued by a right legacy one.
        assertThat(withClientSecret.handleRequest(request("POST", Map.of(WebhookSignature.OAUTH2_HEADER, both.sign(bytes),
                WebhookSignature.LEGACY_HEADER, both.sign(bytes)), body), null).getStatusCode()).isEqualTo(401);
        // Absent, the legacy header under the consumer secret.
        assertThat(withClientSecret.handleRequest(request("POST", Map.of(WebhookSignature.LEGACY_HEADER, both.sign(bytes)), body), null)
                .getStatusCode()).isEqualTo(200);
        assertThat(stored).hasSize(2);
    }

    @Test
    void anAppWithOnlyAClientSecretAcceptsOnlyTheOAuth2Header() {
        WebhookSignature clientOnly = new WebhookSignature(null, "test-client-secret");
        WebhookHandler onlyClient = new WebhookHandler(XCredentialSource.fixed(
                new XCredentials("", "", "", "", "bt", "test-client-secret")), webhookOnly(stored::add));
        String body = Fixtures.webhook("tweet-new-incident");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        assertThat(onlyClient.handleRequest(request("POST", Map.of(WebhookSignature.LEGACY_HEADER, signature.sign(bytes)), body), null)
                .getStatusCode()).isEqualTo(401);
        assertThat(onlyClient.handleRequest(request("POST", Map.of(WebhookSignature.OAUTH2_HEADER, clientOnly.signOAuth2(bytes)), body), null)
                .getStatusCode()).isEqualTo(200);
        assertThat(stored).containsExactly(body);
    }

    @Test
    void answers503UntilTheSecretIsSetAndUsesARotatedSecretWithoutARestart() {
        java.util.concurrent.atomic.AtomicReference<XCredentials> secret =
                new java.util.concurrent.atomic.AtomicReference<>(new XCredentials("", "", "", "", ""));
        WebhookHandler firstDeploy = new WebhookHandler(secret::get, webhookOnly(stored::add));
        String body = Fixtures.webhook("tweet-new-incident");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        APIGatewayV2HTTPEvent event = request("POST", Map.of(WebhookSignature.LEGACY_HEADER, signature.sign(bytes)), body);
        assertThat(firstDeploy.handleRequest(event, null).getStatusCode()).isEqualTo(503);
        assertThat(crc(firstDeploy, "challenge-123").getStatusCode()).isEqualTo(503);

        secret.set(new XCredentials("ck", Fixtures.CONSUMER_SECRET, "at", "ats", "bt"));
        assertThat(firstDeploy.handleRequest(event, null).getStatusCode()).isEqualTo(200);

        secret.set(new XCredentials("ck", "rotated-secret", "at", "ats", "bt"));
        assertThat(firstDeploy.handleRequest(event, null).getStatusCode()).isEqualTo(401);
        byte[] same = bytes;
        assertThat(firstDeploy.handleRequest(request("POST", Map.of(WebhookSignature.LEGACY_HEADER,
                new WebhookSignature("rotated-secret").sign(same)), body), null).getStatusCode()).isEqualTo(200);
        assertThat(stored).hasSize(2);
    }
}
