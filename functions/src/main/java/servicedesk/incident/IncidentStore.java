package servicedesk.incident;

import java.util.List;
import java.util.Optional;

/** Reading incidents and their timelines; they are written through {@link servicedesk.records.DeskRecords}. */
public interface IncidentStore {

    Optional<Incident> find(String number);

    /** The incident a tweet opened or was attached to, if any. */
    Optional<String> incidentForTweet(String tweetId);

    /** The reporter's incidents, newest first. */
    List<Incident> byReporter(String reporterId, int limit);

    List<TimelineEntry> timeline(String number);

    IncidentPage list(IncidentQuery query);

    /** How many incidents of the service were opened at or after {@code since}. */
    int countOpenedSince(String service, java.time.Instant since);
}
