package servicedesk.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import servicedesk.format.Json;
import servicedesk.http.HttpRequest;
import servicedesk.http.HttpResponse;
import servicedesk.incident.Incident;
import servicedesk.incident.Level;
import servicedesk.incident.Priority;
import servicedesk.incident.Reporter;
import servicedesk.incident.ResponseTargets;
import servicedesk.records.Change;
import servicedesk.records.Claim;
import servicedesk.testing.MemoryCatalog;
import servicedesk.testing.MemoryDesk;
import servicedesk.testing.MutableClock;

/** The admin API's limits: oversized fields and bodies get a clear 400 or 413, never a 500, and nothing is written. */
class AdminApiLimitsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-11-22T10:00:00Z"));
    private final MemoryDesk desk = new MemoryDesk();
    private final AdminApi api = new AdminApi(desk.incidents(), desk.outages(), new MemoryCatalog(), desk, null, clock);

    AdminApiLimitsTest() {
        Incident incident = Incident.open("INC0000001", Priority.P3, Level.MEDIUM, Level.MEDIUM, "wifi",
                new Reporter("42", "jo"), "t1", null, "down", Set.of(),
                new ResponseTargets.Target(Duration.ofHours(4), Duration.ofDays(3)), null, clock.instant());
        desk.commit(Claim.tweet("t1", "INC0000001"), Change.of(new Change.OpenIncident(incident)));
    }

    private HttpResponse call(String routeKey, Map<String, String> path, Map<String, String> query,
                              Map<String, String> headers, Object body) {
        byte[] bytes = body == null ? null : Json.text(body).getBytes(StandardCharsets.UTF_8);
        return api.handle(new HttpRequest(routeKey, routeKey.split(" ")[0], "/", headers, query, path, bytes, null, null));
    }

    private HttpResponse patch(Map<String, String> headers, Map<String, Object> body) {
        return call("PATCH /incidents/{number}", Map.of("number", "INC0000001"), Map.of(), headers, body);
    }

    @Test
    void aHalfMillionCharacterNoteIsA413AndALongOneA400() {
        assertThat(patch(Map.of(), Map.of("note", "x".repeat(500_000))).status()).isEqualTo(413);
        HttpResponse tooLong = patch(Map.of(), Map.of("note", "x".repeat(AdminApi.MAX_NOTE + 1)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).contains("note is longer than 10000 characters");
        assertThat(patch(Map.of(), Map.of("note", "x".repeat(AdminApi.MAX_NOTE))).status()).isEqualTo(200);
        assertThat(desk.incidents().timeline("INC0000001")).hasSize(1);
    }

    @Test
    void resolutionAssigneeAndIdempotencyKeyHaveLimits() {
        assertThat(patch(Map.of(), Map.of("state", "Resolved", "resolution", "x".repeat(AdminApi.MAX_RESOLUTION + 1))).status())
                .isEqualTo(400);
        assertThat(patch(Map.of(), Map.of("assignee", "x".repeat(AdminApi.MAX_ASSIGNEE + 1))).status()).isEqualTo(400);
        assertThat(patch(Map.of("Idempotency-Key", "k".repeat(201)), Map.of("note", "hi")).status()).isEqualTo(400);
        assertThat(patch(Map.of("Idempotency-Key", "key with spaces"), Map.of("note", "hi")).status()).isEqualTo(400);
        assertThat(patch(Map.of("Idempotency-Key", "ok-key-1"), Map.of("note", "hi")).status()).isEqualTo(200);
        assertThat(desk.incidents().find("INC0000001").orElseThrow().assignee()).isNull();
    }

    @Test
    void serviceNamesHashtagsAnnouncementsAndQueriesHaveLimits() {
        assertThat(call("PUT /services/{hashtag}", Map.of("hashtag", "printing"), Map.of(), Map.of(),
                Map.of("name", "x".repeat(AdminApi.MAX_SERVICE_NAME + 1))).status()).isEqualTo(400);
        for (String hashtag : new String[]{"x".repeat(5_000), "a b", "<script>", "../etc"}) {
            assertThat(call("GET /services/{hashtag}", Map.of("hashtag", hashtag), Map.of(), Map.of(), null).status())
                    .as(hashtag).isEqualTo(400);
            assertThat(call("PUT /services/{hashtag}", Map.of("hashtag", hashtag), Map.of(), Map.of(),
                    Map.of("name", "Printing")).status()).as(hashtag).isEqualTo(400);
        }
        assertThat(call("POST /announcements", Map.of(), Map.of(), Map.of(),
                Map.of("kind", "kb", "service", "wifi", "text", "read", "link", "javascript:alert(1)")).status()).isEqualTo(400);
        assertThat(call("POST /announcements", Map.of(), Map.of(), Map.of(),
                Map.of("kind", "outage", "service", "wifi", "text", "x".repeat(60_000))).status()).isEqualTo(422);
        assertThat(call("POST /announcements", Map.of(), Map.of(), Map.of(),
                Map.of("kind", "outage", "service", "wifi", "text", "down", "eta", "x".repeat(41))).status()).isEqualTo(400);
        assertThat(call("GET /incidents", Map.of(), Map.of("service", "x".repeat(201)), Map.of(), null).status()).isEqualTo(400);
        assertThat(call("GET /incidents", Map.of(), Map.of("pageToken", "x".repeat(2_001)), Map.of(), null).status()).isEqualTo(400);
        assertThat(desk.outages().recentAnnouncements(10)).isEmpty();
    }
}
