package servicedesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import servicedesk.testing.Fixtures;

/**
 * Staff announcements through the real handlers: the processor, the table stream, SNS delivering to each
 * consumer's SQS queue on moto, and the X API on WireMock.
 */
class BroadcastIntegrationTest extends EmulatedDesk {

    /** Jo: INC1 (blackboard), INC2 (wifi), INC4 (blackboard); Sam: INC3 (blackboard). */
    /** Jo's blackboard (INC0000001) and wifi (INC0000002), Sam's blackboard (INC0000003); Jo's second blackboard report is a follow-up. */
    private void reportsFromJoAndSam() {
        deliver("tweet-new-incident");
        deliver("tweet-extended");
        deliver("tweet-batch-two-reports");
        x.resetRequests();
    }

    private static String tweetFrom(String fixture, String id, String text) {
        return Payloads.tweet(fixture, id, text);
    }

    @Test
    void aStaffOutageTellsExactlyTheAffectedReportersOnceAndPostsOnTheTimeline() {
        reportsFromJoAndSam();

        deliver("tweet-staff-outage");

        JsonNode outage = getJson("/outages", Map.of()).path("outages").get(0);
        assertThat(outage.path("id").asText()).isEqualTo("OUT0000001");
        assertThat(outage.path("status").asText()).isEqualTo("INVESTIGATING");
        assertThat(outage.path("service").asText()).isEqualTo("blackboard");
        assertThat(outage.path("eta").asText()).isEqualTo("15:00 UTC");
        assertThat(directMessagesTo(Fixtures.JO)).hasSize(1);
        assertThat(directMessagesTo(Fixtures.SAM)).hasSize(1);
        assertThat(allDirectMessages()).hasSize(2);
        assertThat(text(directMessagesTo(Fixtures.JO).get(0))).contains("OUT0000001").contains("ETA 15:00 UTC");
        for (String number : List.of("INC0000001", "INC0000003")) {
            assertThat(getJson("/incidents/" + number, Map.of()).path("outageId").asText()).isEqualTo("OUT0000001");
        }
        assertThat(getJson("/incidents/INC0000002", Map.of()).path("outageId").isNull()).isTrue();
        assertThat(tweets()).hasSize(1);
        JsonNode post = json(tweets().get(0));
        assertThat(post.path("text").asText()).isEqualTo("#outage #blackboard Blackboard is down for all users. ETA 15:00 UTC");
        assertThat(post.has("reply")).isFalse();
        assertThat(everythingStored()).contains("ANNOUNCEMENT");
    }

    @Test
    void repeatedDeliveriesOfTheAnnouncementSendNoSecondDm() {
        reportsFromJoAndSam();
        deliver("tweet-staff-outage");
        deliver("tweet-staff-outage");
        // SNS delivering the announcement again, as it may: the consumers must not repeat themselves.
        assertThat(received(desk.queueUrl("AffectedReportersQueue"))).isEmpty();
        var announcements = new servicedesk.dynamo.DynamoOutageStore(desk.dynamo, desk.tableName("IncidentsTable"))
                .recentAnnouncements(10);
        assertThat(announcements).hasSize(1);
        String replay = servicedesk.messaging.AnnouncementMessage.of(announcements.get(0), null).json();
        desk.sqs.sendMessage(send -> send.queueUrl(desk.queueUrl("AffectedReportersQueue")).messageBody(replay));
        desk.sqs.sendMessage(send -> send.queueUrl(desk.queueUrl("TimelineQueue")).messageBody(replay));
        settle();

        assertThat(directMessagesTo(Fixtures.JO)).hasSize(1);
        assertThat(directMessagesTo(Fixtures.SAM)).hasSize(1);
        assertThat(tweets()).hasSize(1);
        assertThat(getJson("/outages", Map.of()).path("outages")).hasSize(1);
    }

    @Test
    void aReportDuringTheOutageIsLinkedAtOnceAndToldTheEta() {
        deliver("tweet-staff-outage");

        deliver("tweet-new-incident");

        JsonNode incident = getJson("/incidents/INC0000001", Map.of());
        assertThat(incident.path("outageId").asText()).isEqualTo("OUT0000001");
        assertThat(directMessagesTo(Fixtures.JO)).hasSize(1);
        assertThat(text(directMessagesTo(Fixtures.JO).get(0))).contains("INC0000001")
                .contains("known outage of Blackboard Learn (OUT0000001), ETA 15:00 UTC");
    }

