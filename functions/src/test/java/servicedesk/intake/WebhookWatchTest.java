package servicedesk.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import servicedesk.incident.Escalation;
import servicedesk.testing.MemoryCursors;
import servicedesk.testing.MemoryDesk;
import servicedesk.testing.MutableClock;

/** The webhook watch's decisions, with X's webhooks API as a few fields. */
class WebhookWatchTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-07-24T12:00:00Z"));
    private final MemoryDesk desk = new MemoryDesk();
    private final List<String> replays = new ArrayList<>();
    private final List<String> revalidations = new ArrayList<>();
    private final List<Instant> requestedAt = new ArrayList<>();
    private List<XWebhooks.Webhook> webhooks = List.of(new XWebhooks.Webhook("77", true));
    private boolean passesCrc = true;
    private boolean subscribed = true;
    private boolean xDown;
    private boolean bearerRefused;
    private boolean replayDown;
    private XWebhooks.Refused replayRefusal;

    private final XWebhooks x = new XWebhooks() {
        @Override
        public List<Webhook> webhooks() throws XReadback.Unavailable {
            down();
            return webhooks;
        }

        @Override
        public boolean revalidate(String webhookId) throws XReadback.Unavailable {
            down();
            revalidations.add(webhookId);
            if (passesCrc) {
                webhooks = List.of(new Webhook(webhookId, true));
            }
            return passesCrc;
        }

        @Override
        public boolean subscribed(String webhookId) throws XReadback.Unavailable {
            down();
            return subscribed;
        }

        @Override
        public String replay(String webhookId, Instant from, Instant to) throws XReadback.Unavailable, Refused {
            down();
            if (replayDown) {
                throw new XReadback.Unavailable("429");
            }
            if (replayRefusal != null) {
                throw replayRefusal;
            }
            replays.add(webhookId + " " + from + " " + to);
            requestedAt.add(clock.instant());
            return "job" + replays.size();
        }

        private void down() throws XReadback.Unavailable {
            if (bearerRefused) {
                throw new CredentialsRefused("X answered 401: Unauthorized");
            }
            if (xDown) {
                throw new XReadback.Unavailable("429");
            }
        }
    };

    private final MemoryCursors store = new MemoryCursors();

    private final WebhookWatch watch = new WebhookWatch(x, store, desk, "1600000000000000001", clock);

    private WebhookWatch.Result everyFiveMinutes(int recovered) {
        clock.advance(Duration.ofMinutes(5));
        return watch.check(recovered);
    }

    @Test
    void aHealthyWebhookNeedsNothing() {
        for (int i = 0; i < 12; i++) {
            assertThat(everyFiveMinutes(0)).isEqualTo(new WebhookWatch.Result(WebhookWatch.Health.HEALTHY, false));
        }
        assertThat(desk.escalations()).isEmpty();
        assertThat(replays).isEmpty();
        assertThat(revalidations).isEmpty();
    }

    @Test
    void anInvalidWebhookIsRevalidatedAndItsGapReplayedOnceXAllowsTheWindow() {
        everyFiveMinutes(0);
        Instant lastHealthy = clock.instant();
        webhooks = List.of(new XWebhooks.Webhook("77", false));
        passesCrc = false;
        assertThat(everyFiveMinutes(0).health()).isEqualTo(WebhookWatch.Health.INVALID);
        assertThat(everyFiveMinutes(0).health()).isEqualTo(WebhookWatch.Health.INVALID);
        assertThat(revalidations).hasSize(2);
        assertThat(desk.escalations()).singleElement().extracting(Escalation::kind).isEqualTo(Escalation.Kind.X_WEBHOOK_UNHEALTHY);

        passesCrc = true;
        assertThat(everyFiveMinutes(0)).isEqualTo(new WebhookWatch.Result(WebhookWatch.Health.HEALTHY, false));
        Instant healthyAgain = clock.instant();
        // X replays a window only once its end is ten minutes old.
        assertThat(everyFiveMinutes(0).replayRequested()).isFalse();
        assertThat(everyFiveMinutes(0).replayRequested()).isTrue();
        assertThat(replays).containsExactly("77 " + earliest(lastHealthy, clock.instant().minus(Duration.ofMinutes(31))) + " " + healthyAgain);
        assertThat(everyFiveMinutes(0).replayRequested()).isFalse();
        assertThat(replays).hasSize(1);
    }

    @Test
    void aWebhookFoundInvalidAndRevalidatedInTheSameRunIsAGapToo() {
        // With IntakeMode=webhook nothing is recovered by reconciliation: the invalid webhook is the only sign.
        everyFiveMinutes(0);
        Instant lastHealthy = clock.instant();
        clock.advance(Duration.ofHours(2));
        webhooks = List.of(new XWebhooks.Webhook("77", false));

        assertThat(everyFiveMinutes(0)).isEqualTo(new WebhookWatch.Result(WebhookWatch.Health.HEALTHY, false));
        Instant healthyAgain = clock.instant();
        assertThat(revalidations).containsExactly("77");
        everyFiveMinutes(0);
        everyFiveMinutes(0);

        assertThat(replays).containsExactly("77 " + lastHealthy + " " + healthyAgain);
        assertThat(desk.escalations()).isEmpty();
    }

    /** A run after 30 quiet hours that had to recover events, then runs until the gap is replayed: its start. */
    private Instant replayStartAfterAGapOlderThanXsDay() {
        everyFiveMinutes(0);
        clock.advance(Duration.ofHours(30));
        everyFiveMinutes(3);
        for (int i = 0; i < 3; i++) {
            everyFiveMinutes(0);
        }
        assertThat(replays).hasSize(1);
        return Instant.parse(replays.get(0).split(" ")[1]);
    }

    @Test
    void eventsReconciliationHadToRecoverAreAGapTooAndItsReplayReachesNoFurtherThanXAllows() {
        assertThat(replayStartAfterAGapOlderThanXsDay()).isAfter(requestedAt.get(0).minus(Duration.ofHours(24)));
        // The part of the gap beyond X's day is lost to replay: on-call hears of it, once.
        assertThat(desk.escalations()).singleElement().satisfies(escalation -> {
            assertThat(escalation.kind()).isEqualTo(Escalation.Kind.X_WEBHOOK_UNHEALTHY);
            assertThat(escalation.text()).contains("cannot be recovered by replay", "24-hour");
        });
    }

    @Test
    void aGapWhoseReplayXKeptRefusingUntilItLeftXsDayIsAlarmedAndLetGo() {
        everyFiveMinutes(0);
        replayDown = true;
        everyFiveMinutes(2);
        for (int i = 0; i < 12 * 25; i++) {
            everyFiveMinutes(0);
        }
        assertThat(replays).isEmpty();
        assertThat(desk.escalations()).singleElement().extracting(Escalation::text).asString()
                .contains("cannot be recovered by replay", "24-hour");
        replayDown = false;
        everyFiveMinutes(0);
        everyFiveMinutes(0);
        assertThat(replays).isEmpty();
        assertThat(desk.escalations()).hasSize(1);
    }

    @Test
    void aReplayXRefusesIsAlarmedWithXsReasonAndNotAskedForEveryRunForEver() {
        everyFiveMinutes(0);
        webhooks = List.of(new XWebhooks.Webhook("77", false));
        replayRefusal = new XWebhooks.Refused("QueryParamInvalid", "X answered 400: QueryParamInvalid: from_date is too old");
        for (int i = 0; i < 12; i++) {
            everyFiveMinutes(0);
        }
        assertThat(desk.escalations()).singleElement().extracting(Escalation::text).asString()
                .contains("cannot be recovered by replay", "QueryParamInvalid");
        replayRefusal = null;
        for (int i = 0; i < 12; i++) {
            everyFiveMinutes(0);
        }
        assertThat(replays).isEmpty();
    }

    @Test
    void aReplayRefusedWhileTheWebhookFailsItsCrcIsAskedForAgainOnceItPasses() {
        everyFiveMinutes(0);
        webhooks = List.of(new XWebhooks.Webhook("77", false));
        replayRefusal = new XWebhooks.Refused("CrcValidationFailed", "X answered 400: CrcValidationFailed: no answer");
        for (int i = 0; i < 4; i++) {
            everyFiveMinutes(0);
        }
        assertThat(desk.escalations()).singleElement().extracting(Escalation::text).asString()
                .contains("CrcValidationFailed", "asks for the replay again");
        replayRefusal = null;
        everyFiveMinutes(0);
        assertThat(replays).hasSize(1);
    }

    @Test
    void anIncompleteReplayIsAskedForAgainAndACompleteOneIsClosed() {
        everyFiveMinutes(0);
        webhooks = List.of(new XWebhooks.Webhook("77", false));
        for (int i = 0; i < 4; i++) {
            everyFiveMinutes(0);
        }
        assertThat(replays).hasSize(1);
        assertThat(ReplayJob.ended(store, new ReplayJob.Ended("77", "another-job", false, ""))).isFalse();
        assertThat(ReplayJob.ended(store, new ReplayJob.Ended("77", "job1", false, "Some events were not delivered"))).isTrue();
        assertThat(everyFiveMinutes(0).replayRequested()).isTrue();
        assertThat(replays).hasSize(2);
        assertThat(replays.get(1)).isEqualTo(replays.get(0));

        assertThat(ReplayJob.ended(store, new ReplayJob.Ended("77", "job2", true, "All events were delivered"))).isTrue();
        for (int i = 0; i < 4; i++) {
            assertThat(everyFiveMinutes(0).replayRequested()).isFalse();
        }
        assertThat(replays).hasSize(2);
        assertThat(ReplayJob.ended(store, new ReplayJob.Ended("77", "job2", false, ""))).isFalse();
        assertThat(desk.escalations()).isEmpty();
    }

    @Test
    void aRefusedBearerTokenAlarmsOnCallFromTheSecondRunInARow() {
        everyFiveMinutes(0);
        bearerRefused = true;
        assertThat(everyFiveMinutes(0).health()).isEqualTo(WebhookWatch.Health.CREDENTIALS_REFUSED);
        assertThat(desk.escalations()).isEmpty();
        everyFiveMinutes(0);
        everyFiveMinutes(0);
        assertThat(desk.escalations()).singleElement().extracting(Escalation::text).asString().contains("bearer token", "401");

        // Mended: the count starts again, so one refusal later is not an alarm.
        bearerRefused = false;
        everyFiveMinutes(0);
        clock.advance(Duration.ofDays(1));
        bearerRefused = true;
        everyFiveMinutes(0);
        assertThat(desk.escalations()).hasSize(1);
    }

    @Test
    void runsWhenXDoesNotAnswerDoNotMoveTheStartOfAGapFoundLater() {
        everyFiveMinutes(0);
        Instant lastHealthy = clock.instant();
        xDown = true;
        for (int i = 0; i < 24; i++) {
            everyFiveMinutes(0);
        }
        xDown = false;
        webhooks = List.of(new XWebhooks.Webhook("77", false));
        for (int i = 0; i < 4; i++) {
            everyFiveMinutes(0);
        }
        assertThat(replays).singleElement().asString().startsWith("77 " + lastHealthy + " ");
    }

    @Test
    void theReplaysStartAsTheMinuteXIsAskedForStaysAMinuteInsideXsDayWhateverTheSecond() {
        // X is asked for whole minutes: a start of 12:00:59.9 is asked for as 12:00, 59.9 s earlier.
        clock.advance(Duration.ofMillis(59_900));
        assertThat(replayStartAfterAGapOlderThanXsDay().truncatedTo(java.time.temporal.ChronoUnit.MINUTES))
                .isAfterOrEqualTo(requestedAt.get(0).minus(Duration.ofHours(24)).plus(Duration.ofMinutes(1)));
    }

    @Test
    void noWebhookOrNoSubscriptionAlarmsOnCallOnceADay() {
        webhooks = List.of();
        everyFiveMinutes(0);
        everyFiveMinutes(0);
        webhooks = List.of(new XWebhooks.Webhook("77", true));
        subscribed = false;
        assertThat(everyFiveMinutes(0).health()).isEqualTo(WebhookWatch.Health.NOT_SUBSCRIBED);
        everyFiveMinutes(0);
        assertThat(desk.escalations()).hasSize(2).allSatisfy(escalation ->
                assertThat(escalation.text()).contains("infra/go-live"));
        clock.advance(Duration.ofDays(1));
        everyFiveMinutes(0);
        assertThat(desk.escalations()).hasSize(3);
    }

    @Test
    void whenXDoesNotAnswerNothingIsConcluded() {
        xDown = true;
        assertThat(everyFiveMinutes(5).health()).isEqualTo(WebhookWatch.Health.UNKNOWN);
        assertThat(desk.escalations()).isEmpty();
        assertThat(replays).isEmpty();
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
