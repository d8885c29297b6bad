package servicedesk.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import servicedesk.format.Json;
import servicedesk.format.Log;
import servicedesk.testing.Fixtures;

/**
 * The whole desk as template.yaml wires it, on moto's server and DynamoDB Local (started once, emptied
 * before every test) or on LocalStack (started once, a stack of its own for every test; see {@link Emulators}),
 * with WireMock standing in for the X API. Tests post signed webhook payloads through the HTTP routes,
 * then {@link #settle()} lets every queue and stream trigger run until nothing is left to do.
 */
abstract class EmulatedDesk {
    static final Path ROOT = ProjectRoot.find();
    static LocalBackend backend;
    static WireMockServer x;
    private static final AtomicLong X_IDS = new AtomicLong(1_000);
    /** The id the X stand-in gives every tweet in a test. */
    static String lastTweetId;

    LocalDeployment desk;
    ByteArrayOutputStream logs;

    @BeforeAll
    static void startEmulators() {
        backend = Emulators.backend();
        x = new WireMockServer(options().dynamicPort());
        x.start();
    }

    @AfterAll
    static void stopX() {
        x.stop();
    }

    @BeforeEach
    void deployDesk() {
        backend.reset();
        x.resetAll();
        x.stubFor(post(urlMatching("/2/dm_conversations/with/[0-9]+/messages")).atPriority(10)
                .willReturn(aResponse().withStatus(201).withHeader("content-type", "application/json")
                        .withBody("{\"data\":{\"dm_conversation_id\":\"c\",\"dm_event_id\":\"" + X_IDS.incrementAndGet() + "\"}}")));
        lastTweetId = Long.toString(X_IDS.incrementAndGet());
        x.stubFor(post(urlMatching("/2/tweets")).atPriority(10)
                .willReturn(aResponse().withStatus(201).withHeader("content-type", "application/json")
                        .withBody("{\"data\":{\"id\":\"" + lastTweetId + "\",\"text\":\"t\"}}")));
        logs = new ByteArrayOutputStream();
        Log.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
        Map<String, String> parameters = new LinkedHashMap<>(Map.of(
                "TwitterAccountId", Fixtures.IT_ACCOUNT,
                "StaffUserIds", Fixtures.DANA_STAFF,
                "ServiceDeskPhone", "+1 555 0199",
                "TwitterApiBaseUrl", x.baseUrl(),
                // A reply or DM waiting for what it belongs to is looked at again at once (draining ends its waits).
                "ParentWaitSeconds", "0"));
        parameters.putAll(moreParameters());
        desk = LocalDeployment.deploy(ROOT, backend, new LocalDeployment.Options(
                parameters,
                Map.of("TwitterCredentials", "{\"consumerKey\":\"ck\",\"consumerSecret\":\"" + Fixtures.CONSUMER_SECRET
                        + "\",\"accessToken\":\"at\",\"accessTokenSecret\":\"ats\",\"bearerToken\":\"bt\"}"),
                clock()));
    }

    /** Template parameters a test class sets beyond the defaults. */
    Map<String, String> moreParameters() {
        return Map.of();
    }

    /** The functions' clock; null for the system's. */
    java.time.Clock clock() {
        return null;
    }

    /** A queue subscribed to one of the template's topics, to see what it published. */
    String subscribe(String topicLogicalId) {
        return DeskLooks.subscribe(desk, topicLogicalId);
    }

    /** Everything on the queue, taken off it: a later call sees only what arrived since. */
    List<String> received(String queueUrl) {
        return DeskLooks.received(desk, queueUrl);
    }

    @AfterEach
    void closeDesk() {
        Log.redirect(System.out);
        desk.close();
    }

    APIGatewayV2HTTPResponse webhook(String body, String signature) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        if (signature != null) {
            headers.put("x-twitter-webhooks-signature", signature);
        }
        return desk.http("POST", "/webhooks/twitter", Map.of(), headers, body);
    }

    /** Posts a fixture as X would (signed) and lets the desk finish everything it causes. */
    APIGatewayV2HTTPResponse deliver(String fixture) {
        String body = Fixtures.webhook(fixture);
        APIGatewayV2HTTPResponse response = webhook(body, Fixtures.signatureOf(body));
        settle();
        return response;
    }

    /** Posts a payload signed as X would and lets the desk finish. */
    void deliverBody(String body) {
        webhook(body, Fixtures.signatureOf(body));
        settle();
    }

    void settle() {
        desk.drain();
    }

    JsonNode getJson(String path, Map<String, String> query) {
        return DeskLooks.getJson(desk, path, query);
    }

    List<LoggedRequest> directMessagesTo(String userId) {
        return x.findAll(postRequestedFor(urlMatching("/2/dm_conversations/with/" + userId + "/messages")));
    }

    List<LoggedRequest> allDirectMessages() {
        return x.findAll(postRequestedFor(urlMatching("/2/dm_conversations/with/[0-9]+/messages")));
    }

    List<LoggedRequest> tweets() {
        return x.findAll(postRequestedFor(urlMatching("/2/tweets")));
    }

    static String text(LoggedRequest request) {
        try {
            return Json.MAPPER.readTree(request.getBodyAsString()).path("text").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(LoggedRequest request) {
        try {
            return Json.MAPPER.readTree(request.getBodyAsString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    int messagesOn(String queueLogicalId) {
        return DeskLooks.messagesOn(desk, queueLogicalId);
    }

    /** Every item in the incidents table, as text, to check what was (not) stored. */
    String everythingStored() {
        return DeskLooks.everythingStored(desk);
    }

    String logText() {
        return logs.toString(StandardCharsets.UTF_8);
    }
}
