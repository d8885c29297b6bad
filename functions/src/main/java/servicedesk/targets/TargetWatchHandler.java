package servicedesk.targets;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import servicedesk.incident.DynamoIncidentStore;
import servicedesk.incident.IncidentQuery;
import servicedesk.incident.IncidentStore;
import servicedesk.records.DynamoDeskRecords;
import servicedesk.wiring.AwsClients;
import servicedesk.wiring.Environment;
import servicedesk.wiring.Log;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs on a schedule (EventBridge, in the template): checks response targets, closes old resolutions, and
 * publishes the desk's figures as CloudWatch metrics in the embedded metric format.
 */
public final class TargetWatchHandler implements RequestHandler<ScheduledEvent, TargetWatch.Round> {
    private final TargetWatch watch;
    private final IncidentStore incidents;

    public TargetWatchHandler() {
        this(Environment.ofProcess());
    }

    public TargetWatchHandler(Environment environment) {
        this(environment, Clock.systemUTC());
    }

    public TargetWatchHandler(Environment environment, Clock clock) {
        DynamoDbClient dynamo = new AwsClients(environment).dynamoDb();
        String table = environment.require("INCIDENTS_TABLE");
        this.incidents = new DynamoIncidentStore(dynamo, table);
        this.watch = new TargetWatch(incidents, new DynamoDeskRecords(dynamo, table, clock),
                Duration.ofDays(Long.parseLong(environment.orDefault("CLOSE_RESOLVED_AFTER_DAYS", "5"))), clock);
    }

    @Override
    public TargetWatch.Round handleRequest(ScheduledEvent event, Context context) {
        TargetWatch.Round round = watch.run();
        Log.info("targets-checked", "checked", round.checked(), "firstResponseBreaches", round.firstResponseBreaches(),
                "resolutionBreaches", round.resolutionBreaches(), "closed", round.closed());
        DeskReport report = DeskReport.of(incidents.listAll(IncidentQuery.everything()));
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