    @Test
    void resolvedResolvesTheOutageAndItsIncidentsAndTellsEachReporterOnceInTheThread() {
        reportsFromJoAndSam();
        deliver("tweet-staff-outage");
        String firstPostId = EmulatedDesk.lastTweetId;

        deliver("tweet-staff-resolved");
        deliver("tweet-staff-resolved");

        JsonNode outage = getJson("/outages", Map.of()).path("outages").get(0);
        assertThat(outage.path("status").asText()).isEqualTo("RESOLVED");
        assertThat(outage.path("updates").findValuesAsText("kind")).containsExactly("OUTAGE", "RESOLVED");
        for (String number : List.of("INC0000001", "INC0000003")) {
            JsonNode incident = getJson("/incidents/" + number, Map.of());
            assertThat(incident.path("state").asText()).isEqualTo("Resolved");
            assertThat(incident.path("timeline").findValuesAsText("text")).contains("Resolved with outage OUT0000001");
        }
        assertThat(getJson("/incidents/INC0000002", Map.of()).path("state").asText()).isEqualTo("New");
        assertThat(directMessagesTo(Fixtures.JO)).hasSize(2);
        assertThat(directMessagesTo(Fixtures.SAM)).hasSize(2);
        assertThat(text(directMessagesTo(Fixtures.SAM).get(1))).contains("is resolved").contains("OUT0000001")
                .contains("tweet us again with #blackboard");
        assertThat(tweets()).hasSize(2);
        assertThat(json(tweets().get(1)).path("reply").path("in_reply_to_tweet_id").asText()).isEqualTo(firstPostId);

        deliverBody(tweetFrom("tweet-new-incident", "1990000000000000401", "@ITHelp #blackboard grades page is blank again"));
        // Jo's incident is resolved: this is a new one.
        JsonNode after = getJson("/incidents/INC0000004", Map.of());
        assertThat(after.path("state").asText()).isEqualTo("New");
        assertThat(after.path("outageId").isNull()).isTrue();
    }

    @Test
    void theItAccountsOwnRepostOfAnAnnouncementComingBackIsIgnored() {
        deliver("tweet-staff-outage");
        x.resetRequests();

        deliverBody(tweetFrom("tweet-own-echo", "1990000000000000501",
                "#outage #blackboard Blackboard is down for all users. ETA 15:00 UTC"));

        assertThat(getJson("/outages", Map.of()).path("outages").get(0).path("updates")).hasSize(1);
        assertThat(tweets()).isEmpty();
        assertThat(allDirectMessages()).isEmpty();
    }

    @Test
    void aStaffResolutionWithNothingToResolveIsExplainedToTheStaffMember() {
        deliver("tweet-staff-resolved");

        assertThat(getJson("/outages", Map.of()).path("outages")).isEmpty();
        assertThat(directMessagesTo(Fixtures.DANA_STAFF)).hasSize(1);
        assertThat(text(directMessagesTo(Fixtures.DANA_STAFF).get(0))).contains("no active outage");
        assertThat(tweets()).isEmpty();
    }

    @Test
    void maintenanceAndKnowledgeArticlesAreAnnouncedWithoutDms() {
        reportsFromJoAndSam();
        deliverBody(tweetFrom("tweet-staff-outage", "1990000000000000301",
                "#maintenance #email 2030-01-05 22:00-23:30 mailbox migration @ITHelp"));
        deliverBody(tweetFrom("tweet-staff-outage", "1990000000000000302",
                "#kb #wifi connecting to eduroam, step by step https://t.co/x"));

        assertThat(allDirectMessages()).isEmpty();
        JsonNode maintenance = getJson("/outages", Map.of()).path("outages").get(0);
        assertThat(maintenance.path("kind").asText()).isEqualTo("MAINTENANCE");
        assertThat(maintenance.path("status").asText()).isEqualTo("SCHEDULED");
        assertThat(maintenance.path("windowStart").asText()).isEqualTo("2030-01-05T22:00:00.000Z");
        assertThat(maintenance.path("windowEnd").asText()).isEqualTo("2030-01-05T23:30:00.000Z");
        assertThat(tweets().stream().map(EmulatedDesk::text).toList()).containsExactly(
                "#maintenance #email 2030-01-05 22:00-23:30 mailbox migration",
                "#kb #wifi connecting to eduroam, step by step https://t.co/x");
    }

    @Test
    void itStaffCanAnnounceThroughTheAdminApiOnce() {
        reportsFromJoAndSam();
        Map<String, String> headers = Map.of("content-type", "application/json", "idempotency-key", "change-42");
        String body = "{\"kind\":\"outage\",\"service\":\"wifi\",\"text\":\"Wi-Fi is down in the library\",\"eta\":\"16:30 UTC\"}";

        APIGatewayV2HTTPResponse created = desk.http("POST", "/announcements", Map.of(), headers, body);
        settle();
        APIGatewayV2HTTPResponse again = desk.http("POST", "/announcements", Map.of(), headers, body);
        settle();

        assertThat(created.getStatusCode()).isEqualTo(201);
        assertThat(created.getBody()).contains("\"outageId\":\"OUT0000001\"");
        assertThat(again.getStatusCode()).isEqualTo(200);
        assertThat(directMessagesTo(Fixtures.JO)).hasSize(1);
        assertThat(text(directMessagesTo(Fixtures.JO).get(0))).contains("Campus Wi-Fi").contains("ETA 16:30 UTC");
        assertThat(directMessagesTo(Fixtures.SAM)).isEmpty();
        assertThat(tweets().stream().map(EmulatedDesk::text).toList())
                .containsExactly("#outage #wifi Wi-Fi is down in the library ETA 16:30 UTC");

        APIGatewayV2HTTPResponse unknown = desk.http("POST", "/announcements", Map.of(), Map.of(),
                "{\"kind\":\"outage\",\"service\":\"printers\",\"text\":\"down\"}");
        assertThat(unknown.getStatusCode()).isEqualTo(422);
        assertThat(unknown.getBody()).contains("known service hashtag");
        assertThat(desk.http("POST", "/announcements", Map.of(), Map.of(), "{\"kind\":").getStatusCode()).isEqualTo(400);
    }
}
