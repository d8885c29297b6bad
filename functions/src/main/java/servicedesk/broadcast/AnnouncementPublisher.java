package servicedesk.broadcast;

/** Fans announcements and alerts out to their subscribers. */
public interface AnnouncementPublisher {

    void publish(Announcement announcement);

    void alert(PossibleOutage alert);
}
