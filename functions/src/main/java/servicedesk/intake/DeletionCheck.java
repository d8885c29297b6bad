package servicedesk.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import servicedesk.format.Log;
import servicedesk.incident.Escalation;
import servicedesk.incident.Incident;
import servicedesk.incident.IncidentPage;
import servicedesk.incident.IncidentQuery;
import servicedesk.incident.IncidentState;
import servicedesk.incident.IncidentStore;
import servicedesk.incident.TimelineEntry;
import servicedesk.records.DeskRecords;

/**
 * Finds the posts that are gone from X although no deletion event said so. X sends deletion events only for
 * the subscribed account's own posts; a reporter or a thread replier who deletes theirs is reported only by
 * X's batch compliance. So once a day (from the reconciler's schedule) a {@code tweets} job is created and
 * sent the ids of the posts whose text the desk holds; later runs poll it, and once it is complete every
 * {@code delete} in its results (deleted, protected, suspended, deactivated) is erased as a deletion event
 * is ({@link Erasure}).
 *
 * <p>The job is a small state machine kept in one cursor: {@code idle <due>}, {@code created <job> <at>}
 * (ids not yet uploaded), {@code uploaded <job> <at>}. A job X failed or let expire is started again on the
 * next run. X's limits and outages wait for the next run; X refusing the app alarms on-call (once a day),
 * and so does a check that has not completed for {@link #STALLED_AFTER}.
 *
 * <p>Bound: the posts of incidents still open, or opened within {@link #RETENTION}; a post whose text was
 * already erased is not sent again.
 */
public final class DeletionCheck {
    static final String STATE = "deletion-check";
    static final String LAST_COMPLETE = "deletion-check-complete";
    /** How often a job is started: X's integration guide names daily or weekly runs. */
    public static final Duration EVERY = Duration.ofDays(1);
    /** Incidents closed and opened longer ago than this are no longer checked. */
    public static final Duration RETENTION = Duration.ofDays(90);
    static final Duration STALLED_AFTER = Duration.ofDays(3);
    private static final Pattern REASON = Pattern.compile("[a-z_]{1,32}");
    private static final Pattern POST_ID = Pattern.compile("[0-9]{1,19}");

    public enum Outcome { NOT_DUE, NOTHING_TO_CHECK, UPLOADED, WAITING, COMPLETE, RESTARTED, UNAVAILABLE, REFUSED }

    /** What a run did: its outcome and how many posts it erased. */
    public record Result(Outcome outcome, int erased) {
    }

    private record State(String phase, String jobId, Instant at) {
        static State idle(Instant due) {
            return new State("idle", "-", due);
        }

        String text() {
            return phase + " " + jobId + " " + at.getEpochSecond();
        }
    }

    private final XCompliance x;
    private final IncidentStore incidents;
    private final Cursors cursors;
    private final DeskRecords records;
    private final Erasure erasure;
    private final Clock clock;

    public DeletionCheck(XCompliance x, IncidentStore incidents, Cursors cursors, DeskRecords records, Clock clock) {
        this.x = x;
        this.incidents = incidents;
        this.cursors = cursors;
        this.records = records;
        this.erasure = new Erasure(incidents, records, clock);
        this.clock = clock;
    }

    public Result run() {
        Instant now = clock.instant();
        State state = state(now);
        Result result;
        try {
            result = switch (state.phase()) {
                case "created", "uploaded" -> advance(state, now);
                default -> now.isBefore(state.at()) ? new Result(Outcome.NOT_DUE, 0) : start(now);
            };
        } catch (XReadback.Unavailable unavailable) {
            // X's limits (429) or an outage (5xx, no answer): the job is where it was; the next run goes on.
            Log.warn("deletion-check-unavailable", "reason", unavailable.getMessage());
            result = new Result(Outcome.UNAVAILABLE, 0);
        } catch (XCompliance.Refused refused) {
            alarm(now, "X refuses the desk's batch compliance job (" + refused.getMessage() + "): posts deleted on X "
                    + "by reporters and repliers are not erased. Check the app's bearer token and its access to "
                    + "POST /2/compliance/jobs.");
            result = new Result(Outcome.REFUSED, 0);
        }
        if (result.outcome() == Outcome.COMPLETE || result.outcome() == Outcome.NOTHING_TO_CHECK) {
            cursors.put(LAST_COMPLETE, now);
        } else {
            Instant since = cursors.instant(LAST_COMPLETE).orElse(null);
            if (since == null) {
                cursors.put(LAST_COMPLETE, now);
            } else if (since.isBefore(now.minus(STALLED_AFTER))) {
                alarm(now, "The daily check for posts deleted on X has not completed since " + since
                        + " (last: " + result.outcome() + "): their text may still be stored. See the reconciler's "
                        + "deletion-check log lines.");
            }
        }
        return result;
    }

