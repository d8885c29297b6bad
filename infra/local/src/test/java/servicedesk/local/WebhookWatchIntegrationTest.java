package servicedesk.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import servicedesk.intake.XReadback;
import servicedesk.intake.XWebhooks;
import servicedesk.x.XApi;
import servicedesk.x.XAppCalls;
import servicedesk.x.XCredentials;
import servicedesk.x.XWebhooksApi;
import servicedesk.xstandin.AccountFailure;
import servicedesk.xstandin.Options;
import servicedesk.xstandin.Post;
import servicedesk.xstandin.XLimit;
import servicedesk.xstandin.XStandIn;

/**
 * Issues 12 and 17: the reconciler watches the webhook on X. A webhook X marked invalid after a long
 * outage is re-validated and the gap replayed (what was recovered meanwhile is handled once); a reporter's
 * deletion meanwhile, which X never sends as an event, is found by the daily batch compliance job; a
 * subscription that disappears alarms on-call once.
 */
class WebhookWatchIntegrationTest extends StandInDesk {

    @Override
    Map<String, String> moreParameters() {
        return Map.of("IntakeMode", "both");
    }

    @Test
    void aHealthyWebhookIsLeftAloneAndNobodyIsPaged() throws Exception {
        goLive();
        String onCall = DeskLooks.subscribe(desk, "OnCallTopic");
        x.advance(Duration.ofMinutes(5));
        reconcile();
        x.advance(Duration.ofMinutes(5));
        reconcile();
        assertThat(DeskLooks.received(desk, onCall)).isEmpty();
        assertThat(logText()).contains("\"health\":\"HEALTHY\"").doesNotContain("\"replayRequested\":true");
    }

    @Test
    void aWebhookXMarkedInvalidIsRevalidatedAndTheGapReplayedWithWhatReconciliationCannotRead() throws Exception {
        goLive();
        Post report = x.userPosts(JO, "jo_student", "@ITHelp #blackboard I can't open my grades, HIST-101 shows an error");
        settle();
        assertThat(incidents()).hasSize(1);
        x.advance(Duration.ofMinutes(5));
        reconcile();

        // The webhook is unreachable long enough for X to give up on it (28 hours of failed CRC checks).
        // Meanwhile, within the last day: the reporter deletes the tweet, and someone else reports.
        webhookDownUntilXMarksItInvalid(() -> {
            x.deletePost(report.id());
            x.userPosts(SAM, "sam_ta", "@ITHelp #wifi no signal in the library");
        });

        reconcile();
        assertThat(x.webhooks()).singleElement().extracting(XStandIn.Webhook::valid).isEqualTo(true);
        assertThat(incidents()).hasSize(2);
        assertThat(logText()).contains("\"EventsRecovered\":1");
        // The deletion is in no timeline reconciliation reads, nor in X's replay (not the account's own post).
        assertThat(incident("INC0000001").path("description").asText()).contains("HIST-101");

        x.advance(Duration.ofMinutes(11));
        reconcile();
        assertThat(logText()).contains("\"replayRequested\":true");
        settle();
        assertThat(incident("INC0000001").path("description").asText()).contains("HIST-101");
        // The day's compliance job (started on the last run, a day after the first) reports it.
        x.advance(Duration.ofMinutes(5));
        reconcile();
        assertThat(x.complianceJobs().values()).containsExactly("complete", "complete");
        assertThat(incident("INC0000001").path("description").asText()).isEqualTo("[deleted on X by its author]");
        assertThat(everythingStored()).doesNotContain("HIST-101");
        assertThat(incidents()).hasSize(2);
        assertThat(dmsTo(SAM)).hasSize(1);
        assertThat(x.duplicates()).isEmpty();
        // X's replay_job_status closes the job the watch asked for.
        assertThat(logText()).contains("\"event\":\"replay-job-ended\"").contains("\"complete\":true,").doesNotContain("event-for-other-account");
    }

