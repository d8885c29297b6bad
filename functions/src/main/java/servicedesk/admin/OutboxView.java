package servicedesk.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import servicedesk.format.Timestamps;
import servicedesk.notify.MessageClass;
import servicedesk.notify.OutboxReports;

/** {@code GET /outbox} and the cost part of {@code GET /reports}, as JSON: amounts in US dollars. */
final class OutboxView {
    private OutboxView() {
    }

    static Map<String, Object> of(OutboxReports.OutboxReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("generatedAt", Timestamps.format(report.at()));
        json.put("paused", report.pause() == null ? null : Map.of(
                "since", Timestamps.format(report.pause().since()),
                "problem", report.pause().problem().name(),
                "status", report.pause().status(),
                "reason", report.pause().reason(),
                "nextProbeAt", Timestamps.format(report.pause().nextProbeAt())));
        json.put("waiting", report.waiting());
        json.put("waitingByClass", byClass(report.waitingByClass()));
        json.put("lanes", report.lanes().stream().map(lane -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("lane", lane.lane().name());
            view.put("waiting", lane.total());
            view.put("waitingByClass", byClass(lane.waiting()));
            view.put("windows", lane.windows().stream().map(window -> {
                Map<String, Object> each = new LinkedHashMap<>();
                each.put("window", window.window());
                each.put("limit", window.limit());
                each.put("remaining", window.remaining());
                each.put("resetsAt", instant(window.resetsAt()));
                return each;
            }).toList());
            view.put("backoffUntil", instant(lane.backoffUntil()));
            view.put("expectedLastSendAt", instant(lane.expectedLastSend()));
            return view;
        }).toList());
        json.put("expectedLastSendAt", instant(report.expectedLastSend()));
        json.put("expectedLastAcknowledgementAt", instant(report.expectedLastAcknowledgement()));
        json.put("estimatedSpendTodayUsd", usd(report.spentTodayMicros()));
        json.put("dailySpendCeilingUsd", report.ceilingMicros() == 0 ? null : usd(report.ceilingMicros()));
        return json;
    }

    static Map<String, Object> cost(OutboxReports.SpendReport spend) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("currency", "USD");
        json.put("basis", "X pay-per-use prices per request or resource read (XPricesUsd), applied to what the desk sent and read");
        json.put("todayUsd", usd(spend.todayMicros()));
        json.put("dailyCeilingUsd", spend.ceilingMicros() == 0 ? null : usd(spend.ceilingMicros()));
        json.put("days", spend.days().stream().map(day -> {
            Map<String, Object> each = new LinkedHashMap<>();
            each.put("day", day.day().toString());
            each.put("usd", usd(day.micros()));
            each.put("directMessages", day.directMessages());
            each.put("replies", day.replies());
            each.put("posts", day.posts());
            each.put("reads", day.reads());
            return each;
        }).toList());
        json.put("perIncident", Map.of("incidents", spend.incidents(), "meanUsd", usd(spend.meanPerIncidentMicros()),
                "maxUsd", usd(spend.mostForOneIncidentMicros())));
        return json;
    }

    private static Map<String, Integer> byClass(Map<MessageClass, Integer> counts) {
        Map<String, Integer> view = new LinkedHashMap<>();
        for (MessageClass kind : MessageClass.values()) {
            view.put(kind.name(), counts.getOrDefault(kind, 0));
        }
        return view;
    }

    private static String instant(java.time.Instant at) {
        return at == null ? null : Timestamps.format(at);
    }

    private static double usd(long micros) {
        return micros / 1_000_000.0;
    }
}
