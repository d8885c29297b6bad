package servicedesk.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import servicedesk.format.Timestamps;
import servicedesk.outage.Announcement;

/** The admin API's JSON shape of an announcement it accepted. */
final class AnnouncementView {
    private AnnouncementView() {
    }

    static Map<String, Object> of(Announcement announcement) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("announcementId", announcement.id());
        view.put("kind", announcement.kind().name());
        view.put("service", announcement.service());
        view.put("outageId", announcement.outageId());
        view.put("status", announcement.status() == null ? null : announcement.status().name());
        view.put("text", announcement.text());
        view.put("eta", announcement.eta());
        view.put("at", Timestamps.format(announcement.at()));
        return view;
    }
}
