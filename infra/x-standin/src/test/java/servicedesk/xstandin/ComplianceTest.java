package servicedesk.xstandin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Batch compliance (BC, RL): a job's life, its signed URLs, one active job per type, its limits. */
class ComplianceTest {
    private static final String JO = "1700000000000000002";
    private final XStandIn x = XStandIn.start();
    private final Client client = new Client(x);

    @AfterEach
    void close() {
        x.close();
    }

    private static String pathOf(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    @Test
    void aJobTakesTheIdsAndReportsTheDeletedPostsOnceComplete() {
        Post kept = x.userPosts(JO, "jo_student", "@ITHelp #wifi down");
        Post deleted = x.userPosts(JO, "jo_student", "@ITHelp #vpn down");
        x.deletePost(deleted.id());

        JsonNode job = client.app("POST", "/2/compliance/jobs", "{\"type\":\"tweets\",\"name\":\"desk\"}").json().path("data");
        assertThat(job.path("status").asText()).isEqualTo("created");
        assertThat(job.path("upload_url").asText()).startsWith(x.baseUrl() + "/2/compliance/jobs/" + job.path("id").asText() + "/upload?token=");
        String id = job.path("id").asText();
        assertThat(client.app("POST", "/2/compliance/jobs", "{\"type\":\"tweets\"}").status()).isEqualTo(409);
        assertThat(client.app("POST", "/2/compliance/jobs", "{\"type\":\"users\"}").status()).isEqualTo(200);

        // The signed URLs take the app's token too, and only their own token.
        String upload = pathOf(job.path("upload_url").asText());
        assertThat(client.withAuthorization(null, "PUT", upload, kept.id() + "\n").status()).isEqualTo(401);
        assertThat(client.app("PUT", pathOf(job.path("download_url").asText()).replace("/download", "/upload"),
                kept.id() + "\n").status()).isEqualTo(403);
        assertThat(client.app("PUT", upload, kept.id() + "\n" + deleted.id() + "\nnot-an-id\n").status()).isEqualTo(200);
        assertThat(client.app("PUT", upload, kept.id() + "\n").status()).as("one upload").isEqualTo(403);
        assertThat(client.app("GET", pathOf(job.path("download_url").asText()), null).status()).as("not complete yet").isEqualTo(403);

        JsonNode done = client.app("GET", "/2/compliance/jobs/" + id, null).json().path("data");
        assertThat(done.path("status").asText()).isEqualTo("complete");
        String results = client.app("GET", pathOf(done.path("download_url").asText()), null).body();
        assertThat(results.lines()).hasSize(2);
        JsonNode first = Json.parse(results.lines().toList().get(0));
        assertThat(first.path("id").asText()).isEqualTo(deleted.id());
        assertThat(first.path("action").asText()).isEqualTo("delete");
        assertThat(first.path("reason").asText()).isEqualTo("deleted");
        assertThat(Json.parse(results.lines().toList().get(1)).path("error").asText()).isEqualTo("invalid_id");
        assertThat(client.app("POST", "/2/compliance/jobs", "{\"type\":\"tweets\"}").status()).isEqualTo(200);
    }

    @Test
    void aJobNotUploadedWithinItsWindowExpiresAndFreesItsType() {
        String id = client.app("POST", "/2/compliance/jobs", "{\"type\":\"tweets\"}").json().path("data").path("id").asText();
        x.advance(Duration.ofMinutes(16));
        assertThat(client.app("GET", "/2/compliance/jobs/" + id, null).json().path("data").path("status").asText()).isEqualTo("expired");
        assertThat(client.app("POST", "/2/compliance/jobs", "{\"type\":\"tweets\"}").status()).isEqualTo(200);
    }

    @Test
    void appOnlyWithinRateLimitsAndXsBodyRules() {
        assertThat(client.user("POST", "/2/compliance/jobs", "{\"type\":\"tweets\"}").status()).isEqualTo(403);
        assertThat(client.app("POST", "/2/compliance/jobs", "{\"type\":\"posts\"}").status()).isEqualTo(400);
        assertThat(client.app("POST", "/2/compliance/jobs", "{\"type\":\"tweets\",\"extra\":1}").status()).isEqualTo(400);
        assertThat(client.app("GET", "/2/compliance/jobs/123", null).status()).isEqualTo(404);
        x.spend(XLimit.COMPLIANCE_LOOKUP_PER_APP_15_MIN, 149);
        assertThat(client.app("GET", "/2/compliance/jobs/123", null).status()).isEqualTo(429);
    }
}
