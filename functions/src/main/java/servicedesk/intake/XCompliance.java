package servicedesk.intake;

import java.time.Instant;
import java.util.List;

/**
 * X's batch compliance for posts: a job is created, the ids the desk holds are uploaded to it, X works on it,
 * and its results name the ids that need action. The only way the desk learns that someone else deleted a
 * post (deletion events cover the subscribed account's own posts only).
 */
public interface XCompliance {

    /**
     * A job as X last described it. Its URLs are single-purpose and signed: held in memory for the run,
     * never stored or logged.
     */
    record Job(String id, String status, Instant uploadExpiresAt, String uploadUrl, String downloadUrl) {
        @Override
        public String toString() {
            return "Job[" + id + ", " + status + "]";
        }
    }

    /** One line of a job's results: the post's id, what to do with it ({@code delete}, …) and why. */
    record Event(String postId, String action, String reason) {
    }

    /** X refuses the app itself (its credentials, its access to the endpoint): no later run will do better. */
    final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    /** Creates a {@code tweets} job. */
    Job create() throws XReadback.Unavailable, Refused;

    /** The job as X has it now; null when X has no such job. */
    Job job(String id) throws XReadback.Unavailable, Refused;

    /** Uploads the ids, one per line, to the job's upload URL. */
    void upload(Job job, List<String> postIds) throws XReadback.Unavailable, Refused;

    /** The results of a complete job: only ids with an event. */
    List<Event> results(Job job) throws XReadback.Unavailable, Refused;
}
