package servicedesk.local;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import servicedesk.golive.GoLive;
import servicedesk.x.XApi;
import servicedesk.x.XAppCalls;
import servicedesk.x.XCredentials;
import servicedesk.xstandin.Post;
import servicedesk.xstandin.XStandIn;
import twitter4j.JSONObject;

/** infra/go-live against the X stand-in, with the desk's webhook served locally (X's CRC checks reach it). */
class GoLiveIntegrationTest extends StandInDesk {
    private static final DateTimeFormatter X_MINUTE = DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private String run(GoLive.Request request) throws GoLive.Failed {
        return goLive(new PrintStream(printed, true, StandardCharsets.UTF_8)).run(request);
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private List<LoggedRequest> changes() {
        return x.wireMock().findAll(anyRequestedFor(anyUrl())).stream()
                .filter(request -> !request.getMethod().getName().equals("GET")).toList();
    }

    private XAppCalls app() {
        var o = x.options();
        return new XAppCalls(new XApi(x.baseUrl(), new XCredentials(o.consumerKey(), o.consumerSecret(), o.accessToken(),
                o.accessTokenSecret(), o.bearerToken(), o.clientSecret())));
    }

    @Test
    void registersTheWebhookWithTheBearerTokenAsIssuedAndSubscribesTheItAccount() throws Exception {
        assertThat(x.options().bearerToken()).contains("%2B").contains("%3D");

        String id = run(GoLive.Request.of(webhookUrl));

        assertThat(x.webhooks()).containsExactly(new XStandIn.Webhook(id, webhookUrl, true));
        assertThat(x.authFailures()).isEmpty();
        assertThat(x.wireMock().findAll(anyRequestedFor(anyUrl())).stream()
                .filter(request -> request.getUrl().startsWith("/2/webhooks"))
                .map(request -> request.getHeader("Authorization")))
                .isNotEmpty().allMatch(header -> header.equals("Bearer " + x.options().bearerToken()));
        assertThat(printed()).contains("CRC check passed", "Registered webhook " + id, "Subscribed the IT account");

        // Subscribed: what a user posts now reaches the desk.
        x.userPosts(JO, "jo_student", "@ITHelp #wifi no signal in the library");
        settle();
        assertThat(incidents()).hasSize(1);
    }

    @Test
    void aSecondRunWithNothingChangedSucceedsAndChangesNothing() throws Exception {
        String id = run(GoLive.Request.of(webhookUrl));
        int before = changes().size();

        assertThat(run(GoLive.Request.of(webhookUrl))).isEqualTo(id);

        assertThat(changes()).hasSize(before);
        assertThat(printed()).contains("is registered and valid: unchanged", "is subscribed to webhook " + id + ": unchanged");
        assertThat(x.webhooks()).hasSize(1);
    }

    @Test
    void anotherWebhookOfTheAppIsReplacedOnlyWhenAsked() throws Exception {
        String oldId;
        try (LocalGateway other = LocalGateway.start(MotoServer.freePort(), desk)) {
            String otherUrl = "http://127.0.0.1:" + other.port() + "/webhooks/twitter";
            oldId = run(GoLive.Request.of(otherUrl));

            assertThatThrownBy(() -> run(GoLive.Request.of(webhookUrl))).isInstanceOf(GoLive.Failed.class)
                    .hasMessageContaining("pay-per-use allows one").hasMessageContaining("--replace").hasMessageContaining(otherUrl);
            assertThat(x.webhooks()).extracting(XStandIn.Webhook::url).containsExactly(otherUrl);

            String id = run(new GoLive.Request(webhookUrl, true, false, null, null));
            assertThat(id).isNotEqualTo(oldId);
            assertThat(x.webhooks()).containsExactly(new XStandIn.Webhook(id, webhookUrl, true));
            assertThat(printed()).contains("Removed webhook " + oldId);
        }
    }

    @Test
    void aWebhookXMarkedInvalidIsRevalidatedAndAFailedCheckIsSaidPlainly() throws Exception {
        String id = run(GoLive.Request.of(webhookUrl));
        x.setWebhookDown(true);
        // X refuses a re-validation whose CRC failed with its documented 400 CrcValidationFailed.
        XAppCalls.Answer put = app().putAsApp("/2/webhooks/" + id);
        assertThat(put.status()).isEqualTo(400);
        assertThat(put.reason()).isEqualTo("CrcValidationFailed");

        assertThatThrownBy(() -> run(GoLive.Request.of(webhookUrl))).isInstanceOf(GoLive.Failed.class)
                .hasMessageContaining("still marks it invalid");

        x.setWebhookDown(false);
        assertThat(run(GoLive.Request.of(webhookUrl))).isEqualTo(id);
        assertThat(printed()).contains("X re-validated it");
        assertThat(x.webhooks()).containsExactly(new XStandIn.Webhook(id, webhookUrl, true));
    }

    @Test
    void xsReasonForARefusalIsTheMessage() {
        XAppCalls.Answer refused = app().postAsApp("/2/webhooks", new JSONObject().put("url", "https://desk.example.edu:8443/webhooks/twitter"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.reason()).isEqualTo("UrlValidationFailed");
        assertThat(refused.body().optString("detail")).doesNotContain("UrlValidationFailed");
    }

    @Test
    void subscribesThroughTheXActivityApiOnceAndDeliveriesOpenIncidents() throws Exception {
        String id = run(new GoLive.Request(webhookUrl, false, true, null, null));
        int before = changes().size();
        assertThat(printed()).contains("Subscribed the IT account to post.mention.create", "dm.received", "block.block");

        run(new GoLive.Request(webhookUrl, false, true, null, null));
        assertThat(changes()).hasSize(before);
        assertThat(x.webhooks()).extracting(XStandIn.Webhook::id).containsExactly(id);
    }

    @Test
    void anActivityApiThatRefusesOAuth1FailsGoLiveSayingWhy() {
        // X's prose asks for the user's OAuth 2.0 authorisation for private events: X may answer the desk's
        // OAuth 1.0a call with its unsupported-authentication 403 (the stand-in accepts it, so it is told to here).
        x.wireMock().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/2/activity/subscriptions"))
                .atPriority(1).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(403)
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"title\":\"Unsupported Authentication\",\"detail\":\"Authenticating with OAuth 1.0a "
                                + "User Context is forbidden for this endpoint.  Supported authentication types are "
                                + "[OAuth 2.0 User Context].\",\"type\":\"https://api.twitter.com/2/problems/"
                                + "unsupported-authentication\",\"status\":403}")));

