package servicedesk.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import servicedesk.incident.Escalation;
import servicedesk.records.DeskRecords;

/**
 * Keeps an eye on the webhook from the reconciler's schedule. X marks a webhook invalid after failed CRC
 * checks and stops delivering; a subscription can disappear; and a webhook that was down loses what X
 * tried to send meanwhile (retries are Enterprise-only). So each run: a webhook that X marks invalid is
 * re-validated; a missing webhook or subscription alarms on-call once a day; and once the webhook is
 * healthy again after a gap (it was unhealthy, or reconciliation had to recover events), X is asked to
 * replay the gap, which brings back what reconciliation cannot read (deletions, blocks, revocations).
 * Claims make the replayed events that were already handled harmless. What replay cannot bring back — a gap
 * older than X's 24 hours, a replay X refuses — is told to on-call, as is X refusing the app's bearer token on
 * two runs in a row (the watch is blind until someone mends it).
 */
public final class WebhookWatch {
    static final String GAP_FROM = "webhook-gap-from";
    static final String GAP_UNTIL = "webhook-gap-until";
    /** The last run that found the webhook healthy: where a gap found later starts. */
    static final String CHECKED_AT = "webhook-checked-at";
    /** How many runs in a row X refused the app's bearer token. */
    static final String REFUSED_RUNS = "webhook-credentials-refused-runs";
    static final int REFUSED_RUNS_TO_ALARM = 2;
    /**
     * X's Account Activity replay takes a window only once its start is 31 minutes old and its end 10 (§6.5);
     * {@code POST /2/webhooks/replay} states only the 24 hours back, so the same waits are kept for it.
     */
    static final Duration REPLAY_START_AGE = Duration.ofMinutes(31);
    static final Duration REPLAY_END_AGE = Duration.ofMinutes(10);
    static final Duration REPLAY_REACH = Duration.ofHours(24);

    public enum Health { HEALTHY, NO_WEBHOOK, INVALID, NOT_SUBSCRIBED, CREDENTIALS_REFUSED, UNKNOWN }

    /** What a run found and did. */
    public record Result(Health health, boolean replayRequested) {
    }

    private final XWebhooks x;
    private final Cursors cursors;
    private final DeskRecords records;
    private final String accountId;
    private final Clock clock;

    public WebhookWatch(XWebhooks x, Cursors cursors, DeskRecords records, String accountId, Clock clock) {
        this.x = x;
        this.cursors = cursors;
        this.records = records;
        this.accountId = accountId;
        this.clock = clock;
    }

    /** @param recovered how many events this run's reconciliation had to recover (a gap the webhook left) */
    public Result check(int recovered) {
        Instant now = clock.instant();
        Instant previousCheck = cursors.instant(CHECKED_AT).orElse(now);
        rearmIncompleteReplay();
        Health health;
        String webhookId = null;
        boolean foundInvalid = false;
        try {
            List<XWebhooks.Webhook> webhooks = x.webhooks();
            Optional<XWebhooks.Webhook> chosen = webhooks.stream().filter(XWebhooks.Webhook::valid).findFirst()
                    .or(() -> webhooks.stream().findFirst());
            if (chosen.isEmpty()) {
                health = Health.NO_WEBHOOK;
            } else {
                webhookId = chosen.get().id();
                foundInvalid = !chosen.get().valid();
                boolean valid = !foundInvalid || x.revalidate(webhookId);
                health = !valid ? Health.INVALID : x.subscribed(webhookId) ? Health.HEALTHY : Health.NOT_SUBSCRIBED;
            }
        } catch (XWebhooks.CredentialsRefused refused) {
            return credentialsRefused(refused, now);
        } catch (XReadback.Unavailable unavailable) {
            // X's limits or an outage: nothing is known, nothing is concluded (the gap, if any, starts at the last
            // healthy run, which this one does not move).
            return new Result(Health.UNKNOWN, false);
        }
        if (cursors.get(REFUSED_RUNS).filter(runs -> !runs.isEmpty()).isPresent()) {
            cursors.put(REFUSED_RUNS, "");
        }
        if (health != Health.HEALTHY) {
            if (cursors.instant(GAP_FROM).isEmpty()) {
                cursors.put(GAP_FROM, previousCheck);
            }
            cursors.put(GAP_UNTIL, "");
            alarm(health, webhookId, now);
            return new Result(health, false);
        }
        cursors.put(CHECKED_AT, now);
        // X delivered nothing while it held the webhook invalid, even if this run's CRC check passed at once.
        if (foundInvalid && cursors.instant(GAP_FROM).isEmpty()) {
            cursors.put(GAP_FROM, previousCheck);
        }
        if (recovered > 0 && cursors.instant(GAP_FROM).isEmpty()) {
            cursors.put(GAP_FROM, previousCheck.minus(Duration.ofMinutes(5)));
        }
        if (cursors.instant(GAP_FROM).isPresent() && cursors.instant(GAP_UNTIL).isEmpty()) {
            cursors.put(GAP_UNTIL, now);
        }
        return new Result(health, replayWhenDue(webhookId, now));
    }

    /** A revoked or rotated bearer token does not mend itself: on-call hears of it from the second run in a row. */
    private Result credentialsRefused(XWebhooks.CredentialsRefused refused, Instant now) {
        int runs = cursors.get(REFUSED_RUNS).filter(value -> !value.isEmpty()).map(Integer::parseInt).orElse(0) + 1;
        cursors.put(REFUSED_RUNS, Integer.toString(runs));
        if (runs >= REFUSED_RUNS_TO_ALARM) {
            alarm("webhook-credentials-refused:app", now, "X refused the app's bearer token on " + runs
                    + " runs in a row (" + refused.getMessage() + "): the desk cannot see, re-validate or replay its webhook,"
                    + " and no gap is known while this lasts. Put the app's current bearer token in the TwitterCredentials"
                    + " secret (bearerToken).");
        }
        return new Result(Health.CREDENTIALS_REFUSED, false);
    }

