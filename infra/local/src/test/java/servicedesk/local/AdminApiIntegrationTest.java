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
                .containsExactlyInAnyOrder("INC0000001", "INC0000002", "INC0000003"); // Jo's second #blackboard is a follow-up
        assertThat(getJson("/incidents", Map.of("service", "wifi")).path("incidents").findValuesAsText("number"))
                .containsExactly("INC0000002");
        assertThat(getJson("/incidents", Map.of("state", "New", "service", "blackboard")).path("incidents")).hasSize(2);
        assertThat(getJson("/incidents", Map.of("state", "Resolved")).path("incidents")).isEmpty();
        assertThat(getJson("/incidents", Map.of("reporterId", Fixtures.SAM)).path("incidents")).hasSize(1);

        JsonNode firstPage = getJson("/incidents", Map.of("limit", "2"));
        assertThat(firstPage.path("incidents")).hasSize(2);
        JsonNode secondPage = getJson("/incidents", Map.of("limit", "2", "pageToken", firstPage.path("nextPageToken").asText()));
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

    private com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse patch(String number, String body) {
        return desk.http("PATCH", "/incidents/" + number, Map.of(), Map.of("content-type", "application/json"), body);
    }

    @Test
    void itWorksAnIncidentThroughTheAllowedStatesAndResolvingTellsTheReporter() throws Exception {
        deliver("tweet-new-incident");

        var assigned = patch("INC0000001", "{\"state\":\"In Progress\",\"assignee\":\"alex@it\",\"note\":\"Checking the grades module\"}");
        assertThat(assigned.getStatusCode()).isEqualTo(200);
        JsonNode incident = servicedesk.format.Json.MAPPER.readTree(assigned.getBody());
        assertThat(incident.path("state").asText()).isEqualTo("In Progress");
        assertThat(incident.path("assignee").asText()).isEqualTo("alex@it");
        assertThat(incident.path("timeline").findValuesAsText("text")).contains("New → In Progress", "Checking the grades module");

        var noResolution = patch("INC0000001", "{\"state\":\"Resolved\"}");
        assertThat(noResolution.getStatusCode()).isEqualTo(422);
        assertThat(noResolution.getHeaders()).containsEntry("content-type", "application/problem+json");

        var resolved = patch("INC0000001", "{\"state\":\"Resolved\",\"resolution\":\"Cleared the stuck grade cache\"}");
        assertThat(resolved.getStatusCode()).isEqualTo(200);
        settle();
        assertThat(text(directMessagesTo(Fixtures.JO).get(1))).contains("INC0000001 is resolved: Cleared the stuck grade cache");

        var closed = patch("INC0000001", "{\"state\":\"Closed\"}");
        assertThat(closed.getStatusCode()).isEqualTo(200);
        var reopened = patch("INC0000001", "{\"state\":\"In Progress\"}");
        assertThat(reopened.getStatusCode()).isEqualTo(409);
        assertThat(reopened.getBody()).contains("cannot become In Progress");
        assertThat(patch("INC9999999", "{\"note\":\"x\"}").getStatusCode()).isEqualTo(404);
        assertThat(patch("INC0000001", "{\"state\":\"Sleeping\"}").getStatusCode()).isEqualTo(400);
        assertThat(patch("INC0000001", "[]").getStatusCode()).isEqualTo(400);
    }

    @Test
    void aServiceAddedThroughTheApiIsUsableAtOnceWithoutARedeploy() {
        var added = desk.http("PUT", "/services/printing", Map.of(), Map.of(), "{\"name\":\"Printing\",\"impact\":3}");
        assertThat(added.getStatusCode()).isEqualTo(201);
        assertThat(getJson("/services/printing", Map.of()).path("name").asText()).isEqualTo("Printing");

        deliverBody(Payloads.tweet("tweet-new-incident", "1990000000000000990", "@ITHelp #printing the library printer jams"));
        assertThat(getJson("/incidents/INC0000001", Map.of()).path("service").asText()).isEqualTo("printing");

        assertThat(desk.http("PUT", "/services/printing", Map.of(), Map.of(), "{\"name\":\"Printing and copying\"}").getStatusCode())
                .isEqualTo(200);
        assertThat(desk.http("PUT", "/services/printing", Map.of(), Map.of(), "{\"impact\":9}").getStatusCode()).isEqualTo(400);
        assertThat(desk.http("DELETE", "/services/printing", Map.of(), Map.of(), null).getStatusCode()).isEqualTo(204);
        assertThat(desk.http("DELETE", "/services/printing", Map.of(), Map.of(), null).getStatusCode()).isEqualTo(404);
        assertThat(getJson("/services", Map.of()).path("services").findValuesAsText("hashtag"))
                .containsExactly("blackboard", "email", "vpn", "wifi");
    }
}
