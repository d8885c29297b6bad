package servicedesk.dynamo;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import servicedesk.format.Timestamps;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A user the IT account has blocked ({@code pk=BLOCKED#<user>}): present while the block lasts. */
public final class BlockItems {
    private BlockItems() {
    }

    public static Map<String, AttributeValue> key(String userId) {
        return DeskTable.key("BLOCKED#" + userId, "BLOCKED");
    }

    public static Map<String, AttributeValue> item(String userId, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(key(userId));
        item.put(DeskTable.TYPE, fromS("BLOCKED"));
        item.put("blockedAt", fromS(Timestamps.format(at)));
        return item;
    }
}
