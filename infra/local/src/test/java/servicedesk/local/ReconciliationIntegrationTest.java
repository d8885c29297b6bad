package servicedesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import servicedesk.intake.Receipt;
import servicedesk.intake.Reconciliation;
import servicedesk.messaging.SqsEventQueue;
import servicedesk.testing.Fixtures;
import servicedesk.x.WebhookSignature;
import servicedesk.xstandin.Post;

/**
 * Issue 12: X loses what it could not deliver while the webhook was down. The scheduled reconciler reads the
 * account's mentions and DM events back and queues what the desk has not seen; the desk ends as if nothing
 * had been missed, with no message sent twice.
 */
class ReconciliationIntegrationTest extends StandInDesk {

    @Override
    Map<String, String> moreParameters() {
        return Map.of("IntakeMode", "both");
    }

    /** What happens on X in this test, the same whether the webhook hears it or not. */
    private void aMorningOnX(String tag) {
        Post report = x.userPosts(JO, "jo_student", "@ITHelp #blackboard I can't open my grades " + tag);
        Post answer = x.userPosts(SAM, "sam_ta", "@jo_student @ITHelp clear your browser cache " + tag, report.id());
        x.userPosts(DANA, "dana_it", "@sam_ta @jo_student @ITHelp see https://kb.example.edu/article/KB0042 " + tag, answer.id());
        x.userPosts("1700000000000000005", "kim_staff", "@ITHelp #vpn cannot connect from home " + tag);
        x.userPosts("1700000000000000006", "lee_prof", "@ITHelp #email my inbox is empty " + tag);
        x.userSendsDm("1700000000000000005", "kim_staff", "It happens on the campus VPN client too");
    }

    @Test
    void anOutageOfTheWebhookIsRecoveredByReconciliationAsIfNothingWasMissed() throws Exception {
        goLive();
        x.setWebhookDown(true);
        aMorningOnX("");
        x.awaitDeliveries(Duration.ofSeconds(10));
        x.setWebhookDown(false);
        desk.drain();
        assertThat(incidents()).isEmpty();
        int lost = (int) x.deliveries().stream().filter(d -> d.status() == servicedesk.xstandin.Delivery.NOT_SENT).count();
        // Reconciliation leaves the last two minutes to the webhook.
        x.advance(Duration.ofMinutes(3));

        Reconciliation.Result first = reconcile();
        Reconciliation.Result second = reconcile();

        assertThat(lost).isEqualTo(6);
        assertThat(first.recovered()).isEqualTo(6);
        assertThat(second.recovered()).isZero();
        assertThat(logText()).contains("\"EventsRecovered\":6");
        JsonNode incidents = incidents();
        assertThat(incidents).hasSize(3);
        assertThat(incidentStates()).containsExactly("New", "New", "Resolved");
        assertThat(dmsTo(JO)).hasSize(2);
        assertThat(dmsTo("1700000000000000005")).hasSize(2).anyMatch(text -> text.startsWith("Thanks, we've added that"));
        assertThat(dmsTo("1700000000000000006")).hasSize(1);
        assertThat(x.sentPosts()).isEmpty();
        assertThat(x.duplicates()).isEmpty();
        assertThat(messagesOn("EventsDeadLetterQueue")).isZero();
    }

    @Test
    void aLongMentionMissedByTheWebhookIsRecoveredWhole() throws Exception {
        goLive();
        x.setWebhookDown(true);
        // Over 280 characters, the service's hashtag near the end: X's text cuts it off, note_tweet keeps it.
        String report = "@ITHelp since this morning every page of my course takes minutes to load, the quizzes time out "
                + "before they open, uploads fail half way and the gradebook shows blank columns for half of the class. "
                + "It happens on the library computers and at home, on Chrome and Firefox, for me and my classmates. #blackboard";
        x.userPosts(JO, "jo_student", report);
        x.awaitDeliveries(Duration.ofSeconds(10));
        x.setWebhookDown(false);
        x.advance(Duration.ofMinutes(3));

        assertThat(reconcile().recovered()).isEqualTo(1);

        JsonNode incident = incident("INC0000001");
        assertThat(incident.path("service").asText()).isEqualTo("blackboard");
        assertThat(incident.path("description").asText()).isEqualTo(report);
        assertThat(dmsTo(JO)).singleElement().asString().contains("INC0000001");
    }

    @Test
    void whatTheWebhookDeliveredIsNotRecoveredAgain() throws Exception {
        goLive();
        aMorningOnX("");
        settle();
        int dms = x.sentDms().size();
        x.advance(Duration.ofMinutes(3));

        Reconciliation.Result result = reconcile();

        assertThat(result.read()).isGreaterThanOrEqualTo(6);
        assertThat(result.recovered()).isZero();
        assertThat(x.sentDms()).hasSize(dms);
        assertThat(incidents()).hasSize(3);
    }

    @Test
    void aRecoveredEventIsTrustedFurtherBackThanAWebhookBodyWhichCannotClaimToBeRecovered() throws Exception {
        goLive();
        x.setWebhookDown(true);
        x.userPosts(JO, "jo_student", "@ITHelp #wifi no signal in the library");
        x.awaitDeliveries(Duration.ofSeconds(10));
        // A body X signed, captured and sent again three days later, with words of recovery of its own.
        String old = Fixtures.dated(x.deliveries().get(x.deliveries().size() - 1).body(),
                java.time.Instant.now().minus(Duration.ofDays(3)));
        String claimingRecovery = old.replaceFirst("\\{", "{\"DeskOrigin\":\"reconciliation\","
                + "\"MessageAttributes\":{\"DeskOrigin\":{\"StringValue\":\"reconciliation\"}},");
        for (String body : List.of(old, claimingRecovery)) {
            String signature = new WebhookSignature(x.options().consumerSecret(), x.options().clientSecret())
                    .signOAuth2(body.getBytes(StandardCharsets.UTF_8));
            assertThat(desk.http("POST", "/webhooks/twitter", Map.of(), Map.of(WebhookSignature.OAUTH2_HEADER, signature), body)
                    .getStatusCode()).isEqualTo(200);
        }
        desk.drain();
        assertThat(incidents()).isEmpty();
        assertThat(logText()).contains("IGNORED_STALE");

        // The same event as the reconciler queues it (read from X's API): trusted up to six days back.
        new SqsEventQueue(desk.sqs, desk.queueUrl("EventsQueue")).accept(old, Receipt.recovered(java.time.Instant.now()), Duration.ZERO);
        desk.drain();
        assertThat(incidents()).hasSize(1);
        assertThat(dmsTo(JO)).hasSize(1);
    }

    private List<String> incidentStates() {
        List<String> states = new java.util.ArrayList<>();
        incidents().forEach(incident -> states.add(incident.path("state").asText()));
        states.sort(String::compareTo);
        return states;
    }
}
