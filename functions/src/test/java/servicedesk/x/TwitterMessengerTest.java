package servicedesk.x;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import servicedesk.notify.Delivery;
import servicedesk.notify.RateLimit;

/** The X API adapter against a real local HTTP server standing in for X. */
class TwitterMessengerTest {
    private static final XCredentials CREDENTIALS =
            new XCredentials("consumer-key", "consumer-secret", "access-token", "access-token-secret", "bearer");

    private WireMockServer x;
    private TwitterMessenger messenger;

    @BeforeEach
    void start() {
        x = new WireMockServer(options().dynamicPort());
        x.start();
        messenger = new TwitterMessenger(new XApi(x.baseUrl(), CREDENTIALS));
    }

    @AfterEach
    void stop() {
        x.stop();
    }

    @Test
    void sendsADirectMessageThroughTheV2EndpointSignedAsTheItAccount() throws Exception {
        x.stubFor(post(urlEqualTo("/2/dm_conversations/with/1700000000000000002/messages"))
                .willReturn(aResponse().withStatus(201).withHeader("content-type", "application/json")
                        .withBody("{\"data\":{\"dm_conversation_id\":\"1-2\",\"dm_event_id\":\"555\"}}")));

        Delivery delivery = messenger.directMessage("1700000000000000002", "We opened INC0000001 & more");

        assertThat(delivery).isEqualTo(new Delivery.Sent("555", null));
        x.verify(postRequestedFor(urlEqualTo("/2/dm_conversations/with/1700000000000000002/messages"))
                .withHeader("Content-Type", matching("application/json.*"))
                .withRequestBody(equalToJson("{\"text\":\"We opened INC0000001 & more\"}")));
        LoggedRequest request = x.findAll(postRequestedFor(urlEqualTo("/2/dm_conversations/with/1700000000000000002/messages"))).get(0);
        assertValidOAuth1Signature(request, x.baseUrl() + "/2/dm_conversations/with/1700000000000000002/messages");
    }

    @Test
    void repliesPubliclyWithAV2Tweet() {
        long reset = Instant.now().plusSeconds(900).getEpochSecond();
        x.stubFor(post(urlEqualTo("/2/tweets")).willReturn(aResponse().withStatus(201)
                .withHeader("x-rate-limit-remaining", "99").withHeader("x-rate-limit-reset", Long.toString(reset))
                .withBody("{\"data\":{\"id\":\"777\",\"text\":\"t\"}}")));

        assertThat(messenger.reply("1990000000000000101", "Logged as INC0000001"))
                .isEqualTo(new Delivery.Sent("777", new RateLimit(99, Instant.ofEpochSecond(reset))));
        x.verify(postRequestedFor(urlEqualTo("/2/tweets")).withRequestBody(equalToJson(
                "{\"text\":\"Logged as INC0000001\",\"reply\":{\"in_reply_to_tweet_id\":\"1990000000000000101\"}}")));
    }

    @Test
    void reportsARefusedDirectMessage() {
        x.stubFor(post(urlEqualTo("/2/dm_conversations/with/42/messages")).willReturn(aResponse().withStatus(403)
                .withBody("{\"title\":\"Forbidden\",\"detail\":\"You are not permitted to send Direct Messages to this user.\",\"status\":403}")));

        Delivery delivery = messenger.directMessage("42", "hello");

        assertThat(delivery).isInstanceOf(Delivery.Refused.class);
        assertThat(((Delivery.Refused) delivery).status()).isEqualTo(403);
        assertThat(((Delivery.Refused) delivery).reason()).contains("not permitted");
    }

    @Test
    void honoursTheRateLimitReset() {
        long reset = Instant.now().plusSeconds(600).getEpochSecond();
        x.stubFor(post(urlEqualTo("/2/tweets")).willReturn(aResponse().withStatus(429)
                .withHeader("x-rate-limit-limit", "200").withHeader("x-rate-limit-remaining", "0")
                .withHeader("x-rate-limit-reset", Long.toString(reset))
                .withBody("{\"title\":\"Too Many Requests\",\"status\":429}")));

        assertThat(messenger.post("hello")).isEqualTo(new Delivery.RateLimited(Instant.ofEpochSecond(reset)));
    }

    @Test
    void treatsServerErrorsAsRetryableAndDeadServersAsNeverSent() {
        x.stubFor(post(urlEqualTo("/2/tweets")).willReturn(aResponse().withStatus(503)));
        assertThat(messenger.post("hello")).isInstanceOf(Delivery.Unavailable.class);

        x.stop();
        assertThat(messenger.post("hello")).isInstanceOf(Delivery.Unavailable.class);
    }

    /** Recomputes the OAuth 1.0a HMAC-SHA1 signature from the request as the server saw it. */
    private static void assertValidOAuth1Signature(LoggedRequest request, String url) throws Exception {
        String header = request.getHeader("Authorization");
        assertThat(header).startsWith("OAuth ");
        Map<String, String> oauth = new TreeMap<>();
        for (String part : header.substring("OAuth ".length()).split(",")) {
            String[] pair = part.trim().split("=", 2);
            oauth.put(pair[0], URLDecoder.decode(pair[1].replace("\"", ""), StandardCharsets.UTF_8));
        }
        assertThat(oauth).containsEntry("oauth_consumer_key", "consumer-key")
                .containsEntry("oauth_token", "access-token")
                .containsEntry("oauth_signature_method", "HMAC-SHA1");
        String signature = oauth.remove("oauth_signature");
        oauth.remove("realm");
        String parameters = oauth.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        String base = "POST&" + encode(url) + "&" + encode(parameters);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec((encode("consumer-secret") + "&" + encode("access-token-secret"))
                .getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        assertThat(Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(signature);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
