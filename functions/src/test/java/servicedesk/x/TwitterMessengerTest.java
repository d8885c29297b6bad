package servicedesk.x;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
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
import servicedesk.notify.Lookup;
import servicedesk.notify.OutboundMessage;
import servicedesk.notify.RateLimit;

/**
 * The X API adapter's write side and its classes of failure, against a local HTTP server answering with the
 * bodies and headers of X's reference (docs/x-api-reference.md §1, §2, §9, §10). The same cases against the
 * stateful X stand-in are in infra/local's SendingIntegrationTest.
 */
class TwitterMessengerTest {
    private static final XCredentials CREDENTIALS =
            new XCredentials("consumer-key", "consumer-secret", "access-token", "access-token-secret", "bearer");
    private static final String ACCOUNT = "1600000000000000001";
    private static final String DM_PATH = "/2/dm_conversations/with/1700000000000000002/messages";

    private WireMockServer x;
    private TwitterMessenger messenger;

    @BeforeEach
    void start() {
        x = new WireMockServer(options().dynamicPort());
        x.start();
        messenger = new TwitterMessenger(new XApi(x.baseUrl(), CREDENTIALS), ACCOUNT);
    }

    @AfterEach
    void stop() {
        x.stop();
    }

    private void answer(String path, ResponseDefinitionBuilder response) {
        x.stubFor(post(urlEqualTo(path)).willReturn(response.withHeader("content-type", "application/json")));
    }

    /** A 403 for tokens without the endpoint's app permission, as field reports quote it. */
    private static final String OAUTH1_PERMISSIONS = "{\"title\":\"Forbidden\",\"detail\":\"Your client app is not configured "
            + "with the appropriate oauth1 app permissions for this endpoint.\",\"type\":\"https://api.x.com/2/problems/"
            + "oauth1-permissions\",\"status\":403}";

    private static ResponseDefinitionBuilder problem(int status, String body) {
        return aResponse().withStatus(status).withBody(body);
    }

    @Test
    void sendsADirectMessageThroughTheV2EndpointSignedAsTheItAccount() throws Exception {
        long reset = Instant.now().plusSeconds(900).getEpochSecond();
        answer(DM_PATH, aResponse().withStatus(201).withHeader("x-rate-limit-limit", "15")
                .withHeader("x-rate-limit-remaining", "14").withHeader("x-rate-limit-reset", Long.toString(reset))
                .withBody("{\"data\":{\"dm_conversation_id\":\"1-2\",\"dm_event_id\":\"555\"}}"));

        Delivery delivery = messenger.directMessage("1700000000000000002", "We opened INC0000001 & more");

        assertThat(delivery).isEqualTo(new Delivery.Sent("555",
                new RateLimit(new RateLimit.Window(15, 14, after(reset)), null, null)));
        x.verify(postRequestedFor(urlEqualTo(DM_PATH))
                .withHeader("Content-Type", matching("application/json.*"))
                .withRequestBody(equalToJson("{\"text\":\"We opened INC0000001 & more\"}")));
        assertValidOAuth1Signature(x.findAll(postRequestedFor(urlEqualTo(DM_PATH))).get(0), "POST", x.baseUrl() + DM_PATH);
    }

    @Test
    void repliesPubliclyWithAV2TweetAndReadsThe24HourHeadersToo() {
        long reset = Instant.now().plusSeconds(900).getEpochSecond();
        long day = Instant.now().plusSeconds(80_000).getEpochSecond();
        answer("/2/tweets", aResponse().withStatus(201)
                .withHeader("x-rate-limit-limit", "100").withHeader("x-rate-limit-remaining", "99")
                .withHeader("x-rate-limit-reset", Long.toString(reset))
                .withHeader("x-app-limit-24hour-limit", "10000").withHeader("x-app-limit-24hour-remaining", "9000")
                .withHeader("x-app-limit-24hour-reset", Long.toString(day))
                .withBody("{\"data\":{\"id\":\"777\",\"text\":\"t\"}}"));

        assertThat(messenger.reply("1990000000000000101", "Logged as INC0000001")).isEqualTo(new Delivery.Sent("777",
                new RateLimit(new RateLimit.Window(100, 99, after(reset)), null,
                        new RateLimit.Window(10000, 9000, after(day)))));
        x.verify(postRequestedFor(urlEqualTo("/2/tweets")).withRequestBody(equalToJson(
                "{\"text\":\"Logged as INC0000001\",\"reply\":{\"in_reply_to_tweet_id\":\"1990000000000000101\"}}")));
    }

