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

    /** The totals of every closed and canceled incident, folded in as each closed: one read. */
    IncidentTotals closedTotals();

    /** Every incident the query matches, page after page. */
    default List<Incident> listAll(IncidentQuery query) {
        List<Incident> all = new java.util.ArrayList<>();
        String cursor = null;
        do {
            IncidentPage page = list(new IncidentQuery(query.state(), query.service(), query.reporterId(),
                    query.openOnly(), query.outageId(), query.limit(), cursor));
            all.addAll(page.incidents());
            cursor = page.nextPageToken();
        } while (cursor != null);
        return all;
    }
}
