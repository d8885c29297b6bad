package servicedesk.dynamo;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import servicedesk.dynamo.DeskTable;
import servicedesk.outage.Announcement;
import servicedesk.outage.Outage;
import servicedesk.outage.OutageStore;
import servicedesk.outage.OutageUpdate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link OutageStore} on the desk's DynamoDB table; see {@link DeskTable} for the layout. */
public final class DynamoOutageStore implements OutageStore {
    private final DynamoDbClient dynamo;
    private final String table;
    private final SharedRequests<Void, Optional<Outage>> activeReads = new SharedRequests<>();

    public DynamoOutageStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Outage> find(String id) {
        var found = dynamo.getItem(get -> get.tableName(table).key(OutageItems.key(id)).consistentRead(true));
        return found.hasItem() ? Optional.of(OutageItems.outage(found.item())) : Optional.empty();
    }

    /**
     * Every report reads its service's active outage; the reports of a batch, handled side by side, share
     * the read (each one served by a read sent after it asked, so nothing declared before it is missed).
     */
    @Override
    public Optional<Outage> active(String service) {
        return activeReads.call(service, null, calls -> readActive(service)).value();
    }

    private Optional<Outage> readActive(String service) {
        var pointer = dynamo.getItem(get -> get.tableName(table).key(OutageItems.activeKey(service)).consistentRead(true));
        return pointer.hasItem() ? find(DeskTable.s(pointer.item(), "outageId")) : Optional.empty();
    }

    @Override
    public List<Outage> recent(int limit) {
        return newest(DeskTable.TYPE_OUTAGE, limit).stream().map(OutageItems::outage).toList();
    }

    @Override
    public List<OutageUpdate> updates(String outageId) {
        return dynamo.queryPaginator(query -> query.tableName(table)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :updates)")
                        .expressionAttributeValues(Map.of(":pk", fromS("OUTAGE#" + outageId), ":updates", fromS(OutageItems.UPDATE_PREFIX)))
                        .consistentRead(true))
                .items().stream().map(OutageItems::update).toList();
    }

    @Override
    public List<Announcement> recentAnnouncements(int limit) {
        return newest(DeskTable.TYPE_ANNOUNCEMENT, limit).stream().map(OutageItems::announcement).toList();
    }

    private List<Map<String, AttributeValue>> newest(String type, int limit) {
        return dynamo.query(query -> query.tableName(table).indexName(DeskTable.BY_TYPE)
                .keyConditionExpression("#type = :type")
                .expressionAttributeNames(Map.of("#type", DeskTable.TYPE))
                .expressionAttributeValues(Map.of(":type", fromS(type)))
                .scanIndexForward(false)
                .limit(limit)).items();
    }
}
