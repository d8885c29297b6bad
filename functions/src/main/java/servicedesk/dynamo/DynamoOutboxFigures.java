package servicedesk.dynamo;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import servicedesk.console.OutboxScreen;
import servicedesk.format.Timestamps;
import servicedesk.notify.Channel;
import servicedesk.notify.DeliveryState;
import servicedesk.notify.Lane;
import servicedesk.notify.LaneBudget;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The outbox's figures from the desk's table: messages not yet sent (queued in the last two weeks, read
 * through the ByType index, at most 5,000), by channel and whether the recipient asked for them; and X's
 * windows as the sender keeps them for each lane.
 */
public final class DynamoOutboxFigures implements OutboxScreen.Source {
    private static final Duration LOOK_BACK = Duration.ofDays(14);
    private static final int MAX_READ = 5_000;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoOutboxFigures(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public List<OutboxScreen.Waiting> waiting(Instant now) {
        Map<String, OutboxScreen.Waiting> byClass = new TreeMap<>();
        Map<String, AttributeValue> start = null;
        int read = 0;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(query -> {
                query.tableName(table).indexName(DeskTable.BY_TYPE)
                        .keyConditionExpression("#type = :type AND #at >= :since")
                        .filterExpression("deliveryState IN (:pending, :sending)")
                        .expressionAttributeNames(Map.of("#type", DeskTable.TYPE, "#at", "at"))
                        .expressionAttributeValues(Map.of(":type", fromS(DeskTable.TYPE_OUTBOX),
                                ":since", fromS(Timestamps.format(now.minus(LOOK_BACK))),
                                ":pending", fromS(DeliveryState.PENDING.name()), ":sending", fromS(DeliveryState.SENDING.name())));
                if (from != null) {
                    query.exclusiveStartKey(from);
                }
            });
            read += page.scannedCount();
            for (Map<String, AttributeValue> item : page.items()) {
                String messageClass = messageClass(item);
                Instant at = DeskTable.instant(item, "at");
                byClass.merge(messageClass, new OutboxScreen.Waiting(messageClass, 1, at), (was, one) ->
                        new OutboxScreen.Waiting(messageClass, was.count() + 1, was.oldest().isBefore(at) ? was.oldest() : at));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && read < MAX_READ);
        return new ArrayList<>(byClass.values());
    }

    /** Each lane's windows as the sender keeps them (see {@link DynamoSendingState}): X's headers, or its own count. */
    @Override
    public List<OutboxScreen.Budget> budgets(Instant now) {
        List<OutboxScreen.Budget> budgets = new ArrayList<>();
        DynamoSendingState state = new DynamoSendingState(dynamo, table);
        for (Lane lane : Lane.values()) {
            String name = lane == Lane.DIRECT_MESSAGES ? "Direct messages" : "Posts and replies";
            state.budget(lane).ifPresent(budget -> {
                add(budgets, name + " (15 minutes)", budget.quarterHour(), now);
                add(budgets, name + " (24 hours, user)", budget.userDay(), now);
                add(budgets, name + " (24 hours, app)", budget.appDay(), now);
            });
        }
        return budgets;
    }

    private static void add(List<OutboxScreen.Budget> budgets, String name, LaneBudget.Window window, Instant now) {
        if (window != null) {
            LaneBudget.Window current = window.at(now);
            budgets.add(new OutboxScreen.Budget(name, current.remaining(), current.limit(), current.resetAt()));
        }
    }

    private static String messageClass(Map<String, AttributeValue> item) {
        Channel channel = Channel.valueOf(DeskTable.s(item, "channel"));
        boolean unsolicited = item.containsKey("unsolicited") && Boolean.TRUE.equals(item.get("unsolicited").bool());
        return switch (channel) {
            case DIRECT_MESSAGE -> unsolicited ? "Outage notices (DM)" : "Direct messages to reporters";
            case PUBLIC_REPLY -> "Public replies";
            case TIMELINE_POST -> "Posts on the timeline";
        };
    }
}
