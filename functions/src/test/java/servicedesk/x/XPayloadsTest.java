package servicedesk.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import servicedesk.intake.ReplayJob;
import servicedesk.testing.Fixtures;

/** X's notice that a replay job ended is told apart from events for an account (AAQ's {@code replay_job_status}). */
class XPayloadsTest {
    private final XPayloads payloads = new XPayloads();

    @Test
    void readsAReplayJobStatusAsTheEndOfAJobNotAsEventsForAnotherAccount() throws Exception {
        String incomplete = Fixtures.webhook("replay-job-incomplete");
        assertThat(payloads.read(incomplete)).isEqualTo(new XPayloads.Delivery.ReplayJobEnded(new ReplayJob.Ended(
                "1800000000000000077", "1800000000000000099", false, "Some events could not be delivered; request the replay again")));
        assertThat(payloads.read(incomplete.replace("\"Incomplete\"", "\"Complete\"")))
                .isInstanceOfSatisfying(XPayloads.Delivery.ReplayJobEnded.class, ended -> assertThat(ended.notice().complete()).isTrue());
    }

    @Test
    void aReplayJobStatusWithAnUnknownStateIsMalformedNotDropped() {
        assertThatThrownBy(() -> payloads.read(Fixtures.webhook("replay-job-incomplete").replace("\"Incomplete\"", "\"Running\"")))
                .isInstanceOf(AccountActivityParser.MalformedPayload.class);
    }

    @Test
    void anythingElseIsEventsAsBefore() throws Exception {
        assertThat(payloads.read(Fixtures.webhook("tweet-new-incident")))
                .isInstanceOfSatisfying(XPayloads.Delivery.Events.class, events ->
                        assertThat(events.batch().forUserId()).isNotEmpty());
    }
}
