package servicedesk.dynamo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import servicedesk.records.Change;
import servicedesk.records.Claim;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Group commit: claimed changes committed side by side (the messages of a batch, each on its own virtual
 * thread) go to DynamoDB as a few shared transactions instead of one each. A lone commit goes at once; one
 * made while a transaction is in flight waits for it and goes with everything that came meanwhile
 * ({@link SharedRequests}). A transaction holds at most {@value #MAX_OPERATIONS} operations, 4 MB and no item
 * twice, so a round is cut, in order, into as few transactions as those rules allow.
 *
 * <p>A transaction is all or nothing. When DynamoDB cancels a shared one (a claim already taken, a failed
 * condition, a conflict) or refuses it as invalid, nothing of it was written, and each of its units is
 * committed again on its own: each gets the answer it would have had alone. Any other failure (DynamoDB
 * unavailable, throttled beyond the SDK's retries) fails every unit of that transaction, as it would have
 * failed each alone, and their messages are retried.
 */
final class GroupCommit {
    /** DynamoDB's limit of operations in one transaction. */
    static final int MAX_OPERATIONS = 100;
    /** DynamoDB's limit is 4 MB per transaction; the estimate leaves a margin for what it does not count. */
    static final long MAX_BYTES = 3_000_000;

    /** One claimed change as its operations, the claim's first. */
    record Unit(Claim claim, Change change, List<ChangeWrites.Operation> operations) {
    }

    /** What a unit's commit came to: written or not (its claim was taken), or the failure to throw. */
    private record Outcome(boolean written, RuntimeException failure) {
        static final Outcome WRITTEN = new Outcome(true, null);
    }

    private final DynamoDbClient dynamo;
    private final Predicate<Unit> alone;
    private final SharedRequests<Unit, List<Outcome>> rounds = new SharedRequests<>();

    /** @param alone commits one unit in a transaction of its own, with the answer {@code DeskRecords.commit} gives */
    GroupCommit(DynamoDbClient dynamo, Predicate<Unit> alone) {
        this.dynamo = dynamo;
        this.alone = alone;
    }

    boolean commit(Unit unit) {
        var share = rounds.call("commit", unit, this::commitRound);
        Outcome outcome = share.value().get(share.position());
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return outcome.written();
    }

    private List<Outcome> commitRound(List<Unit> units) {
        List<Outcome> outcomes = new ArrayList<>();
        for (List<Unit> transaction : transactions(units)) {
            outcomes.addAll(commitTogether(transaction));
        }
        return outcomes;
    }

    private List<Outcome> commitTogether(List<Unit> units) {
        if (units.size() > 1) {
            List<TransactWriteItem> items = units.stream()
                    .flatMap(unit -> unit.operations().stream().map(ChangeWrites.Operation::item)).toList();
            try {
                dynamo.transactWriteItems(transaction -> transaction.transactItems(items));
                return Collections.nCopies(units.size(), Outcome.WRITTEN);
            } catch (TransactionCanceledException cancelled) {
                // Nothing was written: each unit alone, below.
            } catch (DynamoDbException failed) {
                if (failed.awsErrorDetails() == null || !"ValidationException".equals(failed.awsErrorDetails().errorCode())) {
                    return Collections.nCopies(units.size(), new Outcome(false, failed));
                }
                // A limit the cut did not foresee: never fatal to the units, each goes alone, below.
            } catch (RuntimeException failed) {
                return Collections.nCopies(units.size(), new Outcome(false, failed));
            }
        }
        return units.stream().map(this::commitAlone).toList();
    }

    private Outcome commitAlone(Unit unit) {
        try {
            return new Outcome(alone.test(unit), null);
        } catch (RuntimeException failed) {
            return new Outcome(false, failed);
        }
    }

    /** The units, in order, cut into transactions within DynamoDB's limits, none writing an item twice. */
    static List<List<Unit>> transactions(List<Unit> units) {
        List<List<Unit>> transactions = new ArrayList<>();
        List<Unit> current = new ArrayList<>();
        Set<String> items = new HashSet<>();
        int operations = 0;
        long bytes = 0;
        for (Unit unit : units) {
            List<String> keys = unit.operations().stream().map(operation -> itemKey(operation.item())).toList();
            long size = unit.operations().stream().mapToLong(operation -> bytes(operation.item())).sum();
            boolean fits = operations + keys.size() <= MAX_OPERATIONS && bytes + size <= MAX_BYTES
                    && keys.stream().noneMatch(items::contains);
            if (!fits && !current.isEmpty()) {
                transactions.add(current);
                current = new ArrayList<>();
                items.clear();
                operations = 0;
                bytes = 0;
            }
            current.add(unit);
            items.addAll(keys);
            operations += keys.size();
            bytes += size;
        }
        if (!current.isEmpty()) {
            transactions.add(current);
        }
        return transactions;
    }

    /** The table and key of the item an operation writes or checks. */
    private static String itemKey(TransactWriteItem item) {
        String table;
        Map<String, AttributeValue> key;
        if (item.put() != null) {
            table = item.put().tableName();
            key = item.put().item();
        } else if (item.update() != null) {
            table = item.update().tableName();
            key = item.update().key();
        } else if (item.delete() != null) {
            table = item.delete().tableName();
            key = item.delete().key();
        } else {
            table = item.conditionCheck().tableName();
            key = item.conditionCheck().key();
        }
        return table + "|" + key.get(DeskTable.PK).s() + "|" + key.get(DeskTable.SK).s();
    }

    /** About what an operation weighs against the 4 MB: its item or key, and the values it sets. */
    private static long bytes(TransactWriteItem item) {
        if (item.put() != null) {
            return bytes(item.put().item());
        }
        if (item.update() != null) {
            return bytes(item.update().key()) + bytes(item.update().expressionAttributeValues())
                    + item.update().updateExpression().length();
        }
        return bytes(item.delete() != null ? item.delete().key() : item.conditionCheck().key());
    }

    private static long bytes(Map<String, AttributeValue> attributes) {
        long total = 0;
        for (Map.Entry<String, AttributeValue> attribute : attributes.entrySet()) {
            total += attribute.getKey().length() + bytes(attribute.getValue());
        }
        return total;
    }

    private static long bytes(AttributeValue value) {
        if (value.s() != null) {
            return value.s().getBytes(StandardCharsets.UTF_8).length;
        }
        if (value.n() != null) {
            return value.n().length();
        }
        if (value.b() != null) {
            return value.b().asByteArray().length;
        }
        long total = 1;
        for (String text : value.hasSs() ? value.ss() : value.hasNs() ? value.ns() : List.<String>of()) {
            total += text.getBytes(StandardCharsets.UTF_8).length;
        }
        if (value.hasL()) {
            total += value.l().stream().mapToLong(GroupCommit::bytes).sum();
        }
        if (value.hasM()) {
            total += bytes(value.m());
        }
        return total;
    }
}
