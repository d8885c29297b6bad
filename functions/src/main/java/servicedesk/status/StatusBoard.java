package servicedesk.status;

import java.time.Instant;
import java.util.List;
import servicedesk.outage.Announcement;
import servicedesk.outage.Outage;
import servicedesk.outage.OutageUpdate;

/**
 * Everything the public status page shows, as of {@code generatedAt}: each service's state, the active
 * outages with their updates and ETA, maintenance that is scheduled or running, recent knowledge articles,
 * and the recent announcements of every kind (the feed). During a surge of reports, {@code reportsAnsweredBy}
 * says when the last waiting one is expected to be answered (null otherwise).
 */
public record StatusBoard(
        Instant generatedAt,
        List<ServiceState> services,
        List<OutageStory> activeOutages,
        List<Outage> maintenance,
        List<Announcement> knowledge,
        List<Announcement> feed,
        Instant reportsAnsweredBy) {

    public enum State {
        OPERATIONAL("Operational"), MAINTENANCE("Under maintenance"), OUTAGE("Outage");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public record ServiceState(String hashtag, String name, State state, String detail) {
    }

    /** An outage with its updates in order, newest last. */
    public record OutageStory(Outage outage, List<OutageUpdate> updates) {
    }

    public boolean allOperational() {
        return services.stream().allMatch(service -> service.state() == State.OPERATIONAL);
    }
}
