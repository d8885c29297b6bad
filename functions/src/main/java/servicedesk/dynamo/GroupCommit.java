package servicedesk.dynamo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import servicedesk.records.Claim;
import servicedesk.records.Conflict;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Group commit: claimed changes committed side by side (the messages of a batch, each on its own virtual
 * thread) go to DynamoDB as a few shared transactions instead of one each. A commit waits a moment for
 * others to join it, and one made while a transaction is in flight goes with everything that came meanwhile
 * ({@link SharedRequests}). A transaction holds at most {@value #MAX_OPERATIONS} operations, 4 MB and no item
 * twice, so a round is cut, in order, into as few transactions as those rules allow.
 *
 * <p>Each unit gets the answer it would have had alone: written; not written because its claim was taken;
 * a {@link Conflict} because another of its conditions failed; or the failure that stopped it. A transaction
 * is all or nothing, and when DynamoDB cancels a shared one it says why, item by item: a unit whose own
 * claim or condition failed has its answer from that, one that failed for another reason of its own (a
 * conflict with another writer) fails with the cancellation, and the units that did nothing wrong are sent
 * again together. A shared transaction DynamoDB refuses as invalid (a limit the cut did not foresee) is sent
 * unit by unit. Any other failure (DynamoDB unavailable, throttled beyond the SDK's retries) fails every unit
 * of that transaction, as it would have failed each alone, and their messages are retried.
 */
final class GroupCommit {
    /** DynamoDB's limit of operations in one transaction. */
    static final int MAX_OPERATIONS = 100;
    /** DynamoDB's limit is 4 MB per transaction; the estimate leaves a margin for what it does not count. */
    static final long MAX_BYTES = 3_000_000;
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";

    /** One claimed change as its operations, the claim's first. */
    record Unit(Claim claim, List<ChangeWrites.Operation> operations) {
    }

    /** What a unit's commit came to: written or not (its claim was taken), or the failure to throw. */
    record Outcome(boolean written, Throwable failure) {
        static final Outcome WRITTEN = new Outcome(true, null);
        static final Outcome CLAIMED = new Outcome(false, null);

        static Outcome failed(Throwable failure) {
            return new Outcome(false, failure);
        }

        boolean answer() {
            if (failure instanceof Error error) {
                throw error;
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            return written;
        }
    }

    private final DynamoDbClient dynamo;
    private final SharedRequests<Unit, List<Outcome>> rounds = new SharedRequests<>();

    GroupCommit(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    /** Commits the unit with whatever others come side by side: true if written, false if its claim was taken. */
    boolean commit(Unit unit) {
        var share = rounds.call("commit", unit, this::commitRound);
        return share.value().get(share.position()).answer();
    }

    /** A round's units, committed in as few transactions as the rules allow; an outcome for each, in order. */
    List<Outcome> commitRound(List<Unit> units) {
        List<Outcome> outcomes = new ArrayList<>();
        for (List<Unit> transaction : transactions(units)) {
            outcomes.addAll(commitTogether(transaction));
        }
        return outcomes;
    }

    /** One transaction for the units; never throws: each unit's answer is in its outcome. */
    private List<Outcome> commitTogether(List<Unit> units) {
        List<TransactWriteItem> items = units.stream()
                .flatMap(unit -> unit.operations().stream().map(ChangeWrites.Operation::item)).toList();
        try {
            dynamo.transactWriteItems(transaction -> transaction.transactItems(items));
            return Collections.nCopies(units.size(), Outcome.WRITTEN);
        } catch (TransactionCanceledException cancelled) {
            return afterCancellation(units, cancelled);
        } catch (DynamoDbException failed) {
            if (units.size() > 1 && failed.awsErrorDetails() != null
                    && "ValidationException".equals(failed.awsErrorDetails().errorCode())) {
                return oneByOne(units);
            }
            return Collections.nCopies(units.size(), Outcome.failed(failed));
        } catch (Throwable failed) {
            return Collections.nCopies(units.size(), Outcome.failed(failed));
        }
    }

    /** Nothing was written: the reasons, one per operation in order, give each unit its answer. */
    private List<Outcome> afterCancellation(List<Unit> units, TransactionCanceledException cancelled) {
        List<CancellationReason> reasons = cancelled.cancellationReasons();
        int operations = units.stream().mapToInt(unit -> unit.operations().size()).sum();
        if (reasons == null || reasons.size() != operations) {
            return units.size() == 1 ? List.of(Outcome.failed(cancelled)) : oneByOne(units);
        }
        List<Outcome> outcomes = new ArrayList<>(Collections.nCopies(units.size(), (Outcome) null));
        List<Integer> innocent = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < units.size(); i++) {
            Unit unit = units.get(i);
            Outcome own = answer(unit, reasons.subList(from, from + unit.operations().size()), cancelled);
            from += unit.operations().size();
            if (own == null) {
                innocent.add(i);
            } else {
                outcomes.set(i, own);
            }
        }
        if (innocent.size() == units.size()) {
            // No unit's own reasons explain it: as alone, each fails with the cancellation.
            return units.size() == 1 ? List.of(Outcome.failed(cancelled)) : oneByOne(units);
        }
        if (!innocent.isEmpty()) {
            List<Outcome> again = commitTogether(innocent.stream().map(units::get).toList());
            for (int i = 0; i < innocent.size(); i++) {
                outcomes.set(innocent.get(i), again.get(i));
            }
        }
        return outcomes;
    }

    /** A unit's answer from its own operations' reasons, or null if none of them failed. */
    private static Outcome answer(Unit unit, List<CancellationReason> reasons, TransactionCanceledException cancelled) {
        if (CONDITION_FAILED.equals(reasons.get(0).code())) {
            return Outcome.CLAIMED;
        }
        for (int i = 1; i < reasons.size(); i++) {
            if (CONDITION_FAILED.equals(reasons.get(i).code())) {
                return Outcome.failed(new Conflict("The condition of " + unit.operations().get(i).write().getClass().getSimpleName()
                        + " failed while handling " + unit.claim().key()));
            }
        }
        boolean ownFailure = reasons.stream().anyMatch(reason -> reason.code() != null && !"None".equals(reason.code()));
        return ownFailure ? Outcome.failed(cancelled) : null;
    }

    private List<Outcome> oneByOne(List<Unit> units) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Unit unit : units) {
            outcomes.addAll(commitTogether(List.of(unit)));
        }
        return outcomes;
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
