package servicedesk.dynamo;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBool;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import servicedesk.notify.Delivery;
import servicedesk.notify.Lane;
import servicedesk.notify.LaneBudget;
import servicedesk.notify.Pause;
import servicedesk.notify.SendingState;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link SendingState} as a few items of the desk's table under {@code pk=SENDING}: {@code LANE#<lane>} (a
 * lane's budget), {@code PAUSE} (present while sending is paused), {@code LEASE} (who works the plan, until
 * when, and whether someone poked), {@code WAKE} (the wake-up already queued); and the public surge note,
 * {@code pk=SURGE, sk=STATUS}, apart. Times are epoch milliseconds.
 */
public final class DynamoSendingState implements SendingState {
    /** The surge note's partition: the one thing of the sender's the public status page may read. */
    public static final String SURGE = "SURGE";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoSendingState(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(String what) {
        return DeskTable.key("SENDING", what);
    }

    private Optional<Map<String, AttributeValue>> read(String what) {
        var found = dynamo.getItem(get -> get.tableName(table).key(key(what)).consistentRead(true));
        return found.hasItem() ? Optional.of(found.item()) : Optional.empty();
    }

    @Override
    public Optional<LaneBudget> budget(Lane lane) {
        return read("LANE#" + lane.name()).map(item -> new LaneBudget(lane, window(item, "quarter", LaneBudget.QUARTER_HOUR),
                window(item, "userDay", LaneBudget.DAY), window(item, "appDay", LaneBudget.DAY),
                millis(item, "backoffUntil"), number(item, "backoffs")));
    }

    @Override
    public void save(LaneBudget budget) {
        Map<String, AttributeValue> item = new HashMap<>(key("LANE#" + budget.lane().name()));
        item.put(DeskTable.TYPE, fromS("SENDING"));
        put(item, "quarter", budget.quarterHour());
        put(item, "userDay", budget.userDay());
        put(item, "appDay", budget.appDay());
        putMillis(item, "backoffUntil", budget.backoffUntil());
        item.put("backoffs", fromN(Integer.toString(budget.backoffs())));
        dynamo.putItem(put -> put.tableName(table).item(item));
    }

    private static void put(Map<String, AttributeValue> item, String name, LaneBudget.Window window) {
        if (window != null) {
            item.put(name + "Limit", fromN(Integer.toString(window.limit())));
            item.put(name + "Remaining", fromN(Integer.toString(window.remaining())));
            putMillis(item, name + "Reset", window.resetAt());
        }
    }

    private static LaneBudget.Window window(Map<String, AttributeValue> item, String name, Duration length) {
        return item.containsKey(name + "Limit") ? new LaneBudget.Window(length, number(item, name + "Limit"),
                number(item, name + "Remaining"), millis(item, name + "Reset")) : null;
    }

    @Override
    public Optional<Pause> pause() {
        return read("PAUSE").map(item -> new Pause(Delivery.AccountProblem.valueOf(DeskTable.s(item, "problem")),
                number(item, "status"), DeskTable.s(item, "reason"), millis(item, "since"), millis(item, "nextProbeAt"),
                number(item, "probes"), item.containsKey("alarmed") && item.get("alarmed").bool()));
    }

    @Override
    public boolean startPause(Pause pause) {
        try {
            dynamo.putItem(put -> put.tableName(table).item(pauseItem(pause)).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException alreadyPaused) {
            return false;
        }
    }

    @Override
    public void savePause(Pause pause) {
        dynamo.putItem(put -> put.tableName(table).item(pauseItem(pause)).conditionExpression("attribute_exists(pk)"));
    }

    private static Map<String, AttributeValue> pauseItem(Pause pause) {
        Map<String, AttributeValue> item = new HashMap<>(key("PAUSE"));
        item.put(DeskTable.TYPE, fromS("SENDING"));
        item.put("problem", fromS(pause.problem().name()));
        item.put("status", fromN(Integer.toString(pause.status())));
        item.put("reason", fromS(pause.reason() == null ? "" : pause.reason()));
        putMillis(item, "since", pause.since());
        putMillis(item, "nextProbeAt", pause.nextProbeAt());
        item.put("probes", fromN(Integer.toString(pause.probes())));
        item.put("alarmed", fromBool(pause.alarmed()));
        return item;
    }

    @Override
    public void endPause() {
        dynamo.deleteItem(delete -> delete.tableName(table).key(key("PAUSE")));
    }

    @Override
    public boolean acquire(String owner, Instant now, Duration hold) {
        try {
            dynamo.putItem(put -> put.tableName(table)
                    .item(Map.of("pk", fromS("SENDING"), "sk", fromS("LEASE"), DeskTable.TYPE, fromS("SENDING"),
                            "owner", fromS(owner), "until", fromN(Long.toString(now.plus(hold).toEpochMilli()))))
                    .conditionExpression("attribute_not_exists(pk) OR #until < :now")
                    .expressionAttributeNames(Map.of("#until", "until"))
                    .expressionAttributeValues(Map.of(":now", fromN(Long.toString(now.toEpochMilli())))));
            return true;
        } catch (ConditionalCheckFailedException held) {
            return false;
        }
    }

    @Override
    public boolean renew(String owner, Instant now, Duration hold) {
        try {
            dynamo.updateItem(update -> update.tableName(table).key(key("LEASE"))
                    .updateExpression("SET #until = :until")
                    .conditionExpression("#owner = :me")
                    .expressionAttributeNames(Map.of("#until", "until", "#owner", "owner"))
                    .expressionAttributeValues(Map.of(":me", fromS(owner),
                            ":until", fromN(Long.toString(now.plus(hold).toEpochMilli())))));
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    @Override
    public boolean poke(Instant now) {
        try {
            dynamo.updateItem(update -> update.tableName(table).key(key("LEASE"))
                    .updateExpression("SET poked = :yes")
                    .conditionExpression("attribute_exists(pk) AND #until >= :now")
                    .expressionAttributeNames(Map.of("#until", "until"))
                    .expressionAttributeValues(Map.of(":yes", fromBool(true), ":now", fromN(Long.toString(now.toEpochMilli())))));
            return true;
        } catch (ConditionalCheckFailedException nobodyHoldsIt) {
            return false;
        }
    }

    @Override
    public Release release(String owner) {
        try {
            dynamo.deleteItem(delete -> delete.tableName(table).key(key("LEASE"))
                    .conditionExpression("#owner = :me AND attribute_not_exists(poked)")
                    .expressionAttributeNames(Map.of("#owner", "owner"))
                    .expressionAttributeValues(Map.of(":me", fromS(owner))));
            return Release.RELEASED;
        } catch (ConditionalCheckFailedException pokedOrLost) {
            try {
                dynamo.updateItem(update -> update.tableName(table).key(key("LEASE")).updateExpression("REMOVE poked")
                        .conditionExpression("#owner = :me")
                        .expressionAttributeNames(Map.of("#owner", "owner"))
                        .expressionAttributeValues(Map.of(":me", fromS(owner))));
                return Release.POKED;
            } catch (ConditionalCheckFailedException lost) {
                return Release.LOST;
            }
        }
    }

    @Override
    public boolean wakeNeeded(Instant at, Instant now) {
        try {
            dynamo.updateItem(update -> update.tableName(table).key(key("WAKE"))
                    .updateExpression("SET #at = :at, #type = :type")
                    .conditionExpression("attribute_not_exists(#at) OR #at <= :now OR #at > :at")
                    .expressionAttributeNames(Map.of("#at", "wakeAt", "#type", DeskTable.TYPE))
                    .expressionAttributeValues(Map.of(":at", fromN(Long.toString(at.toEpochMilli())),
                            ":now", fromN(Long.toString(now.toEpochMilli())), ":type", fromS("SENDING"))));
            return true;
        } catch (ConditionalCheckFailedException alreadyQueued) {
            return false;
        }
    }

    @Override
    public Optional<Instant> surge() {
        var found = dynamo.getItem(get -> get.tableName(table).key(DeskTable.key(SURGE, "STATUS")));
        return found.hasItem() ? Optional.ofNullable(millis(found.item(), "answeredBy")) : Optional.empty();
    }

    @Override
    public void publishSurge(Optional<Instant> answeredBy) {
        if (answeredBy.isEmpty()) {
            dynamo.deleteItem(delete -> delete.tableName(table).key(DeskTable.key(SURGE, "STATUS")));
            return;
        }
        Map<String, AttributeValue> item = new HashMap<>(DeskTable.key(SURGE, "STATUS"));
        item.put(DeskTable.TYPE, fromS(SURGE));
        putMillis(item, "answeredBy", answeredBy.get());
        dynamo.putItem(put -> put.tableName(table).item(item));
    }

    private static void putMillis(Map<String, AttributeValue> item, String name, Instant at) {
        if (at != null) {
            item.put(name, fromN(Long.toString(at.toEpochMilli())));
        }
    }

    private static Instant millis(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Instant.ofEpochMilli(Long.parseLong(item.get(name).n())) : null;
    }

    private static int number(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Integer.parseInt(item.get(name).n()) : 0;
    }
}
