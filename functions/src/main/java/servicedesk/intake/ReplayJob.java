package servicedesk.intake;

import java.time.Instant;
import java.util.Optional;

/**
 * The replay the webhook watch last asked X for, kept (one cursor) until X reports how the job ended with its
 * {@code replay_job_status} delivery: {@code Complete} closes it; {@code Incomplete} asks the watch to request
 * the window again on its next run. The processor only marks the job; the watch alone writes the gap.
 */
public record ReplayJob(String id, Instant from, Instant until, State state) {
    static final String CURSOR = "webhook-replay-job";

    public enum State { REQUESTED, COMPLETE, INCOMPLETE }

    /** X's {@code replay_job_status} delivery, as read from the webhook. */
    public record Ended(String webhookId, String jobId, boolean complete, String description) {
    }

    static Optional<ReplayJob> read(Cursors cursors) {
        return cursors.get(CURSOR).filter(value -> !value.isEmpty()).map(value -> value.split(" "))
                .filter(parts -> parts.length == 4)
                .map(parts -> new ReplayJob(parts[0], Instant.ofEpochSecond(Long.parseLong(parts[1])),
                        Instant.ofEpochSecond(Long.parseLong(parts[2])), State.valueOf(parts[3])));
    }

    void write(Cursors cursors) {
        cursors.put(CURSOR, id + " " + from.getEpochSecond() + " " + until.getEpochSecond() + " " + state);
    }

    static void clear(Cursors cursors) {
        cursors.put(CURSOR, "");
    }

    /**
     * Records how X says the job ended, for the watch's next run.
     * @return false when it is not the job the watch is waiting for (an operator's replay, an old job): nothing changes
     */
    public static boolean ended(Cursors cursors, Ended notice) {
        Optional<ReplayJob> waiting = read(cursors);
        if (waiting.isEmpty() || notice.jobId().isEmpty() || !waiting.get().id().equals(notice.jobId())
                || waiting.get().state() != State.REQUESTED) {
            return false;
        }
        ReplayJob job = waiting.get();
        new ReplayJob(job.id(), job.from(), job.until(), notice.complete() ? State.COMPLETE : State.INCOMPLETE).write(cursors);
        return true;
    }
}