    private Result start(Instant now) throws XReadback.Unavailable, XCompliance.Refused {
        List<String> ids = heldPostIds(now);
        if (ids.isEmpty()) {
            save(State.idle(now.plus(EVERY)));
            return new Result(Outcome.NOTHING_TO_CHECK, 0);
        }
        XCompliance.Job job = x.create();
        save(new State("created", job.id(), now));
        return upload(job, ids, now);
    }

    private Result upload(XCompliance.Job job, List<String> ids, Instant createdAt)
            throws XReadback.Unavailable, XCompliance.Refused {
        x.upload(job, ids);
        save(new State("uploaded", job.id(), createdAt));
        Log.info("deletion-check-uploaded", "job", job.id(), "posts", ids.size());
        return new Result(Outcome.UPLOADED, 0);
    }

    private Result advance(State state, Instant now) throws XReadback.Unavailable, XCompliance.Refused {
        XCompliance.Job job = x.job(state.jobId());
        String status = job == null ? "failed" : job.status();
        switch (status) {
            case "created" -> {
                // Not uploaded yet (a run that stopped between the two calls): upload while X still takes it.
                if (job.uploadExpiresAt() == null || now.isBefore(job.uploadExpiresAt())) {
                    return upload(job, heldPostIds(now), state.at());
                }
                return restart(state, "upload window passed");
            }
            case "in_progress" -> {
                return new Result(Outcome.WAITING, 0);
            }
            case "complete" -> {
                int erased = 0;
                for (XCompliance.Event event : x.results(job)) {
                    if ("delete".equals(event.action()) && event.postId() != null && POST_ID.matcher(event.postId()).matches()) {
                        String reason = event.reason() != null && REASON.matcher(event.reason()).matches() ? event.reason() : "removed";
                        if (erasure.erase(event.postId(), null, reason) == Erasure.Result.ERASED) {
                            erased++;
                        }
                    }
                }
                save(State.idle(state.at().plus(EVERY)));
                Log.info("deletion-check-complete", "job", job.id(), "erased", erased);
                return new Result(Outcome.COMPLETE, erased);
            }
            default -> {
                // failed, expired, or a job X no longer has: a new one on the next run.
                return restart(state, status);
            }
        }
    }

    private Result restart(State state, String why) {
        Log.warn("deletion-check-restarted", "job", state.jobId(), "status", why);
        save(State.idle(clock.instant()));
        return new Result(Outcome.RESTARTED, 0);
    }

    /**
     * The posts whose text the desk holds: each incident's source post and the thread replies on its timeline,
     * for incidents still open or opened within {@link #RETENTION}. Both sets are read from indexes (open
     * states; incidents newest first, up to the cut-off), so the read does not grow with the closed incidents
     * kept for years.
     */
    List<String> heldPostIds(Instant now) {
        Instant oldest = now.minus(RETENTION);
        Map<String, Incident> held = new LinkedHashMap<>();
        for (IncidentState state : IncidentState.values()) {
            if (state.isOpen()) {
                incidents.listAll(IncidentQuery.inState(state)).forEach(incident -> held.putIfAbsent(incident.number(), incident));
            }
        }
        String page = null;
        boolean pastCutOff = false;
        do {
            IncidentPage newestFirst = incidents.list(new IncidentQuery(null, null, null, false, null, 100, page));
            for (Incident incident : newestFirst.incidents()) {
                pastCutOff = incident.openedAt().isBefore(oldest);
                if (pastCutOff) {
                    break;
                }
                held.putIfAbsent(incident.number(), incident);
            }
            page = newestFirst.nextPageToken();
        } while (page != null && !pastCutOff);
        Set<String> ids = new LinkedHashSet<>();
        for (Incident incident : held.values()) {
            if (incident.sourceTweetId() != null && !Erasure.erased(incident.description())) {
                ids.add(incident.sourceTweetId());
            }
            for (TimelineEntry entry : incidents.timeline(incident.number())) {
                if (entry.id().startsWith("tweet:") && !Erasure.erased(entry.text())) {
                    ids.add(entry.id().substring("tweet:".length()));
                }
            }
        }
        return new ArrayList<>(ids);
    }

    private State state(Instant now) {
        Optional<String> text = cursors.get(STATE).filter(value -> !value.isBlank());
        if (text.isEmpty()) {
            return State.idle(now);
        }
        String[] parts = text.get().split(" ");
        return new State(parts[0], parts[1], Instant.ofEpochSecond(Long.parseLong(parts[2])));
    }

    private void save(State state) {
        cursors.put(STATE, state.text());
    }

    /** One notice a day: on-call needs to know, not to be paged every few minutes. */
    private void alarm(Instant now, String text) {
        DailyNotice.escalate(records, "deletion-check-failing", Escalation.Kind.X_DELETION_CHECK_FAILING, "X deletion check",
                "P2", text, now);
    }
}
