package servicedesk.dynamo;

import static servicedesk.dynamo.DeskTable.putIfPresent;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import servicedesk.format.Timestamps;
import servicedesk.records.Claim;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A claim ({@code pk=CLAIM#<key>, sk=CLAIM}); {@code expiresAt} is the table's TTL attribute. */
public final class ClaimItems {
    private ClaimItems() {
    }

    public static Map<String, AttributeValue> key(String claimKey) {
        return DeskTable.key("CLAIM#" + claimKey, DeskTable.TYPE_CLAIM);
    }

    public static Map<String, AttributeValue> item(Claim claim, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(claim.key()));
        item.put(DeskTable.TYPE, fromS(DeskTable.TYPE_CLAIM));
        item.put("claimedAt", fromS(Timestamps.format(now)));
        putIfPresent(item, "incidentNumber", claim.incidentNumber());
        if (claim.expiresAt() != null) {
            item.put("expiresAt", fromN(Long.toString(claim.expiresAt().getEpochSecond())));
        }
        return item;
    }
}
