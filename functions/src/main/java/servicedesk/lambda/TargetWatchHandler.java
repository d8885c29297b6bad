package servicedesk.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Duration;
import java.util.Map;
import servicedesk.format.Log;
import servicedesk.incident.IncidentStore;
import servicedesk.notify.OutboundQueue;
import servicedesk.notify.OutboxReports;
import servicedesk.targets.DeskReport;
import servicedesk.targets.TargetWatch;

/**
 * Runs on a schedule (EventBridge, in the template): checks response targets, closes old resolutions,
 * publishes the desk's figures as CloudWatch metrics in the embedded metric format (the outbox's among
 * them), and wakes the sender: a heartbeat, so that sending resumes within one period even if every
 * wake-up it queued itself was lost.
 */
public final class TargetWatchHandler implements RequestHandler<ScheduledEvent, TargetWatch.Round> {
    private final TargetWatch watch;
    private final IncidentStore incidents;
    private final OutboxReports outbox;
    private final OutboundQueue sender;

    public TargetWatchHandler() {
        this(Desk.ofProcess());
    }

    public TargetWatchHandler(Desk desk) {
        this.incidents = desk.incidents();
        this.outbox = desk.outboxReports();
        this.sender = desk.outboundQueue();
        this.watch = new TargetWatch(incidents, desk.records(),
                Duration.ofDays(Long.parseLong(desk.environment().orDefault("CLOSE_RESOLVED_AFTER_DAYS", "5"))),
                desk.clock());
    }

    @Override
    public TargetWatch.Round handleRequest(ScheduledEvent event, Context context) {
        TargetWatch.Round round = watch.run();
        Log.info("targets-checked", "checked", round.checked(), "firstResponseBreaches", round.firstResponseBreaches(),
                "resolutionBreaches", round.resolutionBreaches(), "closed", round.closed());
        DeskReport report = DeskReport.current(incidents);
        Log.metrics("ServiceDesk", Map.of(
                "Incidents", report.incidents(),
                "MeanSecondsToFirstResponse", report.meanSecondsToFirstResponse() == null ? 0 : report.meanSecondsToFirstResponse(),
                "MeanSecondsToResolution", report.meanSecondsToResolution() == null ? 0 : report.meanSecondsToResolution(),
                "CommunityResolvedShare", report.communityResolvedShare(),
                "FirstResponseBreaches", round.firstResponseBreaches(),
                "ResolutionBreaches", round.resolutionBreaches()));
        OutboxReports.OutboxReport waiting = outbox.outbox();
        Log.metrics("ServiceDesk", Map.of(
                "MessagesWaiting", waiting.waiting(),
                "AcknowledgementsWaiting", waiting.waitingByClass().getOrDefault(servicedesk.notify.MessageClass.ACKNOWLEDGEMENT, 0),
                "SendingPaused", waiting.pause() == null ? 0 : 1,
                "EstimatedSpendTodayUsd", waiting.spentTodayMicros() / 1_000_000.0));
        sender.wakeLater(java.time.Duration.ZERO);
        return round;
    }
}
