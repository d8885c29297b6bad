package servicedesk.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.Map;
import servicedesk.format.Log;
import servicedesk.intake.DeletionCheck;
import servicedesk.intake.Reconciliation;
import servicedesk.intake.WebhookWatch;

/**
 * Runs on a schedule (the template's {@code ReconcileMinutes}): reads back from X what the webhook should have
 * delivered and queues what the desk has not seen. {@code INTAKE_MODE} {@code polling} makes it the intake
 * (nothing left to the webhook); {@code both} leaves the last two minutes to the webhook; {@code webhook} reads
 * nothing back (no read costs). Metric: {@code EventsRecovered} (0 in a healthy week when a webhook is in
 * place). Beside a webhook, in either mode, it also watches it ({@link WebhookWatch}): re-validates it, alarms
 * on-call when X has none, holds it invalid, refuses the bearer token or cannot replay a gap, or the IT account
 * is not subscribed, and asks X to replay a gap once the webhook is healthy again; that matters most when the
 * webhook is the only intake. In every mode it runs the daily {@link DeletionCheck}: X's batch compliance job
 * that finds the posts deleted by anyone but the IT account, whose text the desk must erase (metric
 * {@code PostsErasedByComplianceCheck}).
 */
public final class ReconcilerHandler implements RequestHandler<ScheduledEvent, Reconciliation.Result> {
    /** Null in webhook mode, which reads nothing back. */
    private final Reconciliation reconciliation;
    /** Null in polling mode, where there is no webhook to watch. */
    private final WebhookWatch webhookWatch;
    private final DeletionCheck deletionCheck;

    public ReconcilerHandler() {
        this(Desk.ofProcess());
    }

    public ReconcilerHandler(Desk desk) {
        String mode = desk.environment().orDefault("INTAKE_MODE", "both");
        boolean polling = "polling".equals(mode);
        Reconciliation.Settings settings = polling ? Reconciliation.Settings.polling() : Reconciliation.Settings.besideWebhook();
        this.webhookWatch = polling ? null : new WebhookWatch(desk.xWebhooks(), desk.cursors(), desk.records(),
                desk.settings().accountId(), desk.clock());
        this.reconciliation = "webhook".equals(mode) ? null : new Reconciliation(desk.xReadback(), desk.records(),
                desk.eventQueue(), desk.cursors(), settings, desk.clock());
        this.deletionCheck = new DeletionCheck(desk.xCompliance(), desk.incidents(), desk.cursors(), desk.records(), desk.clock());
    }

    @Override
    public Reconciliation.Result handleRequest(ScheduledEvent event, Context context) {
        Reconciliation.Result result = new Reconciliation.Result(0, 0, true);
        if (reconciliation != null) {
            result = reconciliation.run();
            Log.info("reconciled", "read", result.read(), "recovered", result.recovered(), "complete", result.complete());
            Log.metrics("ServiceDesk", Map.of("EventsReadBack", result.read(), "EventsRecovered", result.recovered()));
        }
        if (webhookWatch != null) {
            WebhookWatch.Result watched = webhookWatch.check(result.recovered());
            Log.info("webhook-watched", "health", watched.health(), "replayRequested", watched.replayRequested());
            Log.metrics("ServiceDesk", Map.of("WebhookHealthy", watched.health() == WebhookWatch.Health.HEALTHY ? 1 : 0,
                    "ReplaysRequested", watched.replayRequested() ? 1 : 0));
        }
        DeletionCheck.Result checked = deletionCheck.run();
        Log.info("deletion-checked", "outcome", checked.outcome(), "erased", checked.erased());
        Log.metrics("ServiceDesk", Map.of("PostsErasedByComplianceCheck", checked.erased()));
        return result;
    }
}
