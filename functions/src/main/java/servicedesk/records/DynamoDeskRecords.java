package servicedesk.records;

import static servicedesk.records.DeskTable.PK;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import servicedesk.incident.IncidentState;
import servicedesk.wiring.Timestamps;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** {@link DeskRecords} as DynamoDB transactions on the desk's table; see {@link DeskTable} for the layout. */
public final class DynamoDeskRecords implements DeskRecords {
    /** Sent messages stay in the outbox for a month, for audit and for retries to find. */
    static final Duration OUTBOX_RETENTION = Duration.ofDays(30);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoDeskRecords(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
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

    @Override
    public long count(String name, Instant expiresAt) {
        var updated = dynamo.updateItem(update -> update.tableName(table)
                .key(DeskTable.key("COUNTER", name))
                .updateExpression("ADD seq :one SET expiresAt = :forget")
                .expressionAttributeValues(Map.of(":one", fromN("1"), ":forget", fromN(Long.toString(expiresAt.getEpochSecond()))))
                .returnValues(ReturnValue.UPDATED_NEW));
        return Long.parseLong(updated.attributes().get("seq").n());
    }

    @Override
    public boolean isClaimed(String claimKey) {
        return dynamo.getItem(get -> get.tableName(table).key(DeskTable.claimKey(claimKey)).consistentRead(true))
                .hasItem();
    }

    @Override
    public boolean commit(Claim claim, Change change) {
        Instant now = clock.instant();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(putIfAbsent(DeskTable.claimItem(claim, now)));
        for (Change.Write write : change.writes()) {
            writes.add(item(write, now));
        }
        try {
            dynamo.transactWriteItems(transaction -> transaction.transactItems(writes));
            return true;
        } catch (TransactionCanceledException cancelled) {
            List<CancellationReason> reasons = cancelled.cancellationReasons();
            if (reasons != null && !reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                return false;
            }
            for (int i = 1; reasons != null && i < reasons.size(); i++) {
                if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                    throw new Conflict("The condition of " + change.writes().get(i - 1).getClass().getSimpleName()
                            + " failed while handling " + claim.key());
                }
            }
            throw cancelled;
        }
    }