    @Test
    void aRevalidationXRefusesWithCrcValidationFailedAlarmsOnCallAndTheGapIsReplayedOnceMended() throws Exception {
        goLive();
        String onCall = DeskLooks.subscribe(desk, "OnCallTopic");
        x.advance(Duration.ofMinutes(5));
        reconcile();
        webhookDownUntilXMarksItInvalid();

        // Still down: X answers the re-validation with its documented 400 CrcValidationFailed.
        reconcile();
        x.advance(Duration.ofMinutes(5));
        reconcile();
        assertThat(requests("PUT", "/2/webhooks/[0-9]+")).isEqualTo(2);
        assertThat(logText()).contains("\"health\":\"INVALID\"");
        assertThat(DeskLooks.received(desk, onCall)).singleElement().asString().contains("invalid", "infra/go-live");

        x.setWebhookDown(false);
        x.advance(Duration.ofMinutes(5));
        reconcile();
        x.advance(Duration.ofMinutes(11));
        reconcile();
        assertThat(logText()).contains("\"replayRequested\":true");
        // The gap began 29 hours ago: what lies beyond X's day cannot be replayed, and on-call is told so.
        assertThat(DeskLooks.received(desk, onCall)).singleElement().asString()
                .contains("cannot be recovered by replay", "24-hour");
    }

    @Test
    void theWebhooksAdapterTellsXsRefusalsFromItsLimitsAndFromARevokedToken() throws Exception {
        String webhookId = goLive();
        XWebhooksApi webhooks = new XWebhooksApi(app(), IT);
        Instant now = x.now();
        // X keeps 24 hours: an older window is refused for good (QueryParamInvalid), not worth asking again.
        assertThatThrownBy(() -> webhooks.replay(webhookId, now.minus(Duration.ofHours(30)), now.minus(Duration.ofHours(29))))
                .isInstanceOfSatisfying(XWebhooks.Refused.class, refused -> assertThat(refused.reason()).isEqualTo("QueryParamInvalid"));
        // X's limits pass: asked again next run.
        x.spend(XLimit.REPLAY_PER_APP_15_MIN, 100);
        assertThatThrownBy(() -> webhooks.replay(webhookId, now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1))))
                .isInstanceOf(XReadback.Unavailable.class).isNotInstanceOf(XWebhooks.CredentialsRefused.class);
        x.setAccountFailure(AccountFailure.CREDENTIALS_INVALID);
        assertThatThrownBy(webhooks::webhooks).isInstanceOf(XWebhooks.CredentialsRefused.class);
    }

    @Test
    void aBearerTokenXRefusesAlarmsOnCallFromTheSecondRunInARow() throws Exception {
        goLive();
        String onCall = DeskLooks.subscribe(desk, "OnCallTopic");
        x.setAccountFailure(AccountFailure.CREDENTIALS_INVALID);
        x.advance(Duration.ofMinutes(5));
        reconcile();
        assertThat(DeskLooks.received(desk, onCall)).isEmpty();
        for (int run = 0; run < 2; run++) {
            x.advance(Duration.ofMinutes(5));
            reconcile();
        }
        assertThat(logText()).contains("\"health\":\"CREDENTIALS_REFUSED\"");
        assertThat(DeskLooks.received(desk, onCall)).singleElement().asString().contains("bearer token", "401");
    }

    @Test
    void aSubscriptionThatDisappearsAlarmsOnCallOnce() throws Exception {
        String webhookId = goLive();
        String onCall = DeskLooks.subscribe(desk, "OnCallTopic");
        assertThat(app().deleteAsApp("/2/account_activity/webhooks/" + webhookId + "/subscriptions/" + IT + "/all").ok()).isTrue();

        for (int run = 0; run < 3; run++) {
            x.advance(Duration.ofMinutes(5));
            reconcile();
        }
        List<String> alarms = DeskLooks.received(desk, onCall);
        assertThat(alarms).singleElement().asString().contains("not subscribed", "infra/go-live");
    }

    private XAppCalls app() {
        Options o = x.options();
        return new XAppCalls(new XApi(x.baseUrl(), new XCredentials(o.consumerKey(), o.consumerSecret(),
                o.accessToken(), o.accessTokenSecret(), o.bearerToken(), o.clientSecret())));
    }
}
