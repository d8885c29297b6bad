package servicedesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import servicedesk.testing.Fixtures;
import servicedesk.x.WebhookSignature;

/**
 * What a newcomer does from the README: start {@code infra/local/run} (no X credentials: the dry run
 * prints what would be sent), post a signed sample event, and see an incident and its DM. On the backend
 * {@link Emulators} names: moto by default, LocalStack in the LocalStack surefire execution.
 */
class LocalRunEnd2EndTest {
    private static final String LOCAL_SECRET = "local-dev-consumer-secret";
    private static LocalRunProcess run;
    private static int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTheLocalRun() throws Exception {
        Map<String, String> environment = new HashMap<>();
        environment.put("TWITTER_API_BASE_URL", null);
        environment.put("TWITTER_CONSUMER_SECRET", null);
        environment.put(LocalBackend.VARIABLE, Emulators.backendName());
        run = LocalRunProcess.start(environment);
        port = run.port;
    }

    @AfterAll
    static void stop() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void aSignedSampleTweetBecomesAnIncidentAndAPrintedDm() throws Exception {
        String body = Fixtures.webhook("tweet-new-incident");
        String signature = new WebhookSignature(LOCAL_SECRET).sign(body.getBytes(StandardCharsets.UTF_8));

        assertThat(post(body, null).statusCode()).isEqualTo(401);
        assertThat(post(body, signature).statusCode()).isEqualTo(200);

        awaitOutput("[X dry run] DM to user " + Fixtures.JO, Duration.ofSeconds(30));
        awaitOutput("We opened incident INC0000001 for Blackboard Learn", Duration.ofSeconds(10));
        HttpResponse<String> incident = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/incidents/INC0000001")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(incident.statusCode()).isEqualTo(200);
        assertThat(incident.body()).contains("\"state\":\"New\"").contains("\"service\":\"blackboard\"");

        HttpResponse<String> crc = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/webhooks/twitter?crc_token=abcdefgh12")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(crc.body()).isEqualTo("{\"response_token\":\"" + new WebhookSignature(LOCAL_SECRET).crcResponseToken("abcdefgh12") + "\"}");
    }

    @Test
    void theRunOffersTheConsolesSignInOnlyWhereTheBackendHasCognito() {
        if (Emulators.backendName().equals("localstack")) {
            assertThat(run.output()).contains("Not created: AgentPool (AWS::Cognito::UserPool: this LocalStack does not serve cognito-idp")
                    .contains("/console  CANNOT SIGN IN on this backend");
        } else {
            assertThat(run.output()).contains("/console  (sign in as agent@example.edu").doesNotContain("CANNOT SIGN IN");
        }
    }

    private HttpResponse<String> post(String body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/twitter"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("x-twitter-webhooks-signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitOutput(String text, Duration timeout) {
        run.awaitOutput(text, timeout);
    }
}
