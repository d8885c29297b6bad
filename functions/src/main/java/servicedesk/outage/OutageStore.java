package servicedesk.outage;

import java.util.List;
import java.util.Optional;

/** Reading outages, their updates and announcements; they are written through {@link servicedesk.records.DeskRecords}. */
public interface OutageStore {

    Optional<Outage> find(String id);

    /** The service's declared outage that is not resolved yet. */
    Optional<Outage> active(String service);

    /** Outages and maintenance, newest first. */
    List<Outage> recent(int limit);

    List<OutageUpdate> updates(String outageId);

    /** Announcements of every kind, newest first: the status feed. */
    List<Announcement> recentAnnouncements(int limit);
}
