package servicedesk.dynamo;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import servicedesk.records.Change;
import servicedesk.records.Claim;
import servicedesk.records.DeskRecords;
import servicedesk.records.Reporting;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * {@link DeskRecords} as DynamoDB transactions on the desk's table; see {@link DeskTable} for the layout.
 * Commits made side by side (the messages of a batch) share transactions ({@link GroupCommit}).
 */
public final class DynamoDeskRecords implements DeskRecords {
    private final DynamoDbClient dynamo;
    private final String table;
    private final ChangeWrites writes;
    private final Clock clock;
    private final SharedRequests<Instant, Long> counts = new SharedRequests<>();
    private final GroupCommit group;

    public DynamoDeskRecords(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.writes = new ChangeWrites(table);
        this.clock = clock;
        this.group = new GroupCommit(dynamo);
    }

    @Override
    public long reserveSequence(String name, int count) {
        var updated = dynamo.updateItem(update -> update.tableName(table)
                .key(DeskTable.key("COUNTER", name))
                .updateExpression("ADD seq :count")
                .expressionAttributeValues(Map.of(":count", fromN(Integer.toString(count))))
                .returnValues(ReturnValue.UPDATED_NEW));
        return Long.parseLong(updated.attributes().get("seq").n());
    }

    /**
     * Counts of one name made side by side (the reports of a batch) go as one ADD of their number; each call
     * still gets its own place in the count, as if it had added its one alone.
     */
    @Override
    public long count(String name, Instant expiresAt) {
        var share = counts.call(name, expiresAt, expiries -> add(name, expiries.size(), Collections.max(expiries)));
        return share.value() - share.calls() + 1 + share.position();
    }

    private long add(String name, int count, Instant expiresAt) {
        var updated = dynamo.updateItem(update -> update.tableName(table)
                .key(DeskTable.key("COUNTER", name))
                .updateExpression("ADD seq :count SET expiresAt = :forget")
                .expressionAttributeValues(Map.of(":count", fromN(Integer.toString(count)),
                        ":forget", fromN(Long.toString(expiresAt.getEpochSecond()))))
                .returnValues(ReturnValue.UPDATED_NEW));
        return Long.parseLong(updated.attributes().get("seq").n());
    }

    @Override
    public boolean isClaimed(String claimKey) {
        return dynamo.getItem(get -> get.tableName(table).key(ClaimItems.key(claimKey)).consistentRead(true))
                .hasItem();
    }

    @Override
    public Reporting reporting(String authorId) {
        return ReportingItems.reporting(dynamo.getItem(get -> get.tableName(table).key(ReportingItems.key(authorId))
                .consistentRead(true)).item());
    }

    @Override
    public boolean commit(Claim claim, Change change) {
        Instant now = clock.instant();
        List<ChangeWrites.Operation> operations = new ArrayList<>();
        operations.add(new ChangeWrites.Operation(writes.claim(claim, now), null));
        operations.addAll(writes.of(change, now));
        return group.commit(new GroupCommit.Unit(claim, operations));
    }
}