    @Test
    void aDmTheRecipientDoesNotAcceptIsRefusedForThatMessageOnly() {
        answer(DM_PATH, problem(403, "{\"title\":\"Recipient Not Messageable\",\"detail\":\"You cannot send Direct Messages "
                + "to this user.\",\"type\":\"https://api.x.com/2/problems/recipient-not-messageable\",\"status\":403}"));

        Delivery delivery = messenger.directMessage("1700000000000000002", "hello");

        assertThat(delivery).isInstanceOf(Delivery.Refused.class);
        assertThat(((Delivery.Refused) delivery).refusal()).isEqualTo(Delivery.Refusal.NOT_MESSAGEABLE);
        assertThat(((Delivery.Refused) delivery).reason()).contains("cannot send Direct Messages");
    }

    @Test
    void aDmRefusalWithoutAProblemTypeIsThatMessagesRefusal() {
        // X's older error bodies carry no "type": the 403 is still one recipient's refusal, not a crash of the round.
        answer(DM_PATH, problem(403, "{\"detail\":\"You are not permitted to send Direct Messages to this user.\",\"status\":403}"));

        Delivery delivery = messenger.directMessage("1700000000000000002", "hello");

        assertThat(delivery).isInstanceOf(Delivery.Refused.class);
        assertThat(((Delivery.Refused) delivery).refusal()).isEqualTo(Delivery.Refusal.NOT_MESSAGEABLE);
    }

    @Test
    void postsAreRefusedAsDuplicatesRepliesAsNotAllowedOrNotVisible() {
        answer("/2/tweets", problem(403, "{\"detail\":\"You are not allowed to create a Tweet with duplicate content.\","
                + "\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403}"));
        assertThat(((Delivery.Refused) messenger.post("same")).refusal()).isEqualTo(Delivery.Refusal.DUPLICATE);

        answer("/2/tweets", problem(403, "{\"title\":\"Forbidden\",\"detail\":\"You can only reply to or quote posts where "
                + "you are mentioned or are the author.\",\"type\":\"about:blank\",\"status\":403}"));
        assertThat(((Delivery.Refused) messenger.reply("5", "hi")).refusal()).isEqualTo(Delivery.Refusal.REPLY_NOT_ALLOWED);

        answer("/2/tweets", problem(403, "{\"title\":\"Forbidden\",\"detail\":\"You attempted to reply to a Tweet that is "
                + "deleted or not visible to you.\",\"type\":\"about:blank\",\"status\":403}"));
        assertThat(((Delivery.Refused) messenger.reply("5", "hi")).refusal()).isEqualTo(Delivery.Refusal.NOT_VISIBLE);

        answer("/2/tweets", problem(400, "{\"errors\":[{\"message\":\"$.text: the text is 300 weighted characters\"}],"
                + "\"title\":\"Invalid Request\",\"detail\":\"One or more parameters to your request was invalid.\","
                + "\"type\":\"https://api.twitter.com/2/problems/invalid-request\"}"));
        assertThat(((Delivery.Refused) messenger.post("long")).refusal()).isEqualTo(Delivery.Refusal.INVALID);
    }

    @Test
    void failuresOfTheWholeAccountAreTheirOwnClass() {
        Map<String, Map.Entry<Integer, Delivery.AccountProblem>> bodies = Map.of(
                "{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,\"detail\":\"Unauthorized\"}",
                Map.entry(401, Delivery.AccountProblem.CREDENTIALS),
                "{\"title\":\"CreditsDepleted\",\"detail\":\"Your enrolled account [1] does not have any credits to fulfill "
                        + "this request.\",\"type\":\"https://api.x.com/2/problems/credits-depleted\",\"account_id\":\"1\"}",
                Map.entry(402, Delivery.AccountProblem.CREDITS),
                "{\"client_id\":\"101010101\",\"required_enrollment\":\"Standard Basic\",\"title\":\"Client Forbidden\","
                        + "\"detail\":\"This request must be made using an approved developer account that is enrolled in the "
                        + "requested endpoint.\",\"reason\":\"client-not-enrolled\",\"type\":\"https://api.x.com/2/problems/client-forbidden\"}",
                Map.entry(403, Delivery.AccountProblem.FORBIDDEN),
                // Tokens without the app's Direct Message permission: every DM fails alike, not one recipient.
                OAUTH1_PERMISSIONS,
                Map.entry(403, Delivery.AccountProblem.FORBIDDEN),
                "{\"account_id\":\"1\",\"product_name\":\"standard-basic\",\"title\":\"UsageCapExceeded\",\"period\":\"Monthly\","
                        + "\"scope\":\"Product\",\"detail\":\"Usage cap exceeded: Monthly product cap\","
                        + "\"type\":\"https://api.twitter.com/2/problems/usage-capped\"}",
                Map.entry(429, Delivery.AccountProblem.USAGE_CAPPED));
        bodies.forEach((body, expected) -> {
            answer(DM_PATH, problem(expected.getKey(), body));
            Delivery delivery = messenger.directMessage("1700000000000000002", "hello");
            assertThat(delivery).as(body).isInstanceOf(Delivery.AccountFailed.class);
            assertThat(((Delivery.AccountFailed) delivery).problem()).isEqualTo(expected.getValue());
            assertThat(((Delivery.AccountFailed) delivery).status()).isEqualTo(expected.getKey());
        });
    }

