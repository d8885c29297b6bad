package servicedesk.dynamo;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import servicedesk.format.Timestamps;
import servicedesk.incident.IncidentState;
import servicedesk.incident.TimelineEntry;
import servicedesk.records.Change;
import servicedesk.records.Claim;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Each write of a {@link Change} as the item operation it is in a DynamoDB transaction, with the condition
 * that makes it safe to repeat or to race: the one translation of the unit of work into the table.
 */
final class ChangeWrites {
    /** Sent messages stay in the outbox for a month, for audit and for retries to find. */
    static final Duration OUTBOX_RETENTION = Duration.ofDays(30);

    /** Every update of an incident's record counts one more version: IT's edits are conditional on it. */
    private static final String NEXT_VERSION = " ADD version :one";
    private static final AttributeValue ONE = fromN("1");

    private final String table;

    ChangeWrites(String table) {
        this.table = table;
    }

    /** The claim, written only if it is new. */
    TransactWriteItem claim(Claim claim, Instant now) {
        return putIfAbsent(ClaimItems.item(claim, now));
    }

    /** An item operation of a transaction, and the write of the change it stands for. */
    record Operation(TransactWriteItem item, Change.Write write) {
    }

    /**
     * The change's writes as item operations, in order. Notes on an incident opened by the same change ride
     * on the incident's own item ({@link TimelineItems#OPENING}) instead of an item each: a report is then
     * one item fewer, and the notes can never exist without their incident.
     */
    List<Operation> of(Change change, Instant now) {
        Map<String, List<TimelineEntry>> opening = new HashMap<>();
        for (Change.Write write : change.writes()) {
            if (write instanceof Change.OpenIncident open) {
                opening.put(open.incident().number(), new ArrayList<>());
            }
        }
        for (Change.Write write : change.writes()) {
            if (write instanceof Change.AddNote note && opening.containsKey(note.incidentNumber())) {
                opening.get(note.incidentNumber()).add(note.entry());
            }
        }
        List<Operation> operations = new ArrayList<>();
        for (Change.Write write : change.writes()) {
            switch (write) {
                case Change.OpenIncident open -> operations.add(new Operation(putIfAbsent(TimelineItems.withOpening(
                        IncidentItems.item(open.incident()), opening.get(open.incident().number()))), write));
                case Change.AddNote note when opening.containsKey(note.incidentNumber()) -> {
                    // On the incident's item, above.
                }
                default -> operations.add(new Operation(of(write, now), write));
            }
        }
        return operations;
    }

