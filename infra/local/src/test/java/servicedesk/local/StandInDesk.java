package servicedesk.local;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import servicedesk.format.Json;
import servicedesk.messaging.OutboundKeys;
import servicedesk.testing.Fixtures;
import servicedesk.x.XApi;
import servicedesk.x.XCredentials;
import servicedesk.xstandin.Options;
import servicedesk.xstandin.Post;
import servicedesk.xstandin.XStandIn;

/**
 * The whole desk (as {@link EmulatedDesk} deploys it) against the X stand-in held to X's reference, instead of
 * WireMock stubs: the desk's webhook is served on a local port, registered with the stand-in and subscribed, so
 * reports are posted on the stand-in's X and reach the desk signed, as X would deliver them. The desk's clock is
 * X's: a test moves time with {@code x().advance(…)}.
 */
abstract class StandInDesk extends EmulatedDesk {
    static final String JO = Fixtures.JO;
    static final String SAM = Fixtures.SAM;

    /** One stand-in per test (its windows, posts and switches start fresh); its app has no OAuth 2.0 client secret. */
    private final XStandIn standIn = XStandIn.start(Options.defaults().withCredentials("test-consumer-key",
            Fixtures.CONSUMER_SECRET, Fixtures.IT_ACCOUNT + "-testAccessToken", "test-access-token-secret",
            "AAAAAAAAAAAAAAAAAAAAAtestbearer", ""));
    private LocalGateway gateway;

    XStandIn x() {
        return standIn;
    }

    @Override
    String xBaseUrl() {
        return standIn.baseUrl();
    }

    @Override
    String twitterCredentials() {
        Options o = standIn.options();
        return Json.MAPPER.createObjectNode().put("consumerKey", o.consumerKey()).put("consumerSecret", o.consumerSecret())
                .put("accessToken", o.accessToken()).put("accessTokenSecret", o.accessTokenSecret())
                .put("bearerToken", o.bearerToken()).toString();
    }

    @Override
    Clock clock() {
        return standIn.clock();
    }

    @BeforeEach
    void goLiveOnTheStandIn() throws Exception {
        int port = MotoServer.freePort();
        gateway = LocalGateway.start(port, desk);
        Options o = standIn.options();
        XApi api = new XApi(standIn.baseUrl(), new XCredentials(o.consumerKey(), o.consumerSecret(), o.accessToken(),
                o.accessTokenSecret(), o.bearerToken()));
        String webhook = api.postAsApp("/2/webhooks", new twitter4j.JSONObject()
                .put("url", "http://127.0.0.1:" + port + "/webhooks/twitter")).body().getJSONObject("data").getString("id");
        api.postAsUser("/2/account_activity/webhooks/" + webhook + "/subscriptions/all");
    }

    @AfterEach
    void stopTheStandIn() {
        gateway.close();
        standIn.close();
    }

    /** A user posts on X; the desk receives it and does everything it causes. */
    Post reports(String userId, String handle, String text) {
        Post post = standIn.userPosts(userId, handle, text);
        delivered();
        return post;
    }

    /** Lets every delivery the stand-in has started reach the desk, and the desk finish. */
    void delivered() {
        standIn.awaitDeliveries(Duration.ofSeconds(10));
        settle();
    }

    /** The sender woken (as its queued wake-up or the heartbeat would), then everything that follows. */
    void wakeTheSender() {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(UUID.randomUUID().toString());
        message.setBody(new OutboundKeys(List.of()).json());
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        desk.invoke("SenderFunction", event);
        delivered();
    }

    /** X's time moves on by {@code duration}; then the sender is woken. */
    void later(Duration duration) {
        standIn.advance(duration);
        wakeTheSender();
    }

    JsonNode outbox() {
        return getJson("/outbox", Map.of());
    }

    /** The state and failure of an outbox message, as the table holds it. */
    String messageState(String key) {
        var item = desk.dynamoDb().getItem(get -> get.tableName(desk.tableName("IncidentsTable"))
                .key(Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("MSG#" + key),
                        "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("MSG")))).item();
        return item.get("deliveryState").s() + (item.containsKey("failure") ? ": " + item.get("failure").s() : "");
    }

    List<String> timeline(String number) {
        return getJson("/incidents/" + number, Map.of()).path("timeline").findValuesAsText("text");
    }

    /** Requests the stand-in answered for a method and path (a regex). */
    long requests(String method, String pathRegex) {
        return standIn.wireMock().getAllServeEvents().stream()
                .filter(event -> event.getRequest().getMethod().value().equals(method)
                        && event.getRequest().getUrl().split("\\?")[0].matches(pathRegex))
                .count();
    }
}
