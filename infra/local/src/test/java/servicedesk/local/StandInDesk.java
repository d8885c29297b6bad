package servicedesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import servicedesk.format.Json;
import servicedesk.format.Log;
import servicedesk.golive.GoLive;
import servicedesk.intake.Reconciliation;
import servicedesk.testing.Fixtures;
import servicedesk.x.XApi;
import servicedesk.x.XCredentials;
import servicedesk.xstandin.DmEvent;
import servicedesk.xstandin.Options;
import servicedesk.xstandin.XStandIn;

/**
 * The whole desk as template.yaml wires it (on the emulator {@link Emulators} chooses, the real handlers) against the X stand-in:
 * people act on X, X delivers signed webhook POSTs to the desk's locally served webhook (or loses them while
 * it is down), and the desk's calls and reads go to the same X. Replies are looked at again at once
 * ({@code ParentWaitSeconds} 0), so draining the queues takes a waiting reply through its bounded waits.
 */
abstract class StandInDesk {
    static final Path ROOT = ProjectRoot.find();
    static final String IT = Fixtures.IT_ACCOUNT;
    static final String JO = Fixtures.JO;
    static final String SAM = Fixtures.SAM;
    static final String DANA = Fixtures.DANA_STAFF;

    XStandIn x;
    LocalDeployment desk;
    LocalGateway gateway;
    String webhookUrl;
    ByteArrayOutputStream logs;

    /** Template parameters a test class sets beyond the defaults (IntakeMode, …). */
    Map<String, String> moreParameters() {
        return Map.of();
    }

    Options xOptions() {
        return Options.defaults();
    }

    @BeforeEach
    void deployAgainstX() throws Exception {
        x = XStandIn.start(xOptions());
        logs = new ByteArrayOutputStream();
        Log.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
        Options o = x.options();
        Map<String, String> parameters = new LinkedHashMap<>(Map.of(
                "TwitterAccountId", o.accountId(),
                "StaffUserIds", DANA,
                "ServiceDeskPhone", "+1 555 0199",
                "TwitterApiBaseUrl", x.baseUrl(),
                "ParentWaitSeconds", "0"));
        parameters.putAll(moreParameters());
        String secret = Json.MAPPER.createObjectNode().put("consumerKey", o.consumerKey()).put("consumerSecret", o.consumerSecret())
                .put("accessToken", o.accessToken()).put("accessTokenSecret", o.accessTokenSecret())
                .put("bearerToken", o.bearerToken()).put("clientSecret", o.clientSecret()).toString();
        Emulators.backend().reset();
        desk = LocalDeployment.deploy(ROOT, Emulators.backend(),
                new LocalDeployment.Options(parameters, Map.of("TwitterCredentials", secret), x.clock()));
        int port = MotoServer.freePort();
        gateway = LocalGateway.start(port, desk);
        webhookUrl = "http://127.0.0.1:" + port + "/webhooks/twitter";
    }

    @AfterEach
    void stopAll() {
        Log.redirect(System.out);
        gateway.close();
        desk.close();
        x.close();
    }

    GoLive goLive(PrintStream out) {
        Options o = x.options();
        XCredentials credentials = new XCredentials(o.consumerKey(), o.consumerSecret(), o.accessToken(),
                o.accessTokenSecret(), o.bearerToken(), o.clientSecret());
        return new GoLive(new XApi(x.baseUrl(), credentials), credentials, o.accountId(), out);
    }

    /** infra/go-live as an operator runs it: the webhook registered and the IT account subscribed. */
    String goLive() throws GoLive.Failed {
        return goLive(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run(GoLive.Request.of(webhookUrl));
    }

    /**
     * Waits for X's deliveries to be made, then lets the desk finish everything they cause. A delivery still
     * pending after the wait fails here, by name, not later as something the desk seemingly never did.
     */
    void settle() {
        assertThat(x.awaitDeliveries(Duration.ofSeconds(20))).as("X made its deliveries within 20 s").isTrue();
        desk.drain();
    }

    /** One run of the scheduled reconciler, and everything it queued handled. */
    Reconciliation.Result reconcile() {
        ScheduledEvent event = new ScheduledEvent();
        event.setSource("aws.events");
        Reconciliation.Result result = (Reconciliation.Result) desk.invoke("ReconcilerFunction", event);
        desk.drain();
        return result;
    }

    JsonNode incidents() {
        return getJson("/incidents", Map.of()).path("incidents");
    }

    JsonNode incident(String number) {
        return getJson("/incidents/" + number, Map.of());
    }

    JsonNode getJson(String path, Map<String, String> query) {
        return DeskLooks.getJson(desk, path, query);
    }

    List<String> dmsTo(String userId) {
        return x.sentDms().stream().filter(dm -> dm.recipientId().equals(userId)).map(DmEvent::text).toList();
    }

    int messagesOn(String queueLogicalId) {
        return DeskLooks.messagesOn(desk, queueLogicalId);
    }

    String everythingStored() {
        return DeskLooks.everythingStored(desk);
    }

    String logText() {
        return logs.toString(StandardCharsets.UTF_8);
    }

    /** How many requests X received with this method on a path matching {@code pathRegex} (query left out). */
    long requests(String method, String pathRegex) {
        return x.wireMock().getAllServeEvents().stream()
                .filter(event -> event.getRequest().getMethod().value().equals(method)
                        && event.getRequest().getUrl().split("\\?")[0].matches(pathRegex))
                .count();
    }

    /**
     * The webhook unreachable long enough for X to mark it invalid (its periodic CRC checks failing for 28 hours
     * of X's time); {@code meanwhile} happens on X while it is, and it is back up five minutes before the method
     * returns, with X's failed deliveries made.
     */
    void webhookDownUntilXMarksItInvalid(Runnable meanwhile) {
        webhookDownUntilXMarksItInvalid();
        meanwhile.run();
        x.awaitDeliveries(Duration.ofSeconds(10));
        x.setWebhookDown(false);
        x.advance(Duration.ofMinutes(5));
    }

    /** The webhook unreachable until X marks it invalid (28 hours of X's time of failed CRC checks); it stays down. */
    void webhookDownUntilXMarksItInvalid() {
        x.setWebhookDown(true);
        x.advance(Duration.ofHours(29));
        Instant deadline = Instant.now().plusSeconds(20);
        while (x.webhooks().stream().anyMatch(XStandIn.Webhook::valid) && Instant.now().isBefore(deadline)) {
            MotoServer.sleep(100);
        }
        assertThat(x.webhooks()).noneMatch(XStandIn.Webhook::valid);
    }
}
