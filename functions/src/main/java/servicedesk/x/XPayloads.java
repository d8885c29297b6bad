package servicedesk.x;

import com.fasterxml.jackson.databind.JsonNode;
import servicedesk.intake.ActivityBatch;

/**
 * Every body that reaches the events queue, read into the desk's inbound events: an Account Activity
 * payload (§7) or an X Activity API envelope (§8) posted to the webhook, or an envelope reconciliation
 * made from X's reads ({@link Reconciliation}, in the Activity API's shape). One processing path for all.
 */
public final class XPayloads {
    private final AccountActivityParser accountActivity = new AccountActivityParser();
    private final XActivityParser activity = new XActivityParser();

    public ActivityBatch parse(String body) throws AccountActivityParser.MalformedPayload {
        JsonNode root = AccountActivityParser.readObject(body);
        return XActivityParser.isActivityEnvelope(root) ? activity.parse(root) : accountActivity.parse(root);
    }
}
