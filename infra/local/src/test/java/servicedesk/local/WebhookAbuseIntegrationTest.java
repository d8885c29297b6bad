package servicedesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import servicedesk.format.Json;
import servicedesk.testing.Fixtures;

/**
 * What a stranger on the internet can do to the webhook, tried against the running desk: nothing they
 * send is stored, broadcast or answered unless X signed it for the IT account recently.
 */
class WebhookAbuseIntegrationTest extends EmulatedDesk {

    private APIGatewayV2HTTPResponse crc(String token) {
        return desk.http("GET", "/webhooks/twitter", Map.of("crc_token", token), Map.of(), null);
    }

    @Test
    void theCrcCheckCannotBeUsedToSignAForgedStaffOutage() throws Exception {
        String forged = Fixtures.webhook("tweet-staff-outage");
        APIGatewayV2HTTPResponse oracle = crc(forged);
        assertThat(oracle.getStatusCode()).isEqualTo(400);
        assertThat(oracle.getBody()).doesNotContain("sha256=");

        // Even if the attacker guesses a signature from anything the CRC answers, the POST is refused.
        String answered = Json.MAPPER.readTree(crc("challenge-123").getBody()).path("response_token").asText();
        assertThat(webhook(forged, answered).getStatusCode()).isEqualTo(401);
        settle();

        assertThat(tweets()).isEmpty();
        assertThat(allDirectMessages()).isEmpty();
        assertThat(getJson("/outages", Map.of()).path("outages")).isEmpty();
        assertThat(everythingStored()).doesNotContain("OUTAGE");
    }

    @Test
    void deliveriesForAnotherAccountOrForNoAccountAreIgnored() {
        String forOther = Fixtures.webhook("tweet-new-incident").replace(Fixtures.IT_ACCOUNT + "\",", "1234\",");
        String forNobody = Fixtures.webhook("tweet-new-incident").replaceFirst("\"for_user_id\": *\"[0-9]+\",", "");
        assertThat(forOther).isNotEqualTo(Fixtures.webhook("tweet-new-incident"));
        assertThat(forNobody).doesNotContain("for_user_id");
        deliverBody(forOther);
        deliverBody(forNobody);

        assertThat(getJson("/incidents", Map.of()).path("incidents")).isEmpty();
        assertThat(allDirectMessages()).isEmpty();
        assertThat(logText()).contains("\"event\":\"event-for-other-account\"").contains("(missing)");
        assertThat(messagesOn("EventsDeadLetterQueue")).isZero();
    }

    @Test
    void aSignedEventOlderThanXsReplayWindowIsIgnored() {
        Instant threeDaysAgo = Instant.now().minus(Duration.ofDays(3));
        deliverBody(Fixtures.dated(Fixtures.recorded("tweet-new-incident"), threeDaysAgo));
        deliverBody(Fixtures.dated(Fixtures.recorded("dm-incoming-status"), threeDaysAgo));
        assertThat(getJson("/incidents", Map.of()).path("incidents")).isEmpty();
        assertThat(allDirectMessages()).isEmpty();

        // Within the window (X's replay reaches a day back) it counts.
        deliverBody(Fixtures.dated(Fixtures.recorded("tweet-new-incident"), Instant.now().minus(Duration.ofHours(23))));
        assertThat(getJson("/incidents", Map.of()).path("incidents")).hasSize(1);
    }
}