    TransactWriteItem of(Change.Write write, Instant now) {
        return switch (write) {
            case Change.OpenIncident open -> putIfAbsent(IncidentItems.item(open.incident()));
            case Change.AddNote note -> put(TimelineItems.item(note.incidentNumber(), note.entry()));
            case Change.QueueMessage queued ->
                    putIfAbsent(OutboxItems.item(queued.message(), now, now.plus(OUTBOX_RETENTION)));
            case Change.AlsoClaim also -> claim(also.claim(), now);
            case Change.LinkIncident link -> update(IncidentItems.key(link.incidentNumber()),
                    "SET outageId = :outage, updatedAt = :at"
                            + (link.responds() ? ", firstRespondedAt = if_not_exists(firstRespondedAt, :at)" : "")
                            + NEXT_VERSION,
                    "attribute_exists(pk)",
                    Map.of(":outage", fromS(link.outageId()), ":at", fromS(Timestamps.format(link.at())), ":one", ONE));
            case Change.MoveIncident move -> edit(new Change.EditIncident(move.incidentNumber(), move.from(), move.to(),
                    null, null, move.at()));
            case Change.ResolveIncident resolve -> edit(new Change.EditIncident(resolve.incidentNumber(), resolve.from(),
                    IncidentState.RESOLVED, resolve.resolution(), null, resolve.resolution().at()));
            case Change.EditIncident edit -> edit(edit);
            case Change.RespondFirst first -> update(IncidentItems.key(first.incidentNumber()),
                    "SET firstRespondedAt = if_not_exists(firstRespondedAt, :at)" + NEXT_VERSION, "attribute_exists(pk)",
                    Map.of(":at", fromS(Timestamps.format(first.at())), ":one", ONE));
            case Change.ReplaceDescription replace -> update(IncidentItems.key(replace.incidentNumber()),
                    "SET description = :text, updatedAt = :at" + NEXT_VERSION, "attribute_exists(pk)",
                    Map.of(":text", fromS(replace.description()), ":at", fromS(Timestamps.format(replace.at())), ":one", ONE));
            case Change.FlagIncident flag -> update(IncidentItems.key(flag.incidentNumber()),
                    "ADD flags :flag, version :one", "attribute_exists(pk)",
                    Map.of(":flag", AttributeValue.fromSs(List.of(flag.flag())), ":one", ONE));
            case Change.FoldIntoClosedTotals fold -> TotalsItems.add(table, fold.share());
            case Change.Escalate escalate -> putIfAbsent(AlertItems.escalationItem(escalate.escalation()));
            case Change.SetBlocked blocked -> blocked.blocked()
                    ? put(BlockItems.item(blocked.userId(), blocked.blocksAccount(), blocked.at()))
                    : TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                            .key(BlockItems.key(blocked.userId(), blocked.blocksAccount())).build()).build();
            case Change.SaveOutage save -> save.outage().version() == 1
                    ? putIfAbsent(OutageItems.item(save.outage()))
                    : putIf(OutageItems.item(save.outage()), "version = :previous",
                            Map.of(":previous", fromN(Integer.toString(save.outage().version() - 1))));
            case Change.AddOutageUpdate added -> put(OutageItems.updateItem(added.outageId(), added.update()));
            case Change.SetActiveOutage active -> putIfAbsent(OutageItems.activeItem(active.service(), active.outageId()));
            case Change.ClearActiveOutage cleared -> TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                    .key(OutageItems.activeKey(cleared.service()))
                    .conditionExpression("outageId = :outage")
                    .expressionAttributeValues(Map.of(":outage", fromS(cleared.outageId()))).build()).build();
            case Change.PublishAnnouncement published -> putIfAbsent(OutageItems.announcementItem(published.announcement()));
            case Change.RaiseAlert alert -> putIfAbsent(AlertItems.alertItem(alert.alert()));
            case Change.TakeReportAllowance take -> ReportingItems.take(table, take);
        };
    }

    /** One update of the incident item, conditional on the state (and the version, when given) it was read in. */
    private TransactWriteItem edit(Change.EditIncident edit) {
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>(List.of("updatedAt = :at"));
        values.put(":at", fromS(Timestamps.format(edit.at())));
        values.put(":expected", fromS(edit.expected().name()));
        if (edit.state() != null) {
            sets.add("#state = :state");
            values.put(":state", fromS(edit.state().name()));
        }
        if (edit.resolution() != null || edit.responds()) {
            // A resolution answers the reporter: it is the first response if there was none.
            sets.add("firstRespondedAt = if_not_exists(firstRespondedAt, :at)");
        }
        if (edit.resolution() != null) {
            IncidentItems.resolutionAttributes(edit.resolution()).forEach((name, value) -> {
                sets.add(name + " = :" + name);
                values.put(":" + name, value);
            });
        }
        if (edit.assignee() != null) {
            sets.add("assignee = :assignee");
            values.put(":assignee", fromS(edit.assignee()));
        }
        values.put(":one", ONE);
        String condition = "#state = :expected";
        if (edit.expectedVersion() != null) {
            // Records written before versions were kept have none: version 0.
            condition += edit.expectedVersion() == 0 ? " AND attribute_not_exists(version)" : " AND version = :version";
            if (edit.expectedVersion() != 0) {
                values.put(":version", fromN(Long.toString(edit.expectedVersion())));
            }
        }
        return update(IncidentItems.key(edit.incidentNumber()), "SET " + String.join(", ", sets) + NEXT_VERSION,
                condition, values, Map.of("#state", "state"));
    }

    private TransactWriteItem putIfAbsent(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(" + DeskTable.PK + ")").build()).build();
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
