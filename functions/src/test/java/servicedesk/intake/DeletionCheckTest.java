package servicedesk.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static servicedesk.intake.DeskUnderTest.JO;
import static servicedesk.intake.DeskUnderTest.SAM;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import servicedesk.incident.Escalation;
import servicedesk.incident.TimelineEntry;
import servicedesk.testing.MemoryCursors;

/**
 * The daily batch compliance job as a state machine on the in-memory desk, with X's compliance endpoints as
 * a few fields: due, created, uploaded, polled, complete, erased; failed and expired jobs restarted; X's
 * outages waited out and its refusals alarmed.
 */
class DeletionCheckTest {
    private final DeskUnderTest it = new DeskUnderTest();
    private final MemoryCursors cursors = new MemoryCursors();
    private final Map<String, String> statuses = new HashMap<>();
    private final Map<String, List<String>> uploads = new HashMap<>();
    private final List<XCompliance.Event> results = new ArrayList<>();
    private int created;
    private boolean down;
    private boolean refusing;

    private final XCompliance x = new XCompliance() {
        @Override
        public Job create() throws XReadback.Unavailable, Refused {
            reachable();
            String id = "job" + (++created);
            statuses.put(id, "created");
            return job(id);
        }

        @Override
        public Job job(String id) throws XReadback.Unavailable, Refused {
            reachable();
            return statuses.containsKey(id)
                    ? new Job(id, statuses.get(id), it.clock.instant().plus(Duration.ofMinutes(15)), "up", "down") : null;
        }

        @Override
        public void upload(Job job, List<String> postIds) throws XReadback.Unavailable, Refused {
            reachable();
            uploads.put(job.id(), List.copyOf(postIds));
            statuses.put(job.id(), "in_progress");
        }

        @Override
        public List<Event> results(Job job) throws XReadback.Unavailable, Refused {
            reachable();
            assertThat(job.status()).isEqualTo("complete");
            return results;
        }

        private void reachable() throws XReadback.Unavailable, Refused {
            if (down) {
                throw new XReadback.Unavailable("X answered 503");
            }
            if (refusing) {
                throw new Refused("X answered 401: Unauthorized");
            }
        }
    };

    private final DeletionCheck check = new DeletionCheck(x, it.desk.incidents(), cursors, it.desk, it.clock);

    private void reportAndReply() {
        it.tweet("101", JO, "@ITHelp #blackboard grades page broken, HIST-101");
        it.reply("102", SAM, "@jo_student try clearing the cache", "101");
    }

    @Test
    void aJobIsCreatedWithTheHeldPostsThenPolledAndItsDeletionsErased() {
        reportAndReply();

        assertThat(check.run()).isEqualTo(new DeletionCheck.Result(DeletionCheck.Outcome.UPLOADED, 0));
        assertThat(uploads).containsOnlyKeys("job1");
        assertThat(uploads.get("job1")).containsExactlyInAnyOrder("101", "102");

        it.clock.advance(Duration.ofMinutes(5));
        assertThat(check.run().outcome()).isEqualTo(DeletionCheck.Outcome.WAITING);
        assertThat(it.incident("INC0000001").description()).contains("HIST-101");

        statuses.put("job1", "complete");
        results.add(new XCompliance.Event("101", "delete", "deleted"));
        results.add(new XCompliance.Event("102", "delete", "suspended"));
        results.add(new XCompliance.Event("103", "delete", "deleted"));
        results.add(new XCompliance.Event("999", "rehydrate", "tweet_edited"));
        it.clock.advance(Duration.ofMinutes(5));
        assertThat(check.run()).isEqualTo(new DeletionCheck.Result(DeletionCheck.Outcome.COMPLETE, 2));

        assertThat(it.incident("INC0000001").description()).isEqualTo(TweetIntake.DELETED_TEXT);
        assertThat(it.desk.incidents().timeline("INC0000001")).extracting(TimelineEntry::text)
                .noneMatch(text -> text != null && (text.contains("HIST-101") || text.contains("cache")))
                .contains("[no longer on X: suspended]");
        assertThat(it.desk.incidents().timeline("INC0000001")).extracting(TimelineEntry::id)
                .contains("deleted:101", "deleted:102");
        assertThat(it.desk.incidents().find("INC0000001")).isPresent();

        // The next job is a day after this one; erased posts are not sent again.
        it.clock.advance(Duration.ofHours(1));
        assertThat(check.run().outcome()).isEqualTo(DeletionCheck.Outcome.NOT_DUE);
        it.tweet("201", SAM, "@ITHelp #wifi no signal in the library");
        it.clock.advance(Duration.ofDays(1));
        assertThat(check.run().outcome()).isEqualTo(DeletionCheck.Outcome.UPLOADED);
        assertThat(uploads.get("job2")).containsExactly("201");
    }

