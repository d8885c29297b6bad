package servicedesk.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.Map;
import servicedesk.format.Log;
import servicedesk.intake.Reconciliation;

/**
 * Runs on a schedule (the template's {@code ReconcileMinutes}): reads back from X what the webhook should have
 * delivered and queues what the desk has not seen. {@code INTAKE_MODE} {@code polling} makes it the intake
 * (nothing left to the webhook); {@code both} leaves the last two minutes to the webhook. Metric:
 * {@code EventsRecovered} (0 in a healthy week when a webhook is in place).
 */
public final class ReconcilerHandler implements RequestHandler<ScheduledEvent, Reconciliation.Result> {
    private final Reconciliation reconciliation;

    public ReconcilerHandler() {
        this(Desk.ofProcess());
    }

    public ReconcilerHandler(Desk desk) {
        Reconciliation.Settings settings = "polling".equals(desk.environment().orDefault("INTAKE_MODE", "both"))
                ? Reconciliation.Settings.polling() : Reconciliation.Settings.besideWebhook();
        this.reconciliation = new Reconciliation(desk.xReadback(), desk.records(), desk.eventQueue(), desk.cursors(),
                settings, desk.clock());
    }

    @Override
    public Reconciliation.Result handleRequest(ScheduledEvent event, Context context) {
        Reconciliation.Result result = reconciliation.run();
        Log.info("reconciled", "read", result.read(), "recovered", result.recovered(), "complete", result.complete());
        Log.metrics("ServiceDesk", Map.of("EventsReadBack", result.read(), "EventsRecovered", result.recovered()));
        return result;
    }
}
