package servicedesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import servicedesk.testing.Fixtures;

/** Tweet → incident → DM through the real handlers, queues and stream on moto, with X on WireMock. */
class IntakeIntegrationTest extends EmulatedDesk {

    @Test
    void aMentionWithAServiceHashtagOpensAnIncidentAndDmsItsNumber() {
        APIGatewayV2HTTPResponse response = deliver("tweet-new-incident");

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode incident = getJson("/incidents/INC0000001", Map.of());
        assertThat(incident.path("_status").asInt()).isEqualTo(200);
        assertThat(incident.path("state").asText()).isEqualTo("New");
        assertThat(incident.path("service").asText()).isEqualTo("blackboard");
        assertThat(incident.path("priority").asText()).isEqualTo("P3");
        assertThat(incident.path("reporter").path("userId").asText()).isEqualTo(Fixtures.JO);
        assertThat(incident.path("reporter").path("handle").asText()).isEqualTo("jo_student");
        assertThat(incident.path("sourceTweetId").asText()).isEqualTo("1990000000000000101");
        assertThat(incident.path("sourceTweetUrl").asText()).isEqualTo("https://x.com/jo_student/status/1990000000000000101");
        assertThat(incident.path("description").asText()).isEqualTo("@ITHelp #blackboard I can't open my grades, page just spins");
        assertThat(incident.path("firstResponseDue").asText()).isGreaterThan(incident.path("openedAt").asText());
        assertThat(incident.path("resolutionDue").asText()).isGreaterThan(incident.path("firstResponseDue").asText());
        assertThat(incident.path("timeline").findValuesAsText("kind")).containsExactly("OPENED", "REPORTER_NOTIFIED");

        assertThat(directMessagesTo(Fixtures.JO)).hasSize(1);
        assertThat(text(directMessagesTo(Fixtures.JO).get(0)))
                .contains("INC0000001").contains("Blackboard Learn").contains("P3");
        assertThat(tweets()).isEmpty();
        assertThat(messagesOn("EventsDeadLetterQueue")).isZero();
        assertThat(messagesOn("OutboundDeadLetterQueue")).isZero();
    }

    @Test
    void threeDeliveriesOfOneTweetMakeOneIncidentAndOneDm() {
        String body = Fixtures.webhook("tweet-new-incident");
        for (int i = 0; i < 3; i++) {
            assertThat(webhook(body, Fixtures.signatureOf(body)).getStatusCode()).isEqualTo(200);
        }
        settle();
        deliver("tweet-new-incident");

        assertThat(getJson("/incidents", Map.of()).path("incidents")).hasSize(1);
        assertThat(directMessagesTo(Fixtures.JO)).hasSize(1);
    }

    @Test
    void aWrongOrMissingSignatureIsRefusedAndNothingHappens() {
        String body = Fixtures.webhook("tweet-new-incident");
        assertThat(webhook(body, null).getStatusCode()).isEqualTo(401);
        assertThat(webhook(body, "sha256=bm90IHRoZSBzaWduYXR1cmU=").getStatusCode()).isEqualTo(401);
        String otherBody = Fixtures.webhook("tweet-with-secret");
        assertThat(webhook(body, Fixtures.signatureOf(otherBody)).getStatusCode()).isEqualTo(401);
        assertThat(messagesOn("EventsQueue")).isZero();
        settle();

        assertThat(everythingStored()).doesNotContain("INC#");
        assertThat(allDirectMessages()).isEmpty();
        assertThat(tweets()).isEmpty();
    }

    @Test
    void signedMalformedJsonIsABadRequestAndNothingIsStored() {
        String body = "{\"for_user_id\":\"1600000000000000001\",\"tweet_create_events\":[";
        APIGatewayV2HTTPResponse response = webhook(body, Fixtures.signatureOf(body));
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(messagesOn("EventsQueue")).isZero();
    }

    @Test
    void aTruncatedTweetIsRecordedWithItsFullText() {
        deliver("tweet-extended");

        JsonNode incident = getJson("/incidents/INC0000001", Map.of());
        assertThat(incident.path("service").asText()).isEqualTo("wifi");
        assertThat(incident.path("description").asText())
                .endsWith("we tested with three different laptops and two phones, still the same");
        assertThat(directMessagesTo(Fixtures.JO)).hasSize(1);
    }

    @Test
    void eachReportInOnePayloadGetsItsOwnIncident() {
        deliver("tweet-batch-two-reports");

        JsonNode list = getJson("/incidents", Map.of("service", "blackboard"));
        assertThat(list.path("incidents")).hasSize(2);
        JsonNode jos = getJson("/incidents", Map.of("reporterId", Fixtures.JO)).path("incidents").get(0);
        assertThat(jos.path("description").asText()).contains("quiz submission failed & lost my answers");
        assertThat(jos.path("flags").toString()).contains("call-desk");
        assertThat(text(directMessagesTo(Fixtures.JO).get(0))).contains("+1 555 0199");
        assertThat(directMessagesTo(Fixtures.SAM)).hasSize(1);
        assertThat(text(directMessagesTo(Fixtures.SAM).get(0))).doesNotContain("+1 555 0199");
    }

    @Test
    void aMentionWithoutServiceHashtagGetsOneHelpfulReplyPerDay() {
        deliver("tweet-no-service-hashtag");

        assertThat(everythingStored()).doesNotContain("INC#");
        assertThat(allDirectMessages()).isEmpty();
        assertThat(tweets()).hasSize(1);
        JsonNode reply = json(tweets().get(0));
        assertThat(reply.path("reply").path("in_reply_to_tweet_id").asText()).isEqualTo("1990000000000000102");
        assertThat(reply.path("text").asText()).contains("#blackboard", "#email", "#vpn", "#wifi")
                .doesNotContain("laptop");
        assertThat(reply.path("text").asText().length()).isLessThanOrEqualTo(280);

        String sameUserAgain = Fixtures.webhook("tweet-no-service-hashtag")
                .replace("1990000000000000102", "1990000000000000199");
        webhook(sameUserAgain, Fixtures.signatureOf(sameUserAgain));
        settle();
        assertThat(tweets()).hasSize(1);
    }