    @Test
    void theSameErasureAsADeletionEvent() {
        reportAndReply();
        check.run();
        statuses.put("job1", "complete");
        results.add(new XCompliance.Event("101", "delete", "deleted"));
        check.run();
        // The event arriving afterwards finds the post already erased.
        assertThat(it.handle(new InboundEvent.TweetDeleted("101", JO, it.clock.instant())))
                .isEqualTo(TweetIntake.Outcome.ALREADY_HANDLED);
    }

    @Test
    void failedAndExpiredJobsAreStartedAgainOnTheNextRun() {
        reportAndReply();
        check.run();
        statuses.put("job1", "failed");
        assertThat(check.run().outcome()).isEqualTo(DeletionCheck.Outcome.RESTARTED);
        assertThat(check.run().outcome()).isEqualTo(DeletionCheck.Outcome.UPLOADED);
        assertThat(uploads).containsOnlyKeys("job1", "job2");

        statuses.put("job2", "expired");
        assertThat(check.run().outcome()).isEqualTo(DeletionCheck.Outcome.RESTARTED);
        assertThat(check.run().outcome()).isEqualTo(DeletionCheck.Outcome.UPLOADED);

        statuses.remove("job3");
        assertThat(check.run().outcome()).isEqualTo(DeletionCheck.Outcome.RESTARTED);
        assertThat(created).isEqualTo(3);
    }

    @Test
    void aJobCreatedButNotUploadedIsUploadedOnTheNextRun() {
        reportAndReply();
        down = false;
        XCompliance failingUpload = new XCompliance() {
            @Override
            public Job create() throws XReadback.Unavailable, Refused {
                return x.create();
            }

            @Override
            public Job job(String id) throws XReadback.Unavailable, Refused {
                return x.job(id);
            }

            @Override
            public void upload(Job job, List<String> postIds) throws XReadback.Unavailable {
                throw new XReadback.Unavailable("no answer from X");
            }

            @Override
            public List<Event> results(Job job) {
                return List.of();
            }
        };
        assertThat(new DeletionCheck(failingUpload, it.desk.incidents(), cursors, it.desk, it.clock).run().outcome())
                .isEqualTo(DeletionCheck.Outcome.UNAVAILABLE);
        assertThat(check.run().outcome()).isEqualTo(DeletionCheck.Outcome.UPLOADED);
        assertThat(created).isEqualTo(1);
        assertThat(uploads.get("job1")).containsExactlyInAnyOrder("101", "102");
    }

    @Test
    void nothingHeldMeansNoJob() {
        assertThat(check.run().outcome()).isEqualTo(DeletionCheck.Outcome.NOTHING_TO_CHECK);
        assertThat(created).isZero();
    }

    @Test
    void incidentsUntouchedForLongerThanTheRetentionAreLeftOut() {
        reportAndReply();
        it.tweet("201", SAM, "@ITHelp #wifi no signal in the library");
        it.desk.commit(servicedesk.records.Claim.expiring("cancel", it.clock.instant().plus(Duration.ofDays(1))),
                servicedesk.records.Change.of(new servicedesk.records.Change.MoveIncident("INC0000001",
                        servicedesk.incident.IncidentState.NEW, servicedesk.incident.IncidentState.CANCELED, it.clock.instant())));
        it.clock.advance(DeletionCheck.RETENTION.plusDays(1));
        assertThat(check.heldPostIds(it.clock.instant())).containsExactly("201");
    }

    @Test
    void xOutagesAreWaitedOutAndAlarmedOnlyWhenTheCheckStalls() {
        reportAndReply();
        down = true;
        assertThat(check.run().outcome()).isEqualTo(DeletionCheck.Outcome.UNAVAILABLE);
        it.clock.advance(Duration.ofDays(1));
        assertThat(check.run().outcome()).isEqualTo(DeletionCheck.Outcome.UNAVAILABLE);
        assertThat(it.desk.escalations()).isEmpty();
        it.clock.advance(Duration.ofDays(3));
        check.run();
        check.run();
        assertThat(it.desk.escalations()).singleElement().extracting(Escalation::kind)
                .isEqualTo(Escalation.Kind.X_DELETION_CHECK_FAILING);

        down = false;
        assertThat(check.run().outcome()).isEqualTo(DeletionCheck.Outcome.UPLOADED);
    }

    @Test
    void xRefusingTheAppAlarmsOnCallOnceADay() {
        reportAndReply();
        refusing = true;
        assertThat(check.run().outcome()).isEqualTo(DeletionCheck.Outcome.REFUSED);
        check.run();
        assertThat(it.desk.escalations()).singleElement().satisfies(alarm -> {
            assertThat(alarm.kind()).isEqualTo(Escalation.Kind.X_DELETION_CHECK_FAILING);
            assertThat(alarm.text()).contains("401", "bearer");
        });
        it.clock.advance(Duration.ofDays(1));
        check.run();
        assertThat(it.desk.escalations()).hasSize(2);
    }
}
