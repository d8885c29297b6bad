package servicedesk.incident;

import java.util.List;
import java.util.Optional;

/** Where incidents, their timelines and the claims that keep processing idempotent are kept. */
public interface IncidentStore {

    /** The next incident sequence number (atomic; gaps are possible, repeats are not). */
    long nextSequence();

    /**
     * Writes the change if and only if the claim is new, atomically.
     *
     * @return false when the claim already existed: the cause was handled before and nothing was written
     */
    boolean commit(Claim claim, Change change);

    boolean isClaimed(String claimKey);

    Optional<Incident> find(String number);

    /** The incident a tweet opened or was attached to, if any. */
    Optional<String> incidentForTweet(String tweetId);

    /** The reporter's incidents, newest first. */
    List<Incident> byReporter(String reporterId, int limit);

    List<TimelineEntry> timeline(String number);

    IncidentPage list(IncidentQuery query);
}
