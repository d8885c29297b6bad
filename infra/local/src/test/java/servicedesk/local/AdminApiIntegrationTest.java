package servicedesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import servicedesk.testing.Fixtures;

class AdminApiIntegrationTest extends EmulatedDesk {

    @Test
    void theCatalogIsSeededByTheDeployment() {
        var services = desk.dynamo.scan(scan -> scan.tableName(desk.tableName("ServicesTable"))).items().stream()
                .map(item -> item.get("hashtag").s()).sorted().toList();
        assertThat(services).containsExactly("blackboard", "email", "vpn", "wifi");
    }

    @Test
    void listsIncidentsNewestFirstWithFiltersAndPages() {
        deliver("tweet-new-incident");
        deliver("tweet-extended");
        deliver("tweet-batch-two-reports");

        JsonNode all = getJson("/incidents", Map.of());
        assertThat(all.path("incidents").findValuesAsText("number"))
                .containsExactlyInAnyOrder("INC0000001", "INC0000002", "INC0000003", "INC0000004");
        assertThat(getJson("/incidents", Map.of("service", "wifi")).path("incidents").findValuesAsText("number"))
                .containsExactly("INC0000002");
        assertThat(getJson("/incidents", Map.of("state", "New", "service", "blackboard")).path("incidents")).hasSize(3);
        assertThat(getJson("/incidents", Map.of("state", "Resolved")).path("incidents")).isEmpty();
        assertThat(getJson("/incidents", Map.of("reporterId", Fixtures.SAM)).path("incidents")).hasSize(1);

        JsonNode firstPage = getJson("/incidents", Map.of("limit", "3"));
        assertThat(firstPage.path("incidents")).hasSize(3);
        JsonNode secondPage = getJson("/incidents", Map.of("limit", "3", "pageToken", firstPage.path("nextPageToken").asText()));
        assertThat(secondPage.path("incidents")).hasSize(1);
        assertThat(secondPage.path("nextPageToken").isNull()).isTrue();
    }

    @Test
    void answersBadRequestsAndUnknownIncidentsWithProblems() {
        assertThat(getJson("/incidents/INC9999999", Map.of()).path("_status").asInt()).isEqualTo(404);
        assertThat(getJson("/incidents/42", Map.of()).path("_status").asInt()).isEqualTo(400);
        assertThat(getJson("/incidents", Map.of("state", "Sleeping")).path("_status").asInt()).isEqualTo(400);
        assertThat(getJson("/incidents", Map.of("limit", "1000")).path("_status").asInt()).isEqualTo(400);
        assertThat(getJson("/incidents", Map.of("pageToken", "garbage")).path("title").asText()).isEqualTo("Bad Request");
    }
}
