package servicedesk.broadcast;

import java.util.Optional;
import servicedesk.notify.OutboundMessage;
import servicedesk.outage.Announcement;
import servicedesk.outage.Outage;
import servicedesk.outage.OutageStore;
import servicedesk.records.Change;
import servicedesk.records.Claim;
import servicedesk.records.DeskRecords;

/**
 * Every announcement is posted from the IT account; an outage's later announcements reply under its first
 * post, so the story of an outage reads as one thread. The post's key is claimed with it: once per announcement.
 */
public final class TimelinePosts {
    private final OutageStore outages;
    private final DeskRecords records;

    public TimelinePosts(OutageStore outages, DeskRecords records) {
        this.outages = outages;
        this.records = records;
    }

    /** @return false when the announcement's post was queued before */
    public boolean post(Announcement announcement) {
        String key = key(announcement.id());
        String text = BroadcastWording.timelinePost(announcement);
        Optional<String> root = announcement.outageId() == null ? Optional.empty()
                : outages.find(announcement.outageId()).map(Outage::rootAnnouncementId)
                        .filter(rootId -> !rootId.equals(announcement.id()));
        OutboundMessage post = OutboundMessage.timelinePost(key, text, root.map(TimelinePosts::key).orElse(null));
        return records.commit(Claim.expiring(key, null), Change.of(new Change.QueueMessage(post)));
    }

    private static String key(String announcementId) {
        return "timeline:" + announcementId;
    }
}