        assertThatThrownBy(() -> run(new GoLive.Request(webhookUrl, false, true, null, null)))
                .isInstanceOf(GoLive.Failed.class)
                .hasMessageContaining("X refused the post.mention.create subscription (403")
                .hasMessageContaining("OAuth 2.0 user authorisation")
                .hasMessageContaining("without --activity-api");
    }

    @Test
    void aReplayAfterDowntimeBringsBackWhatWasLostAndNothingTwice() throws Exception {
        run(GoLive.Request.of(webhookUrl));
        x.userPosts(SAM, "sam_ta", "@ITHelp #vpn cannot connect");
        settle();
        x.setWebhookDown(true);
        Post lost = x.userPosts(JO, "jo_student", "@ITHelp #wifi no signal in the library");
        x.awaitDeliveries(Duration.ofSeconds(10));
        x.setWebhookDown(false);
        desk.drain();
        assertThat(incidents()).hasSize(1);
        // X replays windows at least 31 (start) and 10 (end) minutes old.
        x.advance(Duration.ofMinutes(45));
        String from = X_MINUTE.format(lost.createdAt().minus(Duration.ofMinutes(5)));
        String to = X_MINUTE.format(lost.createdAt().plus(Duration.ofMinutes(1)));

        run(new GoLive.Request(webhookUrl, false, false, from, to));
        settle();

        assertThat(printed()).contains("Replay job");
        assertThat(incidents()).hasSize(2);
        assertThat(dmsTo(JO)).hasSize(1);
        assertThat(dmsTo(SAM)).hasSize(1);
        assertThat(x.duplicates()).isEmpty();
    }

    @Test
    void stopsBeforeCallingXWhenTheWebhookAnswersWithAnotherSecret() {
        var o = x.options();
        XCredentials wrong = new XCredentials(o.consumerKey(), "not-the-deployed-secret", o.accessToken(),
                o.accessTokenSecret(), o.bearerToken(), "not-the-deployed-client-secret");
        GoLive goLive = new GoLive(new XApi(x.baseUrl(), wrong), wrong, o.accountId(), new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThatThrownBy(() -> goLive.run(GoLive.Request.of(webhookUrl))).isInstanceOf(GoLive.Failed.class)
                .hasMessageContaining("does not match the client secret (or, without one, the consumer secret)");
        assertThat(x.wireMock().findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }
}
