package servicedesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import servicedesk.xstandin.Post;

/**
 * {@code IntakeMode=polling}: no webhook is registered with X at all; the scheduled reconciler reads the IT
 * account's mentions and DM events and is the intake. The scenarios of {@link IntakeIntegrationTest}, with
 * people acting on the X stand-in and one reconciler run after each step.
 */
class PollingIntakeIntegrationTest extends StandInDesk {

    @Override
    Map<String, String> moreParameters() {
        return Map.of("IntakeMode", "polling");
    }

    @BeforeEach
    void noWebhook() {
        assertThat(x.webhooks()).isEmpty();
        assertThat(desk.scheduledFunctions()).containsExactlyInAnyOrder("TargetWatchFunction", "ReconcilerFunction");
    }

    @Test
    void aMentionWithAServiceHashtagOpensAnIncidentAndDmsItsNumber() {
        Post report = x.userPosts(JO, "jo_student", "@ITHelp #blackboard I can't open my grades, page just spins");
        assertThat(reconcile().recovered()).isEqualTo(1);

        JsonNode incident = incident("INC0000001");
        assertThat(incident.path("state").asText()).isEqualTo("New");
        assertThat(incident.path("service").asText()).isEqualTo("blackboard");
        assertThat(incident.path("reporter").path("userId").asText()).isEqualTo(JO);
        assertThat(incident.path("reporter").path("handle").asText()).isEqualTo("jo_student");
        assertThat(incident.path("sourceTweetId").asText()).isEqualTo(report.id());
        assertThat(incident.path("description").asText()).isEqualTo("@ITHelp #blackboard I can't open my grades, page just spins");
        assertThat(dmsTo(JO)).singleElement().asString().contains("INC0000001", "Blackboard Learn", "P3");
        assertThat(x.sentPosts()).isEmpty();
    }

    @Test
    void runsAgainAndOverlappingRunsMakeOneIncidentAndOneDm() {
        x.userPosts(JO, "jo_student", "@ITHelp #wifi no signal in the library");
        reconcile();
        reconcile();
        x.userPosts(SAM, "sam_ta", "@ITHelp #wifi no signal in the lab either");
        reconcile();

        assertThat(incidents()).hasSize(2);
        assertThat(dmsTo(JO)).hasSize(1);
        assertThat(dmsTo(SAM)).hasSize(1);
        assertThat(x.duplicates()).isEmpty();
    }

    @Test
    void aLongPostIsRecordedWithItsFullText() {
        String text = "@ITHelp #wifi the eduroam network keeps dropping in building C since Monday, every ten minutes "
                + "or so; we tested with three different laptops and two phones, still the same";
        x.userPosts(JO, "jo_student", text);
        reconcile();

        assertThat(incident("INC0000001").path("description").asText()).isEqualTo(text);
    }

    @Test
    void aMentionWithoutServiceHashtagGetsOneHelpfulReplyPerDay() {
        Post first = x.userPosts(JO, "jo_student", "@ITHelp my laptop is slow");
        Post second = x.userPosts(JO, "jo_student", "@ITHelp hello?");
        reconcile();

        assertThat(incidents()).isEmpty();
        assertThat(x.sentPosts()).singleElement().satisfies(reply -> {
            assertThat(reply.inReplyToId()).isIn(first.id(), second.id());
            assertThat(reply.text()).contains("#blackboard", "#wifi").doesNotContain("laptop");
        });
        assertThat(x.sentDms()).isEmpty();
    }

    @Test
    void aSecretInAPostIsNeverStoredRepeatedOrLogged() {
        x.userPosts(JO, "jo_student", "@ITHelp #email can't log in, my password is Tr0ub4dor&3x pls help");
        reconcile();

        assertThat(incident("INC0000001").path("flags").toString()).contains("secret-redacted");
        assertThat(everythingStored()).doesNotContain("Tr0ub4dor");
        assertThat(logText()).doesNotContain("Tr0ub4dor");
        assertThat(dmsTo(JO)).singleElement().asString().contains("delete").doesNotContain("Tr0ub4dor");
    }

