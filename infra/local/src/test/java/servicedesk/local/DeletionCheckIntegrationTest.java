package servicedesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import servicedesk.xstandin.AccountFailure;
import servicedesk.xstandin.Post;

/**
 * The reconciler's daily batch compliance job on the emulator and the X stand-in, which (as X) sends no
 * deletion event for a reporter's or a replier's post: the job finds the deletion and the desk erases the text.
 */
class DeletionCheckIntegrationTest extends StandInDesk {

    @Test
    void aReportersDeletionThatXNeverSendsIsErasedByTheNextComplianceRun() throws Exception {
        goLive();
        Post report = x.userPosts(JO, "jo_student", "@ITHelp #blackboard grades page broken for HIST-101");
        Post answer = x.userPosts(SAM, "sam_ta", "@jo_student @ITHelp clear the cache of your browser", report.id());
        settle();
        reconcile();
        reconcile();
        String first = List.copyOf(x.complianceJobs().keySet()).get(0);
        assertThat(x.complianceUpload(first)).containsExactlyInAnyOrder(report.id(), answer.id());
        assertThat(x.complianceJobs().values()).containsExactly("complete");

        int delivered = x.deliveries().size();
        x.deletePost(report.id());
        x.deletePost(answer.id());
        settle();
        assertThat(x.deliveries()).as("X sends no event for others' deletions").hasSize(delivered);
        x.advance(Duration.ofHours(2));
        reconcile();
        assertThat(x.complianceJobs()).as("not due until a day after the last").hasSize(1);
        assertThat(incident("INC0000001").path("description").asText()).contains("HIST-101");

        x.advance(Duration.ofDays(1));
        reconcile();
        reconcile();
        assertThat(x.complianceJobs().values()).containsExactly("complete", "complete");
        assertThat(incident("INC0000001").path("description").asText()).isEqualTo("[deleted on X by its author]");
        assertThat(incident("INC0000001").path("timeline").findValuesAsText("text"))
                .anyMatch(text -> text.contains("was deleted on X by its author; its text was removed here"));
        assertThat(everythingStored()).doesNotContain("HIST-101").doesNotContain("clear the cache");
        assertThat(logText()).contains("\"PostsErasedByComplianceCheck\":2");

        // Erased posts are not sent again.
        x.advance(Duration.ofDays(1));
        reconcile();
        assertThat(x.complianceJobs()).hasSize(2);
        assertThat(logText()).contains("\"outcome\":\"NOTHING_TO_CHECK\"");
        assertThat(x.tooManyRequests()).isZero();
    }

    @Test
    void xRefusingTheAppsComplianceJobAlarmsOnCallOnceADay() throws Exception {
        goLive();
        x.userPosts(JO, "jo_student", "@ITHelp #blackboard grades page broken for HIST-101");
        settle();
        String onCall = DeskLooks.subscribe(desk, "OnCallTopic");
        x.setAccountFailure(AccountFailure.CREDENTIALS_INVALID);
        reconcile();
        reconcile();
        x.clearAccountFailure();
        assertThat(DeskLooks.received(desk, onCall)).filteredOn(alarm -> alarm.contains("compliance job"))
                .singleElement().asString().contains("401", "bearer token");
        reconcile();
        assertThat(x.complianceJobs().values()).containsExactly("in_progress");
    }
}
