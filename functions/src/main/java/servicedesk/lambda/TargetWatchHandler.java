package servicedesk.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Duration;
import java.util.Map;
import servicedesk.format.Log;
import servicedesk.incident.IncidentStore;
import servicedesk.targets.DeskReport;
import servicedesk.targets.TargetWatch;

/**
 * Runs on a schedule (EventBridge, in the template): checks response targets, closes old resolutions, and
 * publishes the desk's figures as CloudWatch metrics in the embedded metric format.
 */
public final class TargetWatchHandler implements RequestHandler<ScheduledEvent, TargetWatch.Round> {
    private final TargetWatch watch;
    private final IncidentStore incidents;

    public TargetWatchHandler() {
        this(Desk.ofProcess());
    }

    public TargetWatchHandler(Desk desk) {
        this.incidents = desk.incidents();
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
        return round;
    }
}
