package servicedesk.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import servicedesk.testing.Fixtures;

class WebhookHandlerTest {
    private final WebhookSignature signature = new WebhookSignature(Fixtures.CONSUMER_SECRET);
    private final List<String> stored = new ArrayList<>();
    private final WebhookHandler handler = new WebhookHandler(signature, stored::add);

    private static APIGatewayV2HTTPEvent request(String method, Map<String, String> headers, String body) {
        return APIGatewayV2HTTPEvent.builder()
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).build())
                        .build())
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }

    private APIGatewayV2HTTPResponse post(String body, String signatureHeader) {
        return handler.handleRequest(request("POST",
                signatureHeader == null ? Map.of() : Map.of("x-twitter-webhooks-signature", signatureHeader), body), null);
    }

    @Test
    void answersTheCrcCheck() {
        APIGatewayV2HTTPEvent crc = request("GET", Map.of(), null);
        crc.setQueryStringParameters(Map.of("crc_token", "challenge-123"));
        APIGatewayV2HTTPResponse response = handler.handleRequest(crc, null);
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
        WebhookHandler failing = new WebhookHandler(signature, body -> {
            throw new IllegalStateException("queue unavailable");
        });
        String body = Fixtures.webhook("tweet-new-incident");
        APIGatewayV2HTTPEvent event = request("POST",
                Map.of("x-twitter-webhooks-signature", signature.sign(body.getBytes(StandardCharsets.UTF_8))), body);
        assertThat(failing.handleRequest(event, null).getStatusCode()).isEqualTo(503);
    }

    @Test
    void refusesOtherMethods() {
        assertThat(handler.handleRequest(request("DELETE", Map.of(), null), null).getStatusCode()).isEqualTo(405);
    }
}
