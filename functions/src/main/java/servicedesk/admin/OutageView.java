package servicedesk.admin;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import servicedesk.format.Timestamps;
import servicedesk.outage.Outage;
import servicedesk.outage.OutageUpdate;

/** The admin API's JSON shape of an outage and its updates; the status is as of now. */
final class OutageView {
    private OutageView() {
    }

    static Map<String, Object> of(Outage outage, List<OutageUpdate> updates, Instant now) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", outage.id());
        view.put("kind", outage.kind().name());
        view.put("service", outage.service());
        view.put("serviceName", outage.serviceName());
        view.put("status", outage.statusAt(now).name());
        view.put("statusLabel", outage.statusAt(now).label());
        view.put("title", outage.title());
        view.put("eta", outage.eta());
        view.put("windowStart", format(outage.windowStart()));
        view.put("windowEnd", format(outage.windowEnd()));
        view.put("startedAt", format(outage.startedAt()));
        view.put("updatedAt", format(outage.updatedAt()));
        view.put("resolvedAt", format(outage.resolvedAt()));
        view.put("updates", updates.stream().map(update -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("at", format(update.at()));
            entry.put("kind", update.kind().name());
            entry.put("status", update.status().name());
            entry.put("text", update.text());
            return entry;
        }).toList());
        return view;
    }

    private static String format(Instant instant) {
        return instant == null ? null : Timestamps.format(instant);
    }
}
