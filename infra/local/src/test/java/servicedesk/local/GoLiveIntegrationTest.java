package servicedesk.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import servicedesk.golive.GoLive;
import servicedesk.testing.Fixtures;
import servicedesk.x.XApi;
import servicedesk.x.XCredentials;

/** infra/go-live against the locally served webhook (for the CRC check) and X on WireMock. */
class GoLiveIntegrationTest extends EmulatedDesk {
    private LocalGateway gateway;
    private String webhookUrl;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeEach
    void serveTheWebhook() throws Exception {
        int port = MotoServer.freePort();
        gateway = LocalGateway.start(port, desk);
        webhookUrl = "http://127.0.0.1:" + port + "/webhooks/twitter";
    }

    @AfterEach
    void stopServing() {
        gateway.close();
    }

    private GoLive goLive(String consumerSecret) {
        XCredentials credentials = new XCredentials("ck", consumerSecret, "at", "ats", "app-bearer-token");
        return new GoLive(new XApi(x.baseUrl(), credentials), credentials, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @Test
    void registersTheWebhookAndSubscribesTheItAccount() throws Exception {
        x.stubFor(post(urlEqualTo("/2/webhooks")).willReturn(aResponse().withStatus(200)
                .withBody("{\"data\":{\"id\":\"1146654567674912769\",\"url\":\"" + webhookUrl + "\",\"valid\":true}}")));
        x.stubFor(post(urlEqualTo("/2/account_activity/webhooks/1146654567674912769/subscriptions/all"))
                .willReturn(aResponse().withStatus(200).withBody("{\"data\":{\"subscribed\":true}}")));

        assertThat(goLive(Fixtures.CONSUMER_SECRET).run(webhookUrl)).isEqualTo("1146654567674912769");

        x.verify(postRequestedFor(urlEqualTo("/2/webhooks"))
                .withHeader("Authorization", equalTo("Bearer app-bearer-token"))
                .withRequestBody(equalToJson("{\"url\":\"" + webhookUrl + "\"}")));
        x.verify(postRequestedFor(urlEqualTo("/2/account_activity/webhooks/1146654567674912769/subscriptions/all"))
                .withHeader("Authorization", matching("OAuth .*oauth_token=\"at\".*")));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("CRC check passed");
    }

    @Test
    void revalidatesAWebhookThatIsAlreadyRegistered() throws Exception {
        x.stubFor(post(urlEqualTo("/2/webhooks")).willReturn(aResponse().withStatus(400)
                .withBody("{\"title\":\"DuplicateUrlFailed\",\"detail\":\"DuplicateUrlFailed\"}")));
        x.stubFor(get(urlEqualTo("/2/webhooks")).willReturn(aResponse().withStatus(200)
                .withBody("{\"data\":[{\"id\":\"77\",\"url\":\"" + webhookUrl + "\",\"valid\":false}]}")));
        x.stubFor(put(urlEqualTo("/2/webhooks/77")).willReturn(aResponse().withStatus(200).withBody("{\"data\":{\"valid\":true}}")));
        x.stubFor(post(urlEqualTo("/2/account_activity/webhooks/77/subscriptions/all"))
                .willReturn(aResponse().withStatus(200).withBody("{\"data\":{\"subscribed\":true}}")));

        assertThat(goLive(Fixtures.CONSUMER_SECRET).run(webhookUrl)).isEqualTo("77");
        x.verify(putRequestedFor(urlEqualTo("/2/webhooks/77")));
    }

    @Test
    void stopsBeforeCallingXWhenTheWebhookAnswersWithAnotherSecret() {
        assertThatThrownBy(() -> goLive("not-the-deployed-secret").run(webhookUrl))
                .isInstanceOf(GoLive.Failed.class).hasMessageContaining("does not match the client secret (or, without one, the consumer secret)");
        assertThat(x.getAllServeEvents()).isEmpty();
    }
}
