package servicedesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code IntakeMode=webhook}: the template turns the reconciler's schedule off, and the local run leaves it off
 * too, so what passes here with the webhook alone would pass on AWS.
 */
class WebhookOnlyIntakeIntegrationTest extends StandInDesk {

    @Override
    Map<String, String> moreParameters() {
        return Map.of("IntakeMode", "webhook");
    }

    @Test
    void theReconcilerIsNotScheduledAndAReportStillBecomesAnIncident() throws Exception {
        assertThat(desk.scheduledFunctions()).containsExactly("TargetWatchFunction");

        goLive();
        x.userPosts(JO, "jo_student", "@ITHelp #blackboard I can't open my grades");
        settle();

        assertThat(incidents()).hasSize(1);
        assertThat(x.sentDms()).singleElement().satisfies(dm -> assertThat(dm.text()).contains("INC0000001"));
    }
}
