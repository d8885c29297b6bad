package servicedesk.dynamo;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import servicedesk.format.Timestamps;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A block between the IT account and a user ({@code pk=BLOCKED#<user>}), present while it lasts:
 * {@code sk=BLOCKED} when the account has blocked the user, {@code sk=BLOCKS-ACCOUNT} when the user has
 * blocked the account.
 */
public final class BlockItems {
    private BlockItems() {
    }

    public static Map<String, AttributeValue> key(String userId) {
        return key(userId, false);
    }

    public static Map<String, AttributeValue> key(String userId, boolean blocksAccount) {
        return DeskTable.key("BLOCKED#" + userId, blocksAccount ? "BLOCKS-ACCOUNT" : "BLOCKED");
    }

    public static Map<String, AttributeValue> item(String userId, boolean blocksAccount, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(key(userId, blocksAccount));
        item.put(DeskTable.TYPE, fromS("BLOCKED"));
        item.put("blockedAt", fromS(Timestamps.format(at)));
        return item;
    }
}
