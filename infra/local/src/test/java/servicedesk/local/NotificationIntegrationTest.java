package servicedesk.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import servicedesk.testing.Fixtures;

/** What happens when X or AWS misbehave: fallbacks, rate limits, retries and dead-letter queues. */
class NotificationIntegrationTest extends EmulatedDesk {

    @Test
    void aRefusedDmFallsBackToAPublicReplyWithTheNumberOnly() {
        x.stubFor(post(urlEqualTo("/2/dm_conversations/with/" + Fixtures.JO + "/messages")).atPriority(1)
                .willReturn(aResponse().withStatus(403).withBody(
                        "{\"detail\":\"You are not permitted to send Direct Messages to this user.\",\"status\":403}")));

        deliver("tweet-new-incident");

        assertThat(directMessagesTo(Fixtures.JO)).hasSize(1);
        assertThat(tweets()).hasSize(1);
        JsonNode reply = json(tweets().get(0));
        assertThat(reply.path("reply").path("in_reply_to_tweet_id").asText()).isEqualTo("1990000000000000101");
        assertThat(reply.path("text").asText()).contains("INC0000001").doesNotContain("grades").doesNotContain("Reply here");
        JsonNode timeline = getJson("/incidents/INC0000001", Map.of()).path("timeline");
        assertThat(timeline.findValuesAsText("text")).contains("Public reply under tweet 1990000000000000101");
    }

    @Test
    void aRateLimitedDmWaitsForTheResetAndIsSentOnce() {
        long reset = Instant.now().plusSeconds(2).getEpochSecond();
        x.stubFor(post(urlEqualTo("/2/dm_conversations/with/" + Fixtures.JO + "/messages")).atPriority(1)
                .inScenario("limit").whenScenarioStateIs("Started").willSetStateTo("reset")
                .willReturn(aResponse().withStatus(429).withHeader("x-rate-limit-reset", Long.toString(reset))));

        deliver("tweet-new-incident");
        assertThat(directMessagesTo(Fixtures.JO)).hasSize(1);
        assertThat(getJson("/incidents/INC0000001", Map.of()).path("timeline").findValuesAsText("kind"))
                .doesNotContain("REPORTER_NOTIFIED");

        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (directMessagesTo(Fixtures.JO).size() < 2 && Instant.now().isBefore(deadline)) {
            settle();
            MotoServer.sleep(250);
        }
        settle();
        assertThat(directMessagesTo(Fixtures.JO)).hasSize(2);
        assertThat(directMessagesTo(Fixtures.JO).get(1).getLoggedDate().toInstant()).isAfterOrEqualTo(Instant.ofEpochSecond(reset));
        assertThat(getJson("/incidents/INC0000001", Map.of()).path("timeline").findValuesAsText("kind"))
                .containsOnlyOnce("REPORTER_NOTIFIED");
    }

    @Test
    void aFailingDatabaseMeansRetriesThenTheDeadLetterQueueNeverASilentDrop() {
        desk.dynamo.deleteTable(delete -> delete.tableName(desk.tableName("IncidentsTable")));

        String body = Fixtures.webhook("tweet-new-incident");
        assertThat(webhook(body, Fixtures.signatureOf(body)).getStatusCode()).isEqualTo(200);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (messagesOn("EventsDeadLetterQueue") == 0 && Instant.now().isBefore(deadline)) {
            settle();
            MotoServer.sleep(300);
        }

        assertThat(messagesOn("EventsDeadLetterQueue")).isEqualTo(1);
        assertThat(messagesOn("EventsQueue")).isZero();
        assertThat(allDirectMessages()).isEmpty();
        assertThat(logText()).contains("event-processing-failed");
    }
}
