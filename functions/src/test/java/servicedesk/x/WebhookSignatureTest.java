package servicedesk.x;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    private final WebhookSignature signature = new WebhookSignature("test-consumer-secret");

    @Test
    void answersTheCrcChallengeAsXDocumentsIt() {
        // Expected value computed independently: python3 -c "import hmac,hashlib,base64;
        // print(base64.b64encode(hmac.new(b'test-consumer-secret', b'challenge-123', hashlib.sha256).digest()))"
        assertThat(signature.crcResponseToken("challenge-123"))
                .isEqualTo("sha256=tkNEg0seEcYQ8M3405Unns/xCXZPr0AfN2Yx77Yg+c8=");
    }

    @Test
    void acceptsOnlyTheExactSignatureOfTheExactBytes() {
        byte[] body = "{\"for_user_id\":\"1\"}".getBytes(StandardCharsets.UTF_8);
        String header = signature.sign(body);
        assertThat(signature.verify(body, header)).isTrue();
        assertThat(signature.verify("{\"for_user_id\":\"2\"}".getBytes(StandardCharsets.UTF_8), header)).isFalse();
        assertThat(signature.verify(body, null)).isFalse();
        assertThat(signature.verify(body, "")).isFalse();
        assertThat(signature.verify(body, header.substring("sha256=".length()))).isFalse();
        assertThat(signature.verify(body, new WebhookSignature("another-secret").sign(body))).isFalse();
    }

    @Test
    void theCrcAnswerUsesTheClientSecretWhenThereIsOne() {
        // python3 -c "import hmac,hashlib,base64;print(base64.b64encode(hmac.new(b'test-client-secret',b'challenge-123',hashlib.sha256).digest()))"
        assertThat(new WebhookSignature("test-consumer-secret", "test-client-secret").crcResponseToken("challenge-123"))
                .isEqualTo("sha256=xrq33YuOv5DwPCuZ57Nmm36dt3Kq5X8tRBK9t374Pr0=")
                .isNotEqualTo(signature.crcResponseToken("challenge-123"));
    }

    @Test
    void neverSignsATokenThatIsNotShapedLikeXs() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> signature.crcResponseToken("{\"for_user_id\":\"1\"}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(WebhookSignature.isCrcToken(" challenge-123")).isFalse();
        assertThat(WebhookSignature.isCrcToken(null)).isFalse();
        assertThat(WebhookSignature.isCrcToken("")).isFalse();
        assertThat(WebhookSignature.isCrcToken("x".repeat(129))).isFalse();
        for (String punctuation : java.util.List.of("{", "}", "\"", ":", ",", "[", "]", " ", "\n", ".")) {
            assertThat(WebhookSignature.isCrcToken("foo" + punctuation)).as(punctuation).isFalse();
        }
    }

    @Test
    void signsXsOwnShortExampleToken() {
        // The legacy Account Activity page's example token is "foo"; the length never protected anything.
        // python3 -c "import hmac,hashlib,base64;print(base64.b64encode(hmac.new(b'test-consumer-secret',b'foo',hashlib.sha256).digest()))"
        assertThat(signature.crcResponseToken("foo")).isEqualTo("sha256=BQFb4QX9IY+4lVTr8kXZQYVfi1CPuH3EIexPvg8Tycc=");
        assertThat(WebhookSignature.isCrcToken("x".repeat(128))).isTrue();
    }
}
