package servicedesk.x;

import com.fasterxml.jackson.databind.JsonNode;
import servicedesk.intake.ActivityBatch;
import servicedesk.intake.ReplayJob;

/**
 * Every body that reaches the events queue, read into the desk's inbound events: an Account Activity
 * payload (§7) or an X Activity API envelope (§8) posted to the webhook, or an envelope reconciliation
 * made from X's reads ({@link Reconciliation}, in the Activity API's shape). One processing path for all.
 */
public final class XPayloads {
    private final AccountActivityParser accountActivity = new AccountActivityParser();
    private final XActivityParser activity = new XActivityParser();

    /** A delivery is events for an account, or X's notice that a replay job ended. */
    public sealed interface Delivery {
        record Events(ActivityBatch batch) implements Delivery {
        }

        record ReplayJobEnded(ReplayJob.Ended notice) implements Delivery {
        }
    }

    public ActivityBatch parse(String body) throws AccountActivityParser.MalformedPayload {
        return parse(AccountActivityParser.readObject(body));
    }

    public Delivery read(String body) throws AccountActivityParser.MalformedPayload {
        JsonNode root = AccountActivityParser.readObject(body);
        JsonNode job = root.path("replay_job_status");
        if (job.isObject()) {
            // AAQ: {"replay_job_status":{"webhook_id","job_state":"Complete"|"Incomplete","job_state_description","job_id"}}
            String state = job.path("job_state").asText("");
            if (!state.equals("Complete") && !state.equals("Incomplete")) {
                throw new AccountActivityParser.MalformedPayload("replay_job_status with job_state " + (state.isEmpty() ? "(missing)" : "other"));
            }
            return new Delivery.ReplayJobEnded(new ReplayJob.Ended(job.path("webhook_id").asText(""), job.path("job_id").asText(""),
                    state.equals("Complete"), job.path("job_state_description").asText("")));
        }
        return new Delivery.Events(parse(root));
    }

    private ActivityBatch parse(JsonNode root) throws AccountActivityParser.MalformedPayload {
        return XActivityParser.isActivityEnvelope(root) ? activity.parse(root) : accountActivity.parse(root);
    }
}
