package servicedesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import servicedesk.dynamo.DynamoDeskRecords;
import servicedesk.incident.IncidentState;
import servicedesk.records.Change;
import servicedesk.records.Claim;
import servicedesk.testing.Fixtures;
import servicedesk.testing.MutableClock;

/**
 * Crowd-sourced resolutions, response targets and the desk's manners, through the real handlers with
 * signed payloads, and a clock the test moves forward.
 */
class CrowdAndTargetsIntegrationTest extends EmulatedDesk {
    private final MutableClock time = new MutableClock(Instant.now());

    @Override
    Clock clock() {
        return time;
    }

    @Override
    Map<String, String> moreParameters() {
        return Map.of("UnsolicitedPerDay", "2", "CloseResolvedAfterDays", "5");
    }

    private JsonNode incident(String number) {
        return getJson("/incidents/" + number, Map.of());
    }

    private void runTargetWatch() {
        desk.invoke("TargetWatchFunction", new ScheduledEvent());
        settle();
    }

    @Test
    void aReplyThreeLevelsDeepStillLandsOnTheIncident() {
        deliver("tweet-new-incident");
        deliver("tweet-community-reply");
        deliverBody(Payloads.tweet("tweet-new-incident", "1990000000000000601",
                "@sam_ta @ITHelp tried that, still spinning", "1990000000000000107"));
        deliverBody(Payloads.tweet("tweet-community-reply", "1990000000000000602",
                "@jo_student @ITHelp then try a private window, it skips the broken extension", "1990000000000000601"));

        JsonNode timeline = incident("INC0000001").path("timeline");
        assertThat(timeline.findValuesAsText("kind")).containsSubsequence(
                "COMMUNITY_ANSWER", "REPORTER_FOLLOW_UP", "COMMUNITY_ANSWER");
        assertThat(timeline.findValuesAsText("text")).contains(
                "@sam_ta: @jo_student @ITHelp then try a private window, it skips the broken extension");
        assertThat(getJson("/incidents", Map.of()).path("incidents")).hasSize(1);
        assertThat(tweets()).isEmpty();
    }

    @Test
    void aStaffReplyWithAKnowledgeArticleResolvesTheIncidentAndTellsTheReporter() {
        deliver("tweet-new-incident");
        time.advance(Duration.ofMinutes(20));

        deliver("tweet-staff-kb-reply");

        JsonNode incident = incident("INC0000001");
        assertThat(incident.path("state").asText()).isEqualTo("Resolved");
        assertThat(incident.path("resolution").path("source").asText()).isEqualTo("STAFF");
        assertThat(incident.path("resolution").path("text").asText()).isEqualTo("https://kb.example.edu/article/KB0042");
        assertThat(incident.path("resolution").path("creditedTo").asText()).isEqualTo(Fixtures.DANA_STAFF);
        assertThat(incident.path("firstRespondedAt").asText()).isGreaterThan(incident.path("openedAt").asText());
        List<String> toJo = directMessagesTo(Fixtures.JO).stream().map(EmulatedDesk::text).toList();
        assertThat(toJo).hasSize(2);
        assertThat(toJo.get(1)).contains("INC0000001 is resolved").contains("https://kb.example.edu/article/KB0042");
    }

    @Test
    void theReportersSolvedResolvesTheIncidentCreditingTheCommunityAnswer() {
        deliver("tweet-new-incident");
        deliver("tweet-community-reply");

        deliverBody(Payloads.directMessage("1990000000000000701", "solved, thanks!"));

        JsonNode incident = incident("INC0000001");
        assertThat(incident.path("state").asText()).isEqualTo("Resolved");
        assertThat(incident.path("resolution").path("source").asText()).isEqualTo("COMMUNITY");
        assertThat(incident.path("resolution").path("creditedTo").asText()).isEqualTo(Fixtures.SAM);
        assertThat(text(directMessagesTo(Fixtures.JO).get(1))).contains("with thanks to @sam_ta");
        assertThat(getJson("/reports", Map.of()).path("communityResolvedShare").asDouble()).isEqualTo(1.0);
    }

    @Test
    void nothingReachesAUserTheAccountBlockedUntilItUnblocksThem() {
        deliver("tweet-batch-two-reports");
        x.resetRequests();
        deliverBody(Payloads.block(Fixtures.JO, true, Long.toString(System.currentTimeMillis())));

        deliver("tweet-staff-outage");

        assertThat(directMessagesTo(Fixtures.JO)).isEmpty();
        assertThat(directMessagesTo(Fixtures.SAM)).hasSize(1);
        assertThat(incident("INC0000002").path("timeline").findValuesAsText("text"))
                .anyMatch(line -> line.contains("the IT account has blocked the recipient"));

        deliverBody(Payloads.block(Fixtures.JO, false, Long.toString(System.currentTimeMillis() + 1)));
        deliver("tweet-staff-resolved");
        assertThat(directMessagesTo(Fixtures.JO)).hasSize(1);
        assertThat(text(directMessagesTo(Fixtures.JO).get(0))).contains("is resolved");
    }

