package servicedesk.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import servicedesk.incident.Incident;
import servicedesk.incident.Level;
import servicedesk.incident.Priority;
import servicedesk.incident.Reporter;
import servicedesk.incident.ResponseTargets;
import servicedesk.incident.TimelineEntry;
import servicedesk.notify.OutboundMessage;
import servicedesk.records.Change;
import servicedesk.records.Claim;
import servicedesk.records.Conflict;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * How a round of side-by-side commits is cut into transactions DynamoDB accepts, and how each unit gets the
 * answer it would have had alone when DynamoDB cancels or refuses a shared one. DynamoDB's answers come from a
 * stand-in here (the same units on DynamoDB Local: DynamoDeskRecordsContractTest).
 */
class GroupCommitTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private final ChangeWrites writes = new ChangeWrites("IncidentsTable");

    @Test
    void reportsOfABatchGoAsOneTransactionInTheirOrder() {
        List<GroupCommit.Unit> reports = reports(10);

        assertThat(GroupCommit.transactions(reports)).containsExactly(reports);
    }

    @Test
    void aUnitThatWritesAnItemAlreadyInTheTransactionStartsTheNext() {
        GroupCommit.Unit first = respond("a", "INC0000001");
        GroupCommit.Unit note = note("b", "INC0000001");
        GroupCommit.Unit sameIncident = respond("c", "INC0000001");
        GroupCommit.Unit last = note("d", "INC0000003");

        // The note is an item of its own (TL#…), beside the incident's: it shares the first transaction.
        assertThat(GroupCommit.transactions(List.of(first, note, sameIncident, last)))
                .containsExactly(List.of(first, note), List.of(sameIncident, last));
    }

    @Test
    void noTransactionHoldsMoreThanAHundredOperations() {
        List<GroupCommit.Unit> reports = reports(40);

        List<List<GroupCommit.Unit>> transactions = GroupCommit.transactions(reports);

        // Three operations a report (claim, incident with its opening line, message): 33 reports to a transaction.
        assertThat(transactions).extracting(List::size).containsExactly(33, 7);
        assertThat(transactions.stream().flatMap(List::stream).toList()).isEqualTo(reports);
    }

    @Test
    void noTransactionComesNearDynamoDbsFourMegabytes() {
        String large = "x".repeat(350_000);
        List<GroupCommit.Unit> units = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            units.add(unit("large-" + i, new Change.QueueMessage(OutboundMessage.directMessage("m" + i, "42", large, null))));
        }

        assertThat(GroupCommit.transactions(units)).extracting(List::size).containsExactly(8, 4);
    }

    @Test
    void aUnitTooLargeToShareGoesAlone() {
        List<Change.Write> many = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            many.add(new Change.AlsoClaim(Claim.expiring("told:" + i, null)));
        }
        GroupCommit.Unit huge = unit("huge", many.toArray(Change.Write[]::new));

        assertThat(GroupCommit.transactions(List.of(report(1), huge, report(2))))
                .extracting(List::size).containsExactly(1, 1, 1);
    }

    @Test
    void aBatchDeliveredAgainCostsOneRequestAndEveryReportFindsItsClaim() {
        Table table = new Table();
        List<GroupCommit.Unit> reports = reports(10);
        reports.forEach(report -> table.existing.add(claimKey(report)));

        assertThat(answers(new GroupCommit(table.client()).commitRound(reports))).containsOnly(false);
        assertThat(table.requests).hasSize(1);
    }

    @Test
    void aDuplicateInABatchCostsTheOthersOneMoreRequestNotOneEach() {
        Table table = new Table();
        List<GroupCommit.Unit> reports = reports(10);
        table.existing.add(claimKey(reports.get(4)));

        List<Object> answers = answers(new GroupCommit(table.client()).commitRound(reports));

        assertThat(answers.get(4)).isEqualTo(false);
        assertThat(answers).filteredOn(Boolean.TRUE::equals).hasSize(9);
        assertThat(table.requests).extracting(List::size).containsExactly(30, 27);
    }

    @Test
    void aFailedConditionIsAConflictForItsUnitOnly() {
        Table table = new Table();
        GroupCommit.Unit reopens = unit("other", new Change.OpenIncident(incident(1)));
        table.existing.add("INC#INC0000001|INCIDENT");

        List<GroupCommit.Outcome> outcomes = new GroupCommit(table.client()).commitRound(List.of(reopens, report(2)));

        assertThatThrownBy(outcomes.get(0)::answer).isInstanceOf(Conflict.class)
                .hasMessage("The condition of OpenIncident failed while handling other");
        assertThat(outcomes.get(1).answer()).isTrue();
    }

    @Test
    void aConflictWithAnotherWriterFailsOnlyTheUnitWhoseItemItWas() {
        Table table = new Table();
        table.conflicting.add("INC#INC0000002|INCIDENT");

        List<GroupCommit.Outcome> outcomes = new GroupCommit(table.client()).commitRound(reports(3));

        assertThat(outcomes.get(0).answer()).isTrue();
        assertThatThrownBy(outcomes.get(1)::answer).isInstanceOf(TransactionCanceledException.class);
        assertThat(outcomes.get(2).answer()).isTrue();
    }

    @Test
    void aSharedTransactionRefusedAsInvalidIsSentUnitByUnit() {
        Table table = new Table();
        table.refuseShared = true;

        List<GroupCommit.Outcome> outcomes = new GroupCommit(table.client()).commitRound(reports(3));

        assertThat(answers(outcomes)).containsExactly(true, true, true);
        assertThat(table.requests).extracting(List::size).containsExactly(9, 3, 3, 3);
    }

    @Test
    void anErrorFailsOnlyTheUnitsOfItsTransaction() {
        Table table = new Table();
        GroupCommit.Unit first = respond("a", "INC0000001");
        GroupCommit.Unit second = respond("b", "INC0000001");
        table.failOn = request -> request.transactItems().stream().anyMatch(item ->
                item.put() != null && item.put().item().get("pk").s().equals("CLAIM#b")) ? new StackOverflowError() : null;

        List<GroupCommit.Outcome> outcomes = new GroupCommit(table.client()).commitRound(List.of(first, second));

        assertThat(outcomes.get(0).answer()).as("written in the first transaction").isTrue();
        assertThatThrownBy(outcomes.get(1)::answer).isInstanceOf(StackOverflowError.class);
    }

    /** DynamoDB's transaction rules over a set of item keys: conditional puts fail on existing items. */
    private static final class Table {
        final Set<String> existing = new HashSet<>();
        final Set<String> conflicting = new HashSet<>();
        final List<List<TransactWriteItem>> requests = new ArrayList<>();
        boolean refuseShared;
        Function<TransactWriteItemsRequest, Throwable> failOn = request -> null;

        DynamoDbClient client() {
            return new DynamoDbClient() {
                @Override
                public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
                    return write(request);
                }

                @Override
                public String serviceName() {
                    return "dynamodb";
                }

                @Override
                public void close() {
                }
            };
        }

        TransactWriteItemsResponse write(TransactWriteItemsRequest request) {
            requests.add(request.transactItems());
            Throwable failure = failOn.apply(request);
            if (failure instanceof Error error) {
                throw error;
            }
            if (refuseShared && request.transactItems().size() > 3) {
                throw (DynamoDbException) DynamoDbException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("ValidationException").errorMessage("Transaction is too large").build()).build();
            }
            List<CancellationReason> reasons = new ArrayList<>();
            boolean cancelled = false;
            for (TransactWriteItem item : request.transactItems()) {
                String key = key(item);
                String code = conflicting.contains(key) ? "TransactionConflict"
                        : item.put() != null && item.put().conditionExpression() != null && existing.contains(key)
                        ? "ConditionalCheckFailed" : "None";
                cancelled |= !code.equals("None");
                reasons.add(CancellationReason.builder().code(code).build());
            }
            if (cancelled) {
                throw TransactionCanceledException.builder().cancellationReasons(reasons).build();
            }
            request.transactItems().forEach(item -> existing.add(key(item)));
            return TransactWriteItemsResponse.builder().build();
        }

        private static String key(TransactWriteItem item) {
            var key = item.put() != null ? item.put().item() : item.update().key();
            return key.get("pk").s() + "|" + key.get("sk").s();
        }
    }

    private static String claimKey(GroupCommit.Unit unit) {
        return "CLAIM#" + unit.claim().key() + "|CLAIM";
    }

    private static List<Object> answers(List<GroupCommit.Outcome> outcomes) {
        return outcomes.stream().map(outcome -> (Object) outcome.answer()).toList();
    }

    private List<GroupCommit.Unit> reports(int count) {
        List<GroupCommit.Unit> reports = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            reports.add(report(i));
        }
        return reports;
    }

    private static Incident incident(int i) {
        return Incident.open(Incident.numberOf(i), Priority.P3, Level.MEDIUM, Level.MEDIUM, "wifi",
                new Reporter("42", "user42"), "tweet-" + i, null, "it is broken", Set.of(),
                new ResponseTargets.Target(Duration.ofHours(4), Duration.ofDays(3)), null, T0);
    }

    private GroupCommit.Unit report(int i) {
        String number = Incident.numberOf(i);
        return unit("tweet:" + i, new Change.OpenIncident(incident(i)),
                new Change.AddNote(number, new TimelineEntry("opened:" + i, T0, TimelineEntry.Kind.OPENED, "42", "Opened")),
                new Change.QueueMessage(OutboundMessage.directMessage("opened:" + i, "42", "Your incident is " + number, number)));
    }

    private GroupCommit.Unit note(String claim, String number) {
        return unit(claim, new Change.AddNote(number, new TimelineEntry(claim, T0, TimelineEntry.Kind.WORK_NOTE, null, "note")));
    }

    private GroupCommit.Unit respond(String claim, String number) {
        return unit(claim, new Change.RespondFirst(number, T0));
    }

    private GroupCommit.Unit unit(String claimKey, Change.Write... changes) {
        Claim claim = Claim.expiring(claimKey, null);
        Change change = Change.of(changes);
        List<ChangeWrites.Operation> operations = new ArrayList<>();
        operations.add(new ChangeWrites.Operation(writes.claim(claim, T0), null));
        operations.addAll(writes.of(change, T0));
        return new GroupCommit.Unit(claim, operations);
    }
}
