package servicedesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import servicedesk.testing.Orders;
import servicedesk.x.WebhookSignature;
import servicedesk.xstandin.Delivery;
import servicedesk.xstandin.Post;

/**
 * Issue 12 on the whole desk: a thread's three posts (Jo's report, Sam's community answer to it, Dana's staff
 * reply with a knowledge article to the answer) are made on X while the webhook is down; X's signed bodies
 * are then delivered in each of the 6 orders, all at once (one SQS batch, handled side by side) and one
 * batch each, a round of the queues apart: 12 deliveries of the thread. Every time: one incident, resolved by staff, one DM for the opening and one for the resolution,
 * and no public reply.
 */
class ThreadOrderIntegrationTest extends StandInDesk {

    static Stream<Arguments> orders() {
        List<Arguments> all = new ArrayList<>();
        for (List<Integer> order : Orders.of(List.of(0, 1, 2))) {
            all.add(Arguments.of(order, true));
            all.add(Arguments.of(order, false));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}, all at once: {1}")
    @MethodSource("orders")
    void everyDeliveryOrderOfAThreadGivesOneResolvedIncidentAndOneDmEach(List<Integer> order, boolean allAtOnce) throws Exception {
        goLive();
        x.setWebhookDown(true);
        Post report = x.userPosts(JO, "jo_student", "@ITHelp #blackboard I can't open my grades");
        Post answer = x.userPosts(SAM, "sam_ta", "@jo_student @ITHelp clear your browser cache", report.id());
        x.userPosts(DANA, "dana_it", "@sam_ta @jo_student @ITHelp see https://kb.example.edu/article/KB0042", answer.id());
        x.awaitDeliveries(Duration.ofSeconds(10));
        List<String> bodies = x.deliveries().stream()
                .filter(d -> d.kind() == Delivery.Kind.ACCOUNT_ACTIVITY && d.status() == Delivery.NOT_SENT)
                .map(Delivery::body).toList();
        assertThat(bodies).hasSize(3);

        for (int index : order) {
            post(bodies.get(index));
            if (!allAtOnce) {
                // Its own batch: one round of every queue, as if the next post came a little later (within
                // a reply's wait, which the drain below takes to its end).
                desk.pump();
            }
        }
        desk.drain();

        JsonNode incidents = incidents();
        assertThat(incidents).hasSize(1);
        JsonNode incident = incident(incidents.get(0).path("number").asText());
        assertThat(incident.path("sourceTweetId").asText()).isEqualTo(report.id());
        assertThat(incident.path("state").asText()).isEqualTo("Resolved");
        assertThat(incident.path("timeline").findValuesAsText("kind")).contains("COMMUNITY_ANSWER", "STAFF_RESPONSE");
        assertThat(dmsTo(JO)).hasSize(2).anyMatch(text -> text.contains("is resolved"));
        assertThat(x.sentDms()).hasSize(2);
        assertThat(x.sentPosts()).isEmpty();
        assertThat(messagesOn("EventsDeadLetterQueue")).isZero();
        assertThat(x.duplicates()).isEmpty();
    }

    /** A body exactly as X signed it, posted to the desk's webhook now. */
    private void post(String body) {
        String signature = new WebhookSignature(x.options().consumerSecret(), x.options().clientSecret())
                .signOAuth2(body.getBytes(StandardCharsets.UTF_8));
        var response = desk.http("POST", "/webhooks/twitter", Map.of(), Map.of("content-type", "application/json",
                WebhookSignature.OAUTH2_HEADER, signature), body);
        assertThat(response.getStatusCode()).isEqualTo(200);
    }
}
