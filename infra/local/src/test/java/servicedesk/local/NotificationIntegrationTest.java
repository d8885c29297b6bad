package servicedesk.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import servicedesk.messaging.OutboundKeys;
import servicedesk.testing.Fixtures;
import servicedesk.testing.MutableClock;

/** What happens when X or AWS misbehave: fallbacks, rate limits, retries and dead-letter queues. */
class NotificationIntegrationTest extends EmulatedDesk {
    private static final String KEY = "opened:1990000000000000101";
    private final MutableClock time = new MutableClock(Instant.now());

    @Override
    Clock clock() {
        return time;
    }

    /** The sender given the key now, as the outbound queue would hand it over. */
    private void sendNow(String key) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(UUID.randomUUID().toString());
        message.setBody(new OutboundKeys(List.of(key)).json());
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        desk.invoke("SenderFunction", event);
    }

    private int attribute(String queueLogicalId, String name) {
        return Integer.parseInt(desk.sqs.getQueueAttributes(get -> get.queueUrl(desk.queueUrl(queueLogicalId))
                .attributeNamesWithStrings(name)).attributesAsStrings().get(name));
    }

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
        // A minute ahead: the put-off wake-up then waits on the queue (in real time) far longer than the steps
        // below take, so it is still delayed when the queue is asked, however slow the machine.
        long reset = time.instant().plusSeconds(60).getEpochSecond();
        x.stubFor(post(urlEqualTo("/2/dm_conversations/with/" + Fixtures.JO + "/messages")).atPriority(1)
                .inScenario("limit").whenScenarioStateIs("Started").willSetStateTo("reset")
                .willReturn(aResponse().withStatus(429).withHeader("x-rate-limit-reset", Long.toString(reset))));

        deliver("tweet-new-incident");
        assertThat(directMessagesTo(Fixtures.JO)).hasSize(1);
        assertThat(getJson("/incidents/INC0000001", Map.of()).path("timeline").findValuesAsText("kind"))
                .doesNotContain("REPORTER_NOTIFIED");
        // Put off: the key waits on the queue, delayed until the window resets.
        assertThat(attribute("OutboundQueue", "ApproximateNumberOfMessagesDelayed")).isEqualTo(1);

        // Brought back before the reset (a copy of the key, or the queue's cap on delays): still held back.
        sendNow(KEY);
        assertThat(directMessagesTo(Fixtures.JO)).hasSize(1);

        // X's reset is whole epoch seconds, cut down, and the desk waits out the second it names.
        time.advance(Duration.ofSeconds(61));
        sendNow(KEY);
        sendNow(KEY);
        assertThat(directMessagesTo(Fixtures.JO)).hasSize(2);
        assertThat(getJson("/incidents/INC0000001", Map.of()).path("timeline").findValuesAsText("kind"))
                .containsOnlyOnce("REPORTER_NOTIFIED");
    }

    @Test
    void aFailingDatabaseMeansRetriesThenTheDeadLetterQueueNeverASilentDrop() {
        desk.dynamo.deleteTable(delete -> delete.tableName(desk.tableName("IncidentsTable")));

        String body = Fixtures.webhook("tweet-new-incident");
        assertThat(webhook(body, Fixtures.signatureOf(body)).getStatusCode()).isEqualTo(200);
        settle();

        assertThat(messagesOn("EventsDeadLetterQueue")).isEqualTo(1);
        assertThat(messagesOn("EventsQueue")).isZero();
        assertThat(allDirectMessages()).isEmpty();
        assertThat(logText()).contains("event-processing-failed");
    }
}
