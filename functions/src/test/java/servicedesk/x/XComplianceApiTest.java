package servicedesk.x;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import servicedesk.intake.XCompliance;
import servicedesk.intake.XReadback;

/**
 * X's batch compliance calls: the bearer token goes to X's own host only (X's signed URLs have been on Google
 * Cloud Storage and are now on X's host); results are read as JSON lines; errors classified as the desk does.
 */
class XComplianceApiTest {
    private static final String BEARER = "AAAA%2Bissued%3D";
    private WireMockServer x;
    private WireMockServer storage;
    private XComplianceApi api;

    @BeforeEach
    void start() {
        x = new WireMockServer(options().dynamicPort());
        storage = new WireMockServer(options().dynamicPort());
        x.start();
        storage.start();
        api = new XComplianceApi(new XApi("http://localhost:" + x.port(), new XCredentials("ck", "cs", "at", "ats", BEARER, "")));
    }

    @AfterEach
    void stop() {
        x.stop();
        storage.stop();
    }

    private static String job(String status, String upload, String download) {
        return "{\"data\":{\"id\":\"1425543269983784962\",\"type\":\"tweets\",\"status\":\"" + status + "\","
                + "\"upload_url\":\"" + upload + "\",\"download_url\":\"" + download + "\","
                + "\"upload_expires_at\":\"2021-08-11T19:57:55.000Z\",\"created_at\":\"2021-08-11T19:42:55.000Z\"}}";
    }

    @Test
    void theBearerTokenGoesToXsHostButNeverToAnotherOne() throws Exception {
        String onX = "http://localhost:" + x.port() + "/2/compliance/jobs/1425543269983784962/upload?token=abc";
        String elsewhere = "http://127.0.0.1:" + storage.port() + "/twttr-tweet-compliance/submission?X-Goog-Signature=s";
        x.stubFor(post(urlPathEqualTo("/2/compliance/jobs")).willReturn(aResponse().withStatus(200)
                .withHeader("content-type", "application/json").withBody(job("created", onX, elsewhere))));
        x.stubFor(put(urlPathEqualTo("/2/compliance/jobs/1425543269983784962/upload")).willReturn(aResponse().withStatus(200)));
        storage.stubFor(get(urlPathEqualTo("/twttr-tweet-compliance/submission")).willReturn(aResponse().withStatus(200)
                .withBody("{\"id\":\"20\",\"action\":\"delete\",\"reason\":\"suspended\",\"redacted_at\":null}\n"
                        + "{\"id\":\"x1\",\"error\":\"invalid_id\"}\n\n")));

        XCompliance.Job created = api.create();
        assertThat(created.status()).isEqualTo("created");
        assertThat(created.toString()).doesNotContain("token", "Signature");
        api.upload(created, List.of("20", "21"));
        x.verify(putRequestedFor(urlPathEqualTo("/2/compliance/jobs/1425543269983784962/upload"))
                .withHeader("Authorization", equalTo("Bearer " + BEARER)).withHeader("Content-Type", equalTo("text/plain"))
                .withRequestBody(equalTo("20\n21\n")));

        assertThat(api.results(created)).containsExactly(new XCompliance.Event("20", "delete", "suspended"));
        storage.verify(getRequestedFor(urlPathEqualTo("/twttr-tweet-compliance/submission")).withHeader("Authorization", absent()));
    }

    @Test
    void limitsAndOutagesWaitWhileRefusalsOfTheAppAreSaidSo() throws Exception {
        x.stubFor(post(urlPathEqualTo("/2/compliance/jobs")).willReturn(aResponse().withStatus(409)
                .withHeader("content-type", "application/problem+json").withBody("{\"title\":\"Conflict\",\"status\":409}")));
        assertThatThrownBy(api::create).isInstanceOf(XReadback.Unavailable.class).hasMessageContaining("already active");

        x.stubFor(get(urlPathEqualTo("/2/compliance/jobs/1")).willReturn(aResponse().withStatus(429)
                .withHeader("x-rate-limit-reset", "1700000000").withBody("{\"errors\":[{\"code\":88,\"message\":\"Rate limit exceeded\"}]}")));
        assertThatThrownBy(() -> api.job("1")).isInstanceOf(XReadback.Unavailable.class).hasMessageContaining("429");
        x.stubFor(get(urlPathEqualTo("/2/compliance/jobs/2")).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> api.job("2")).isInstanceOf(XReadback.Unavailable.class);
        x.stubFor(get(urlPathEqualTo("/2/compliance/jobs/3")).willReturn(aResponse().withStatus(401)
                .withBody("{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,\"detail\":\"Unauthorized\"}")));
        assertThatThrownBy(() -> api.job("3")).isInstanceOf(XCompliance.Refused.class).hasMessageContaining("401");
        x.stubFor(get(urlPathEqualTo("/2/compliance/jobs/4")).willReturn(aResponse().withStatus(404)
                .withBody("{\"title\":\"Not Found Error\",\"status\":404}")));
        assertThat(api.job("4")).isNull();
    }
}