    @Test
    void theReporterAsksForStatusAndAddsDetailByDmAndIsAnsweredOncePerQuarterHour() {
        x.userPosts(JO, "jo_student", "@ITHelp #blackboard I can't open my grades");
        reconcile();
        awayFromTheEndOfAnAnswerWindow();
        x.userSendsDm(JO, "jo_student", "status");
        reconcile();
        assertThat(dmsTo(JO)).hasSize(2).anyMatch(text -> text.startsWith("INC0000001 (Blackboard Learn) is New."));

        // Within the same 15 minutes the detail is recorded, and not answered: X allows the account 15 DMs in that time.
        x.userSendsDm(JO, "jo_student", "It happens on Chrome and Firefox, course HIST-101");
        reconcile();
        assertThat(dmsTo(JO)).hasSize(2);
        assertThat(incident("INC0000001").path("timeline").findValuesAsText("text"))
                .contains("It happens on Chrome and Firefox, course HIST-101");
        assertThat(logText()).doesNotContain("HIST-101");
    }

    /**
     * The answer windows are fixed quarter hours of the desk's clock, X's (DirectMessageIntake.ANSWER_WINDOW):
     * X's clock moves to the start of the next one, so the two DMs above fall in one.
     */
    private void awayFromTheEndOfAnAnswerWindow() {
        long window = Duration.ofMinutes(15).toSeconds();
        x.clock().advance(Duration.ofSeconds(window - x.now().getEpochSecond() % window));
    }

    @Test
    void aReportAndItsDmReadBackInOneRunLandTogether() {
        x.userPosts(JO, "jo_student", "@ITHelp #blackboard I can't open my grades");
        x.userSendsDm(JO, "jo_student", "It happens on Chrome and Firefox, course HIST-101");
        reconcile();

        assertThat(dmsTo(JO)).hasSize(2).anyMatch(text -> text.equals("Thanks, we've added that to INC0000001."));
    }

    @Test
    void theAccountsOwnPostsAndDmsAreNotTakenIn() {
        x.userPosts(JO, "jo_student", "@ITHelp #blackboard I can't open my grades");
        reconcile();
        int dms = x.sentDms().size();
        reconcile();

        // The desk's own DM is among the DM events read back; it is read past, never taken in.
        assertThat(x.sentDms()).hasSize(dms);
        assertThat(incidents()).hasSize(1);
    }

    @Test
    void aThreadIsRecordedAndAStaffKnowledgeArticleResolvesIt() {
        Post report = x.userPosts(JO, "jo_student", "@ITHelp #blackboard I can't open my grades");
        Post answer = x.userPosts(SAM, "sam_ta", "@jo_student @ITHelp clear your browser cache and it loads again", report.id());
        x.userPosts(DANA, "dana_it", "@sam_ta @jo_student @ITHelp see https://kb.example.edu/article/KB0042", answer.id());
        reconcile();

        JsonNode incident = incident("INC0000001");
        assertThat(incident.path("state").asText()).isEqualTo("Resolved");
        assertThat(incident.path("timeline").findValuesAsText("kind")).contains("COMMUNITY_ANSWER", "STAFF_RESPONSE");
        assertThat(dmsTo(JO)).hasSize(2);
        assertThat(x.sentPosts()).isEmpty();
        assertThat(incidents()).hasSize(1);
    }

    @Test
    void aStaffOutagePostIsAnnouncedAndAnImpostorsIsAReport() {
        x.userPosts(SAM, "sam_ta", "@ITHelp #outage #blackboard totally down");
        x.userPosts(DANA, "dana_it", "@ITHelp #outage #wifi campus wifi down, ETA 15:00 UTC");
        reconcile();

        assertThat(incidents()).hasSize(1);
        assertThat(getJson("/outages", Map.of()).path("outages")).hasSize(1);
    }

    @Test
    void readsStayWithinXsLimits() {
        for (int i = 0; i < 3; i++) {
            x.userPosts(JO, "jo_student", "@ITHelp #vpn attempt " + i);
            reconcile();
            x.advance(Duration.ofMinutes(5));
        }
        assertThat(x.tooManyRequests()).isZero();
        assertThat(x.authFailures()).isEmpty();
    }
}
