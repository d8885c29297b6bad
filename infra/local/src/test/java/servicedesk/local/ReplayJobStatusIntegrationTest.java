package servicedesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import servicedesk.format.Json;
import servicedesk.x.WebhookSignature;
import servicedesk.xstandin.Options;

/**
 * X's {@code replay_job_status} delivery (AAQ): {@code Incomplete} has the webhook watch ask for the same window
 * again, {@code Complete} closes the job. The stand-in's own notice is off here so that the test chooses the job's
 * end; the notice reaches the desk as X sends it, a signed POST to the webhook.
 */
class ReplayJobStatusIntegrationTest extends StandInDesk {

    @Override
    Map<String, String> moreParameters() {
        return Map.of("IntakeMode", "webhook");
    }

    @Override
    Options xOptions() {
        return Options.defaults().withReplay(true, false);
    }

    @Test
    void anIncompleteReplayIsRequestedAgainAndACompleteOneIsClosed() throws Exception {
        String webhookId = goLive();
        x.advance(Duration.ofMinutes(5));
        reconcile();
        webhookDownUntilXMarksItInvalid(() -> x.userPosts(SAM, "sam_ta", "@ITHelp #wifi no signal in the library"));
        reconcile();
        x.advance(Duration.ofMinutes(31));
        reconcile();
        settle();
        List<JsonNode> replays = replayRequests();
        assertThat(replays).hasSize(1);

        assertThat(jobEnds(webhookId, replays.get(0).path("job_id").asText(), "Incomplete")).isEqualTo(200);
        desk.drain();
        assertThat(logText()).contains("\"event\":\"replay-job-ended\"").contains("\"watched\":true")
                .doesNotContain("event-for-other-account");
        x.advance(Duration.ofMinutes(5));
        reconcile();
        settle();
        replays = replayRequests();
        assertThat(replays).hasSize(2);
        // The same window again, its start kept within X's day (which has moved on five minutes).
        assertThat(replays.get(1).path("to_date")).isEqualTo(replays.get(0).path("to_date"));
        assertThat(replays.get(1).path("from_date").asText()).isGreaterThanOrEqualTo(replays.get(0).path("from_date").asText())
                .isLessThanOrEqualTo(replays.get(0).path("to_date").asText());
        assertThat(incidents()).hasSize(1);
        assertThat(x.duplicates()).isEmpty();

        assertThat(jobEnds(webhookId, replays.get(1).path("job_id").asText(), "Complete")).isEqualTo(200);
        desk.drain();
        for (int run = 0; run < 3; run++) {
            x.advance(Duration.ofMinutes(5));
            reconcile();
        }
        assertThat(replayRequests()).hasSize(2);
    }

    /** Each replay X accepted: the request's fields with X's {@code job_id}. */
    private List<JsonNode> replayRequests() {
        return x.wireMock().getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().equals("/2/webhooks/replay") && event.getResponse().getStatus() == 200)
                .sorted(java.util.Comparator.comparing(event -> event.getRequest().getLoggedDate()))
                .map(event -> (JsonNode) ((ObjectNode) read(event.getRequest().getBodyAsString()))
                        .put("job_id", read(event.getResponse().getBodyAsString()).path("data").path("job_id").asText()))
                .toList();
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** X's notice that a replay job ended, signed and posted to the webhook as X sends it; the webhook's status. */
    private int jobEnds(String webhookId, String jobId, String state) throws Exception {
        String body = Json.MAPPER.createObjectNode().set("replay_job_status", Json.MAPPER.createObjectNode()
                .put("webhook_id", webhookId).put("job_state", state).put("job_state_description", state).put("job_id", jobId)).toString();
        Options o = x.options();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest post = HttpRequest.newBuilder(URI.create(webhookUrl)).header("Content-Type", "application/json")
                .header(WebhookSignature.OAUTH2_HEADER, new WebhookSignature(o.consumerSecret(), o.clientSecret()).signOAuth2(bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        return HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