    /** X reported the last replay job Incomplete: its window is a gap again, requested once more when due. */
    private void rearmIncompleteReplay() {
        Optional<ReplayJob> job = ReplayJob.read(cursors);
        if (job.isEmpty() || job.get().state() == ReplayJob.State.REQUESTED) {
            return;
        }
        if (job.get().state() == ReplayJob.State.INCOMPLETE) {
            Optional<Instant> gapFrom = cursors.instant(GAP_FROM);
            cursors.put(GAP_FROM, gapFrom.map(from -> earliest(from, job.get().from())).orElse(job.get().from()));
            if (gapFrom.isEmpty()) {
                cursors.put(GAP_UNTIL, job.get().until());
            }
        }
        ReplayJob.clear(cursors);
    }

    /**
     * The gap is replayed once X allows its end to be asked for; until then it waits for a later run. What lies
     * beyond X's 24 hours, or what X refuses to replay, is lost to replay: on-call is told, and the gap let go.
     */
    private boolean replayWhenDue(String webhookId, Instant now) {
        Optional<Instant> from = cursors.instant(GAP_FROM);
        Optional<Instant> until = cursors.instant(GAP_UNTIL);
        if (from.isEmpty() || until.isEmpty() || until.get().isAfter(now.minus(REPLAY_END_AGE))) {
            return false;
        }
        Instant reach = firstWholeMinute(now.minus(REPLAY_REACH).plus(Duration.ofMinutes(1)));
        if (until.get().isBefore(reach)) {
            replayLost(webhookId, from.get(), until.get(), now, "it is older than X's 24-hour replay reach");
            closeGap();
            return false;
        }
        if (from.get().isBefore(reach)) {
            replayLost(webhookId, from.get(), reach, now, "it is older than X's 24-hour replay reach; the rest is being replayed");
        }
        Instant start = earliest(latest(from.get(), reach), now.minus(REPLAY_START_AGE));
        String jobId;
        try {
            jobId = x.replay(webhookId, start, until.get());
        } catch (XReadback.Unavailable unavailable) {
            return false;
        } catch (XWebhooks.Refused refused) {
            if ("CrcValidationFailed".equals(refused.reason())) {
                // The webhook fails its CRC, so X can replay nothing to it yet: the gap is kept and asked for again
                // once a later run has it valid.
                alarm("webhook-replay-refused:" + webhookId, now, "X refused to replay " + start + " to " + until.get()
                        + " to webhook " + webhookId + " (" + refused.getMessage() + "): the webhook fails X's CRC check, so X"
                        + " delivers nothing. Check that it answers GET /webhooks/twitter?crc_token=…; the desk asks for the"
                        + " replay again once X holds it valid.");
                return false;
            }
            replayLost(webhookId, start, until.get(), now, "X refused the replay (" + refused.getMessage() + ")");
            closeGap();
            return false;
        }
        closeGap();
        if (!jobId.isEmpty() && !jobId.contains(" ")) {
            new ReplayJob(jobId, start, until.get(), ReplayJob.State.REQUESTED).write(cursors);
        }
        return true;
    }

    private void closeGap() {
        cursors.put(GAP_FROM, "");
        cursors.put(GAP_UNTIL, "");
    }

    private void replayLost(String webhookId, Instant from, Instant until, Instant now, String why) {
        alarm("webhook-replay-lost:" + webhookId + ":" + from.getEpochSecond(), now, "Events X sent or tried to send to webhook "
                + webhookId + " between " + from + " and " + until + " cannot be recovered by replay: " + why + "."
                + " With IntakeMode both, reconciliation read back that time's mentions and DMs; deletions, blocks and"
                + " revocations of that time are lost to the desk.");
    }

    /** One notice per problem per day: on-call needs to know, not to be paged every few minutes. */
    private void alarm(Health health, String webhookId, Instant now) {
        String text = switch (health) {
            case NO_WEBHOOK -> "X has no webhook registered for the desk's app: X delivers nothing. Run infra/go-live.";
            case INVALID -> "X marks webhook " + webhookId + " invalid (failed CRC checks) and the desk could not re-validate it:"
                    + " X delivers nothing. Check that the webhook answers GET /webhooks/twitter?crc_token=… and run infra/go-live.";
            case NOT_SUBSCRIBED -> "The IT account (" + accountId + ") is not subscribed to webhook " + webhookId
                    + ": X delivers nothing for it. Run infra/go-live (add --activity-api if the desk uses the X Activity API).";
            default -> throw new IllegalArgumentException(health.name());
        };
        alarm("webhook-" + health.name().toLowerCase().replace('_', '-') + ":" + (webhookId == null ? "none" : webhookId), now, text);
    }

    /** {@code problem} starts with {@code webhook-}: the reconciler may write only those claims and escalations. */
    private void alarm(String problem, Instant now, String text) {
        DailyNotice.escalate(records, problem, Escalation.Kind.X_WEBHOOK_UNHEALTHY, "X account " + accountId, "P1", text, now);
    }

    /**
     * X is asked for whole minutes (the start cut down to its minute), and measures its 24 hours on its own clock
     * when the request arrives: the reach's start is a whole minute, so cutting it down never takes away the
     * minute kept for the clocks' difference and the time the request takes.
     */
    private static Instant firstWholeMinute(Instant at) {
        Instant minute = at.truncatedTo(ChronoUnit.MINUTES);
        return minute.equals(at) ? at : minute.plus(Duration.ofMinutes(1));
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
