package servicedesk.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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

/** How a round of side-by-side commits is cut into transactions DynamoDB accepts. */
class GroupCommitTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private final ChangeWrites writes = new ChangeWrites("IncidentsTable");

    @Test
    void reportsOfABatchGoAsOneTransactionInTheirOrder() {
        List<GroupCommit.Unit> reports = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            reports.add(report(i));
        }

        assertThat(GroupCommit.transactions(reports)).containsExactly(reports);
    }

    @Test
    void aUnitThatWritesAnItemAlreadyInTheTransactionStartsTheNext() {
        GroupCommit.Unit first = respond("a", "INC0000001");
        GroupCommit.Unit other = note("b", "INC0000001");
        GroupCommit.Unit sameIncident = respond("c", "INC0000001");
        GroupCommit.Unit last = note("d", "INC0000003");

        assertThat(GroupCommit.transactions(List.of(first, other, sameIncident, last)))
                .containsExactly(List.of(first, other), List.of(sameIncident, last));
    }

    @Test
    void noTransactionHoldsMoreThanAHundredOperations() {
        List<GroupCommit.Unit> reports = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            reports.add(report(i));
        }

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
        GroupCommit.Unit small = report(1);
        List<Change.Write> many = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            many.add(new Change.AlsoClaim(Claim.expiring("told:" + i, null)));
        }
        GroupCommit.Unit huge = unit("huge", many.toArray(Change.Write[]::new));

        assertThat(GroupCommit.transactions(List.of(small, huge, report(2))))
                .extracting(List::size).containsExactly(1, 1, 1);
    }

    private GroupCommit.Unit report(int i) {
        String number = Incident.numberOf(i);
        Incident incident = Incident.open(number, Priority.P3, Level.MEDIUM, Level.MEDIUM, "wifi",
                new Reporter("42", "user42"), "tweet-" + i, null, "it is broken", Set.of(),
                new ResponseTargets.Target(Duration.ofHours(4), Duration.ofDays(3)), null, T0);
        return unit("tweet:" + i, new Change.OpenIncident(incident),
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
        return new GroupCommit.Unit(claim, change, operations);
    }
}
