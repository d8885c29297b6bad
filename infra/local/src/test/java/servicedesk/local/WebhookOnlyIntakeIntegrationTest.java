package servicedesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import servicedesk.intake.Reconciliation;
import servicedesk.xstandin.XStandIn;

/**
 * {@code IntakeMode=webhook}: the webhook is the only intake, so the scheduled reconciler reads nothing back from
 * X (no read costs) but still watches the webhook: a webhook X marks invalid is re-validated and the time it was
 * down replayed.
 */
class WebhookOnlyIntakeIntegrationTest extends StandInDesk {

    @Override
    Map<String, String> moreParameters() {
        return Map.of("IntakeMode", "webhook");
    }

    @Test
    void theReconcilerReadsNothingBackButWatchesTheWebhook() throws Exception {
        assertThat(desk.scheduledFunctions()).containsExactlyInAnyOrder("TargetWatchFunction", "ReconcilerFunction");
        goLive();
        x.userPosts(JO, "jo_student", "@ITHelp #blackboard I can't open my grades");
        settle();
        assertThat(incidents()).hasSize(1);

        Reconciliation.Result run = reconcile();

        assertThat(run.read()).isZero();
        assertThat(requests("GET", "/2/users/" + x.options().accountId() + "/mentions")).isZero();
        assertThat(requests("GET", "/2/dm_events")).isZero();
        assertThat(requests("GET", "/2/webhooks")).isPositive();
        assertThat(logText()).contains("webhook-watched").contains("\"health\":\"HEALTHY\"");
    }

    @Test
    void aWebhookXMarkedInvalidIsRevalidatedAndWhatItMissedIsReplayed() throws Exception {
        goLive();
        x.advance(Duration.ofMinutes(5));
        reconcile();

        // Unreachable long enough for X to mark it invalid; meanwhile someone reports.
        webhookDownUntilXMarksItInvalid(() -> x.userPosts(SAM, "sam_ta", "@ITHelp #wifi no signal in the library"));
        reconcile();
        assertThat(x.webhooks()).singleElement().extracting(XStandIn.Webhook::valid).isEqualTo(true);
        assertThat(incidents()).isEmpty();

        // Once X allows the window, the reconciler asks for it; the report comes back through the webhook.
        x.advance(Duration.ofMinutes(31));
        reconcile();
        settle();
        assertThat(logText()).contains("\"replayRequested\":true");
        assertThat(incidents()).hasSize(1);
        assertThat(dmsTo(SAM)).hasSize(1);
        assertThat(x.duplicates()).isEmpty();
    }
}