    @Test
    void aDailyAllowanceLimitsMessagesPeopleDidNotAskFor() {
        deliver("tweet-new-incident");
        deliver("tweet-extended");
        deliverBody(Payloads.tweet("tweet-new-incident", "1990000000000000801", "@ITHelp #email inbox will not sync"));
        x.resetRequests();

        for (String service : List.of("blackboard", "wifi", "email")) {
            desk.http("POST", "/announcements", Map.of(), Map.of("idempotency-key", service),
                    "{\"kind\":\"outage\",\"service\":\"" + service + "\",\"text\":\"" + service + " is down\"}");
            settle();
        }

        assertThat(directMessagesTo(Fixtures.JO)).hasSize(2);
        assertThat(incident("INC0000003").path("timeline").findValuesAsText("text"))
                .anyMatch(line -> line.contains("daily allowance"));
    }

    @Test
    void aMissedFirstResponseIsFoundByTheScheduleEscalatedOnceAndReported() {
        String onCall = subscribe("OnCallTopic");
        deliver("tweet-new-incident");
        assertThat(incident("INC0000001").path("priority").asText()).isEqualTo("P3");

        time.advance(Duration.ofHours(3));
        runTargetWatch();
        assertThat(incident("INC0000001").path("flags").toString()).doesNotContain("breached");

        time.advance(Duration.ofHours(2));
        runTargetWatch();
        runTargetWatch();

        JsonNode incident = incident("INC0000001");
        assertThat(incident.path("flags").toString()).contains("first-response-breached").doesNotContain("resolution-breached");
        List<String> escalations = received(onCall);
        assertThat(escalations).hasSize(1);
        assertThat(escalations.get(0)).contains("INC0000001 (P3, #blackboard) has had no first response");
        JsonNode report = getJson("/reports", Map.of());
        assertThat(report.path("breachesByPriority").path("P3").asInt()).isEqualTo(1);
        assertThat(report.path("breachesByService").path("blackboard").asInt()).isEqualTo(1);

        time.advance(Duration.ofDays(3));
        runTargetWatch();
        assertThat(incident("INC0000001").path("flags").toString()).contains("resolution-breached");
        assertThat(received(onCall)).hasSize(1);
    }

    @Test
    void resolvedIncidentsCloseAfterTheConfiguredDays() {
        deliver("tweet-new-incident");
        deliver("tweet-staff-kb-reply");

        time.advance(Duration.ofDays(4));
        runTargetWatch();
        assertThat(incident("INC0000001").path("state").asText()).isEqualTo("Resolved");

        time.advance(Duration.ofDays(2));
        runTargetWatch();
        assertThat(incident("INC0000001").path("state").asText()).isEqualTo("Closed");
    }

    @Test
    void aReporterAnsweringAnIncidentOnHoldPutsItBackInProgress() {
        deliver("tweet-new-incident");
        new DynamoDeskRecords(desk.dynamo, desk.tableName("IncidentsTable"), time).commit(
                Claim.expiring("test:hold", null),
                Change.of(new Change.MoveIncident("INC0000001", IncidentState.NEW, IncidentState.ON_HOLD, time.instant())));
        assertThat(incident("INC0000001").path("state").asText()).isEqualTo("On Hold");

        deliver("dm-incoming-detail");

        assertThat(incident("INC0000001").path("state").asText()).isEqualTo("In Progress");
    }

    @Test
    void aSecurityReportGetsTheDeskPhoneAndImmediateAttention() {
        String onCall = subscribe("OnCallTopic");

        deliverBody(Payloads.tweet("tweet-new-incident", "1990000000000000901",
                "@ITHelp #email I think my account was hacked, it sent spam to my whole class"));

        JsonNode incident = incident("INC0000001");
        assertThat(incident.path("flags").toString()).contains("call-desk");
        assertThat(text(directMessagesTo(Fixtures.JO).get(0))).contains("+1 555 0199");
        assertThat(received(onCall)).singleElement().asString().contains("INC0000001").contains("call the reporter back");
    }

    @Test
    void manyReportsAboutOneServiceInAWindowRaiseOnePossibleOutageAlert() {
        String alerts = subscribe("PossibleOutageTopic");
        long window = Duration.ofMinutes(15).toSeconds();
        time.advance(Duration.ofSeconds(window - time.instant().getEpochSecond() % window + 1));

        // One person's reports, however many, count once.
        for (int i = 0; i < 5; i++) {
            deliverBody(Payloads.tweet("tweet-new-incident", "19900000000000004" + (50 + i),
                    "@ITHelp #vpn cannot connect from home, attempt " + i));
        }
        assertThat(received(alerts)).isEmpty();
        // Then six more reporters: the fifth distinct one raises the alert, once.
        for (int i = 0; i < 6; i++) {
            deliverBody(Payloads.tweetBy("tweet-new-incident", "19900000000000004" + (10 + i), "17000000000000001" + (10 + i),
                    "@ITHelp #vpn cannot connect from home"));
            time.advance(Duration.ofMinutes(1));
        }

        List<String> raised = received(alerts);
        assertThat(raised).hasSize(1);
        assertThat(raised.get(0)).contains("Possible outage of VPN").contains("5 reports within 15 minutes");

        time.advance(Duration.ofMinutes(15));
        for (int i = 0; i < 4; i++) {
            deliverBody(Payloads.tweetBy("tweet-new-incident", "19900000000000004" + (30 + i), "17000000000000001" + (30 + i),
                    "@ITHelp #vpn still down " + i));
        }
        assertThat(received(alerts)).isEmpty();
    }
}