    @Test
    void aSecretInATweetIsNeverStoredRepeatedOrLogged() {
        deliver("tweet-with-secret");

        JsonNode incident = getJson("/incidents/INC0000001", Map.of());
        assertThat(incident.path("service").asText()).isEqualTo("email");
        assertThat(incident.path("description").asText()).isEqualTo("@ITHelp #email can't log in, my password is [redacted] pls help");
        assertThat(incident.path("flags").toString()).contains("secret-redacted");
        assertThat(everythingStored()).doesNotContain("Tr0ub4dor");
        assertThat(logText()).doesNotContain("Tr0ub4dor");
        List<String> sent = allDirectMessages().stream().map(EmulatedDesk::text).toList();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0)).doesNotContain("Tr0ub4dor").contains("delete").contains("+1 555 0199");
        assertThat(tweets()).isEmpty();
    }

    @Test
    void theAccountsOwnTweetsAndDmsRetweetsAndOtherEventsAreIgnored() {
        deliver("tweet-own-echo");
        deliver("dm-outgoing-echo");
        deliver("tweet-retweet");
        deliver("ignored-events");

        assertThat(everythingStored()).doesNotContain("INC#").doesNotContain("MSG#");
        assertThat(allDirectMessages()).isEmpty();
        assertThat(tweets()).isEmpty();
        assertThat(messagesOn("EventsDeadLetterQueue")).isZero();
    }

    @Test
    void aNonStaffOutageTweetIsAnOrdinaryReportAndAStaffOneOpensNoIncident() {
        deliver("tweet-impostor-outage");
        assertThat(getJson("/incidents/INC0000001", Map.of()).path("reporter").path("userId").asText()).isEqualTo(Fixtures.SAM);
        assertThat(directMessagesTo(Fixtures.SAM)).hasSize(1);
        assertThat(getJson("/outages", Map.of()).path("outages")).isEmpty();

        deliver("tweet-staff-outage");
        assertThat(getJson("/incidents", Map.of()).path("incidents")).hasSize(1);
        assertThat(getJson("/outages", Map.of()).path("outages")).hasSize(1);
    }

    @Test
    void theReporterAsksForStatusByDm() {
        deliver("tweet-new-incident");
        deliver("dm-incoming-status");

        List<String> toJo = directMessagesTo(Fixtures.JO).stream().map(EmulatedDesk::text).toList();
        assertThat(toJo).hasSize(2);
        assertThat(toJo.get(1)).startsWith("INC0000001 (Blackboard Learn) is New.");
    }

    @Test
    void aDmFromTheReporterBecomesAPrivateNoteThatNeverReachesTheLogs() {
        deliver("tweet-new-incident");
        deliver("dm-incoming-detail");
        deliver("dm-incoming-detail");

        JsonNode timeline = getJson("/incidents/INC0000001", Map.of()).path("timeline");
        assertThat(timeline.findValuesAsText("text")).contains("It happens on Chrome and Firefox, course HIST-101");
        assertThat(timeline.findValuesAsText("kind")).containsOnlyOnce("PRIVATE_NOTE");
        List<String> toJo = directMessagesTo(Fixtures.JO).stream().map(EmulatedDesk::text).toList();
        assertThat(toJo).hasSize(2);
        assertThat(toJo.get(1)).isEqualTo("Thanks, we've added that to INC0000001.");
        assertThat(logText()).doesNotContain("Chrome and Firefox").doesNotContain("HIST-101");
    }

    @Test
    void aDmWithoutAnyIncidentGetsGuidance() {
        deliver("dm-incoming-detail");

        assertThat(text(directMessagesTo(Fixtures.JO).get(0))).contains("no open incident");
        assertThat(everythingStored()).doesNotContain("Chrome and Firefox");
    }

    @Test
    void repliesInTheIncidentsThreadAreRecordedOnIt() {
        deliver("tweet-new-incident");
        deliver("tweet-community-reply");

        JsonNode timeline = getJson("/incidents/INC0000001", Map.of()).path("timeline");
        assertThat(timeline.findValuesAsText("kind")).contains("COMMUNITY_ANSWER");
        assertThat(timeline.findValuesAsText("text")).contains("@sam_ta: @jo_student @ITHelp clear your browser cache and it loads again");
        assertThat(tweets()).isEmpty();
    }

    @Test
    void aStaffReplyInTheThreadIsRecordedAsAStaffResponse() {
        deliver("tweet-new-incident");
        deliver("tweet-staff-kb-reply");

        JsonNode timeline = getJson("/incidents/INC0000001", Map.of()).path("timeline");
        assertThat(timeline.findValuesAsText("kind")).contains("STAFF_RESPONSE");
        assertThat(getJson("/incidents", Map.of()).path("incidents")).hasSize(1);
    }

    @Test
    void anAuthorTheAccountHasBlockedIsIgnored() {
        String blocked = Fixtures.webhook("tweet-new-incident").replace("\"user_has_blocked\": false", "\"user_has_blocked\": \"true\"");
        webhook(blocked, Fixtures.signatureOf(blocked));
        settle();

        assertThat(everythingStored()).doesNotContain("INC#");
        assertThat(allDirectMessages()).isEmpty();
        assertThat(tweets()).isEmpty();
    }
}