    @Test
    void aRateLimitGivesItsResetAndItsDailyWindowsWhenXSendsThem() {
        long reset = Instant.now().plusSeconds(600).getEpochSecond();
        long day = Instant.now().plusSeconds(40_000).getEpochSecond();
        answer(DM_PATH, problem(429, "{\"errors\":[{\"code\":88,\"message\":\"Rate limit exceeded\"}]}")
                .withHeader("x-rate-limit-limit", "15").withHeader("x-rate-limit-remaining", "3")
                .withHeader("x-rate-limit-reset", Long.toString(reset))
                .withHeader("x-user-limit-24hour-limit", "1440").withHeader("x-user-limit-24hour-remaining", "0")
                .withHeader("x-user-limit-24hour-reset", Long.toString(day)));

        Delivery delivery = messenger.directMessage("1700000000000000002", "hello");

        assertThat(delivery).isEqualTo(new Delivery.RateLimited(after(reset),
                new RateLimit(new RateLimit.Window(15, 3, after(reset)),
                        new RateLimit.Window(1440, 0, after(day)), null)));
        assertThat(((Delivery.RateLimited) delivery).limit().exhaustedUntil()).isEqualTo(after(day));
    }

    @Test
    void aResetAloneIsEnoughToWaitForIt() {
        long reset = Instant.now().plusSeconds(120).getEpochSecond();
        answer(DM_PATH, problem(429, "{\"title\":\"Too Many Requests\",\"status\":429}")
                .withHeader("x-rate-limit-reset", Long.toString(reset)));

        assertThat(messenger.directMessage("1700000000000000002", "hello"))
                .isEqualTo(new Delivery.RateLimited(after(reset), RateLimit.NONE));
    }

    @Test
    void aRateLimitWithoutAResetHeaderDoesNotThrow() {
        answer("/2/tweets", problem(429, "{\"errors\":[{\"code\":88,\"message\":\"Rate limit exceeded\"}]}"));

        assertThat(messenger.post("hello")).isEqualTo(new Delivery.RateLimited(null, RateLimit.NONE));
    }

    @Test
    void aServerErrorAfterAWriteLeavesTheOutcomeUnknownAndADeadServerMeansNeverSent() {
        answer("/2/tweets", problem(503, "{\"title\":\"Service Unavailable\",\"detail\":\"Service Unavailable\",\"type\":\"about:blank\",\"status\":503}"));
        assertThat(messenger.post("hello")).isInstanceOf(Delivery.Uncertain.class);

        x.stop();
        assertThat(messenger.post("hello")).isInstanceOf(Delivery.Unavailable.class);
    }

    @Test
    void probesWithTheCheapestUserRead() throws Exception {
        x.stubFor(get(urlEqualTo("/2/users/me")).willReturn(aResponse().withStatus(200)
                .withBody("{\"data\":{\"id\":\"" + ACCOUNT + "\",\"name\":\"IT\",\"username\":\"ITHelp\"}}")));

        assertThat(messenger.probe(Delivery.AccountProblem.CREDITS)).isInstanceOf(Delivery.Sent.class);
        assertValidOAuth1Signature(x.findAll(getRequestedFor(urlEqualTo("/2/users/me"))).get(0), "GET", x.baseUrl() + "/2/users/me");
    }

    @Test
    void aForbiddenAccountIsProbedWithARequestThatNeedsTheDirectMessagePermission() {
        // Reading the account needs only Read: it would end the pause while every DM is still refused.
        x.stubFor(get(urlEqualTo("/2/users/me")).willReturn(aResponse().withStatus(200)
                .withBody("{\"data\":{\"id\":\"" + ACCOUNT + "\",\"name\":\"IT\",\"username\":\"ITHelp\"}}")));
        x.stubFor(get(urlPathEqualTo("/2/dm_events")).willReturn(aResponse().withStatus(403)
                .withHeader("content-type", "application/problem+json")
                .withBody(OAUTH1_PERMISSIONS)));

        assertThat(messenger.probe(Delivery.AccountProblem.FORBIDDEN)).isInstanceOf(Delivery.AccountFailed.class);
        assertThat(x.findAll(getRequestedFor(urlPathEqualTo("/2/dm_events"))).get(0).queryParameter("max_results").firstValue())
                .isEqualTo("1");
        assertThat(x.findAll(getRequestedFor(urlEqualTo("/2/users/me")))).isEmpty();
    }