    private TransactWriteItem item(Change.Write write, Instant now) {
        return switch (write) {
            case Change.OpenIncident open -> putIfAbsent(DeskTable.incidentItem(open.incident()));
            case Change.AddNote note -> put(DeskTable.timelineItem(note.incidentNumber(), note.entry()));
            case Change.QueueMessage queued ->
                    putIfAbsent(DeskTable.outboxItem(queued.message(), now, now.plus(OUTBOX_RETENTION)));
            case Change.AlsoClaim also -> putIfAbsent(DeskTable.claimItem(also.claim(), now));
            case Change.LinkIncident link -> update(DeskTable.incidentKey(link.incidentNumber()),
                    "SET outageId = :outage, updatedAt = :at"
                            + (link.responds() ? ", firstRespondedAt = if_not_exists(firstRespondedAt, :at)" : ""),
                    "attribute_exists(pk)",
                    Map.of(":outage", fromS(link.outageId()), ":at", fromS(Timestamps.format(link.at()))));
            case Change.MoveIncident move -> edit(new Change.EditIncident(move.incidentNumber(), move.from(), move.to(),
                    null, null, move.at()));
            case Change.ResolveIncident resolve -> edit(new Change.EditIncident(resolve.incidentNumber(), resolve.from(),
                    IncidentState.RESOLVED, resolve.resolution(), null, resolve.resolution().at()));
            case Change.EditIncident edit -> edit(edit);
            case Change.RespondFirst first -> update(DeskTable.incidentKey(first.incidentNumber()),
                    "SET firstRespondedAt = if_not_exists(firstRespondedAt, :at)", "attribute_exists(pk)",
                    Map.of(":at", fromS(Timestamps.format(first.at()))));
            case Change.FlagIncident flag -> update(DeskTable.incidentKey(flag.incidentNumber()),
                    "ADD flags :flag", "attribute_exists(pk)", Map.of(":flag", AttributeValue.fromSs(List.of(flag.flag()))));
            case Change.Escalate escalate -> putIfAbsent(DeskTable.escalationItem(escalate.escalation()));
            case Change.SetBlocked blocked -> blocked.blocks()
                    ? put(DeskTable.blockedItem(blocked.userId(), blocked.at()))
                    : TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                            .key(DeskTable.blockedKey(blocked.userId())).build()).build();
            case Change.SaveOutage save -> save.outage().version() == 1
                    ? putIfAbsent(DeskTable.outageItem(save.outage()))
                    : putIf(DeskTable.outageItem(save.outage()), "version = :previous",
                            Map.of(":previous", fromN(Integer.toString(save.outage().version() - 1))));
            case Change.AddOutageUpdate added -> put(DeskTable.outageUpdateItem(added.outageId(), added.update()));
            case Change.SetActiveOutage active -> {
                Map<String, AttributeValue> item = new HashMap<>(DeskTable.activeOutageKey(active.service()));
                item.put(DeskTable.TYPE, fromS("ACTIVE"));
                item.put("outageId", fromS(active.outageId()));
                yield putIfAbsent(item);
            }
            case Change.ClearActiveOutage cleared -> TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                    .key(DeskTable.activeOutageKey(cleared.service()))
                    .conditionExpression("outageId = :outage")
                    .expressionAttributeValues(Map.of(":outage", fromS(cleared.outageId()))).build()).build();
            case Change.PublishAnnouncement published -> putIfAbsent(DeskTable.announcementItem(published.announcement()));
            case Change.RaiseAlert alert -> putIfAbsent(DeskTable.alertItem(alert.alert()));
        };
    }

    /** One update of the incident item, conditional on the state it was read in. */
    private TransactWriteItem edit(Change.EditIncident edit) {
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>(List.of("updatedAt = :at"));
        values.put(":at", fromS(Timestamps.format(edit.at())));
        values.put(":expected", fromS(edit.expected().name()));
        if (edit.state() != null) {
            sets.add("#state = :state");
            values.put(":state", fromS(edit.state().name()));
        }
        if (edit.resolution() != null) {
            // A resolution answers the reporter: it is the first response if there was none.
            sets.add("firstRespondedAt = if_not_exists(firstRespondedAt, :at)");
            DeskTable.resolutionAttributes(edit.resolution()).forEach((name, value) -> {
                sets.add(name + " = :" + name);
                values.put(":" + name, value);
            });
        }
        if (edit.assignee() != null) {
            sets.add("assignee = :assignee");
            values.put(":assignee", fromS(edit.assignee()));
        }
        return update(DeskTable.incidentKey(edit.incidentNumber()), "SET " + String.join(", ", sets),
                "#state = :expected", values, Map.of("#state", "state"));
    }

    private TransactWriteItem putIfAbsent(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(" + PK + ")").build()).build();
    }

    private TransactWriteItem putIf(Map<String, AttributeValue> item, String condition, Map<String, AttributeValue> values) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression(condition).expressionAttributeValues(values).build()).build();
    }

    private TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build();
    }

    private TransactWriteItem update(Map<String, AttributeValue> key, String expression, String condition,
                                     Map<String, AttributeValue> values) {
        return update(key, expression, condition, values, Map.of());
    }

    private TransactWriteItem update(Map<String, AttributeValue> key, String expression, String condition,
                                     Map<String, AttributeValue> values, Map<String, String> names) {
        Update.Builder update = Update.builder().tableName(table).key(key).updateExpression(expression)
                .conditionExpression(condition).expressionAttributeValues(values);
        if (!names.isEmpty()) {
            update.expressionAttributeNames(names);
        }
        return TransactWriteItem.builder().update(update.build()).build();
    }
}
