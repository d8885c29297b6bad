package servicedesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import servicedesk.golive.GoLive;
import servicedesk.xstandin.Post;

/**
 * Issue 17 on the whole desk, through both of X's envelopes (Account Activity and the X Activity API, as
 * go-live subscribes them): reports and DMs, the account's blocks, deletions and a revocation.
 */
class AccountEventsIntegrationTest extends StandInDesk {

    private void goLive(boolean activityApi) throws GoLive.Failed {
        goLive(new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true, java.nio.charset.StandardCharsets.UTF_8))
                .run(new GoLive.Request(webhookUrl, false, activityApi, null, null));
    }

    @ParameterizedTest(name = "X Activity API: {0}")
    @ValueSource(booleans = {false, true})
    void reportsAndDmsOpenIncidentsAndRecordNotes(boolean activityApi) throws Exception {
        goLive(activityApi);
        x.userPosts(JO, "jo_student", "@ITHelp #blackboard I can't open my grades");
        settle();
        x.userSendsDm(JO, "jo_student", "It happens on Chrome and Firefox, course HIST-101");
        settle();

        JsonNode incident = incident("INC0000001");
        assertThat(incident.path("service").asText()).isEqualTo("blackboard");
        assertThat(incident.path("reporter").path("handle").asText()).isEqualTo("jo_student");
        assertThat(incident.path("timeline").findValuesAsText("text")).contains("It happens on Chrome and Firefox, course HIST-101");
        assertThat(dmsTo(JO)).hasSize(2).anyMatch(text -> text.equals("Thanks, we've added that to INC0000001."));
        assertThat(x.deliveries()).anyMatch(d -> d.kind() == (activityApi
                ? servicedesk.xstandin.Delivery.Kind.ACTIVITY : servicedesk.xstandin.Delivery.Kind.ACCOUNT_ACTIVITY));
    }

    @ParameterizedTest(name = "X Activity API: {0}")
    @ValueSource(booleans = {false, true})
    void anAuthorTheAccountBlocksIsIgnoredUntilUnblocked(boolean activityApi) throws Exception {
        goLive(activityApi);
        x.accountBlocks(SAM);
        settle();
        x.userPosts(SAM, "sam_ta", "@ITHelp #wifi down in the lab");
        settle();
        assertThat(incidents()).isEmpty();
        assertThat(x.sentDms()).isEmpty();
        assertThat(x.sentPosts()).isEmpty();

        x.accountUnblocks(SAM);
        settle();
        x.userPosts(SAM, "sam_ta", "@ITHelp #wifi still down in the lab");
        settle();
        assertThat(incidents()).hasSize(1);
        assertThat(dmsTo(SAM)).hasSize(1);
    }

    @ParameterizedTest(name = "X Activity API: {0}")
    @ValueSource(booleans = {false, true})
    void aUserBlockingTheAccountIsNotMistakenForTheAccountBlockingThem(boolean activityApi) throws Exception {
        goLive(activityApi);
        x.userBlocksAccount(JO);
        x.userPosts(JO, "jo_student", "@ITHelp #wifi down in the lab");
        settle();

        // What they tweet is still heard; Account Activity tells the desk of the block, the Activity API does not.
        assertThat(incidents()).hasSize(1);
        assertThat(stored(servicedesk.dynamo.BlockItems.key(JO))).as("the account blocks them").isFalse();
        assertThat(stored(servicedesk.dynamo.BlockItems.key(JO, true))).as("they block the account").isEqualTo(!activityApi);
    }

    private boolean stored(java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> key) {
        return desk.dynamoDb().getItem(get -> get.tableName(desk.tableName("IncidentsTable")).key(key)).hasItem();
    }

    /**
     * X sends no deletion event for a reporter's or a replier's post (only for the IT account's own): the
     * reconciler's batch compliance job finds them, and the desk erases their text.
     */
    @ParameterizedTest(name = "X Activity API: {0}")
    @ValueSource(booleans = {false, true})
    void aDeletedReportLeavesTheIncidentWithoutItsText(boolean activityApi) throws Exception {
        goLive(activityApi);
        Post report = x.userPosts(JO, "jo_student", "@ITHelp #blackboard grades page broken for HIST-101");
        Post answer = x.userPosts(SAM, "sam_ta", "@jo_student @ITHelp clear the cache of your browser", report.id());
        settle();
        int delivered = x.deliveries().size();
        x.deletePost(answer.id());
        x.deletePost(report.id());
        settle();
        assertThat(x.deliveries()).hasSize(delivered);
        assertThat(incident("INC0000001").path("description").asText()).contains("HIST-101");

        reconcile();
        assertThat(x.complianceJobs().values()).containsExactly("in_progress");
        reconcile();
        assertThat(x.complianceJobs().values()).containsExactly("complete");
        JsonNode incident = incident("INC0000001");
        assertThat(incident.path("state").asText()).isEqualTo("New");
        assertThat(incident.path("description").asText()).isEqualTo("[deleted on X by its author]");
        assertThat(incident.path("timeline").findValuesAsText("kind")).contains("COMMUNITY_ANSWER", "WORK_NOTE");
        assertThat(everythingStored()).doesNotContain("HIST-101").doesNotContain("clear the cache");
    }

    @ParameterizedTest(name = "X Activity API: {0}")
    @ValueSource(booleans = {false, true})
    void aRevocationAlarmsOnCallOnce(boolean activityApi) throws Exception {
        goLive(activityApi);
        String onCall = DeskLooks.subscribe(desk, "OnCallTopic");
        x.deliverTwice(1);
        x.revokeAccess();
        settle();

        List<String> alarms = DeskLooks.received(desk, onCall);
        assertThat(alarms).singleElement().asString().contains("revoked", "go-live");
    }
}
