package servicedesk.dynamo;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import servicedesk.intake.Cursors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link Cursors} as one item each in the desk's table ({@code pk=CURSOR#<name>}). */
public final class DynamoCursors implements Cursors {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoCursors(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(String name) {
        return DeskTable.key("CURSOR#" + name, "CURSOR");
    }

    @Override
    public Optional<String> get(String name) {
        Map<String, AttributeValue> item = dynamo.getItem(get -> get.tableName(table).key(key(name)).consistentRead(true)).item();
        return item == null || !item.containsKey("lastId") ? Optional.empty() : Optional.of(item.get("lastId").s());
    }

    @Override
    public void put(String name, String id) {
        Map<String, AttributeValue> item = new HashMap<>(key(name));
        item.put(DeskTable.TYPE, fromS("CURSOR"));
        item.put("lastId", fromS(id));
        dynamo.putItem(put -> put.tableName(table).item(item));
    }
}