    @Test
    void findsASentDmInTheConversationByItsSenderAndText() {
        x.stubFor(get(urlPathEqualTo("/2/dm_conversations/with/1700000000000000002/dm_events")).willReturn(aResponse()
                .withStatus(200).withBody("{\"data\":[{\"id\":\"9\",\"event_type\":\"MessageCreate\",\"text\":\"thanks\","
                        + "\"sender_id\":\"1700000000000000002\",\"created_at\":\"2026-01-01T10:01:00.000Z\"},"
                        + "{\"id\":\"8\",\"event_type\":\"MessageCreate\",\"text\":\"We opened INC0000001 & more\","
                        + "\"sender_id\":\"" + ACCOUNT + "\",\"created_at\":\"2026-01-01T10:00:00.000Z\"}],"
                        + "\"meta\":{\"result_count\":2}}")));
        OutboundMessage dm = OutboundMessage.directMessage("opened:1", "1700000000000000002", "We opened INC0000001 & more", "INC0000001");

        assertThat(messenger.findSent(dm, Instant.parse("2026-01-01T09:58:00Z"))).isEqualTo(new Lookup.Found("8", 2));
        assertThat(messenger.findSent(dm.saying("something else", null), Instant.parse("2026-01-01T09:58:00Z")))
                .isEqualTo(new Lookup.NotFound(2));
        LoggedRequest read = x.findAll(getRequestedFor(urlPathEqualTo("/2/dm_conversations/with/1700000000000000002/dm_events"))).get(0);
        assertThat(read.queryParameter("max_results").firstValue()).isEqualTo("10");
        assertThat(read.queryParameter("event_types").firstValue()).isEqualTo("MessageCreate");
        assertThat(read.queryParameter("dm_event.fields").firstValue()).isEqualTo("created_at,sender_id,text");
    }

    @Test
    void findsASentReplyAmongTheAccountsPostsAsXShowsItsText() {
        x.stubFor(get(urlPathEqualTo("/2/users/" + ACCOUNT + "/tweets")).willReturn(aResponse().withStatus(200)
                .withBody("{\"data\":[{\"id\":\"71\",\"text\":\"Logged as INC0000001 &amp; see https://t.co/abc\","
                        + "\"referenced_tweets\":[{\"type\":\"replied_to\",\"id\":\"101\"}]}],\"meta\":{\"result_count\":1}}")));
        OutboundMessage reply = OutboundMessage.publicReply("opened:101", "42", "101", "Logged as INC0000001 & see https://status.example/x");

        assertThat(messenger.findSent(reply, Instant.parse("2026-01-01T09:58:00Z"))).isEqualTo(new Lookup.Found("71", 1));
        assertThat(messenger.findSent(OutboundMessage.publicReply("opened:102", "42", "102", reply.text()),
                Instant.parse("2026-01-01T09:58:00Z"))).isEqualTo(new Lookup.NotFound(1));
        LoggedRequest read = x.findAll(getRequestedFor(urlPathEqualTo("/2/users/" + ACCOUNT + "/tweets"))).get(0);
        assertThat(read.queryParameter("start_time").firstValue()).isEqualTo("2026-01-01T09:58:00Z");
        assertThat(read.queryParameter("tweet.fields").firstValue()).isEqualTo("created_at,referenced_tweets");
    }

    @Test
    void aLookupThatIsRateLimitedSaysWhenToLookAgain() {
        long reset = Instant.now().plusSeconds(300).getEpochSecond();
        x.stubFor(get(urlPathEqualTo("/2/dm_conversations/with/42/dm_events")).willReturn(problem(429,
                "{\"errors\":[{\"code\":88,\"message\":\"Rate limit exceeded\"}]}").withHeader("x-rate-limit-remaining", "0")
                .withHeader("x-rate-limit-reset", Long.toString(reset))));

        Lookup lookup = messenger.findSent(OutboundMessage.directMessage("k", "42", "t", null), Instant.now());

        assertThat(lookup).isInstanceOf(Lookup.Unknown.class);
        assertThat(((Lookup.Unknown) lookup).retryAt()).isEqualTo(after(reset));
    }

    /** X's reset in epoch seconds, as the desk waits for it: the next whole second (X truncates the instant). */
    private static Instant after(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond + 1);
    }

    /** Recomputes the OAuth 1.0a HMAC-SHA1 signature from the request as the server saw it. */
    private static void assertValidOAuth1Signature(LoggedRequest request, String method, String url) throws Exception {
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
        String base = method + "&" + encode(url) + "&" + encode(parameters);
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
