package servicedesk.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import servicedesk.incident.Incident;
import servicedesk.incident.IncidentQuery;
import servicedesk.incident.IncidentState;
import servicedesk.incident.IncidentStore;
import servicedesk.incident.IncidentTotals;
import servicedesk.incident.Level;
import servicedesk.incident.Priority;
import servicedesk.incident.Reporter;
import servicedesk.incident.Resolution;
import servicedesk.incident.ResponseTargets;
import servicedesk.incident.TimelineEntry;
import servicedesk.notify.OutboundMessage;
import servicedesk.outage.Announcement;
import servicedesk.outage.AnnouncementKind;
import servicedesk.outage.Outage;
import servicedesk.outage.OutageStatus;
import servicedesk.outage.OutageStore;
import servicedesk.outage.OutageUpdate;
import servicedesk.records.Change;
import servicedesk.records.Claim;
import servicedesk.records.Conflict;
import servicedesk.records.DeskRecords;
import servicedesk.records.Reporting;

/**
 * What every desk store promises, run against each one: {@code MemoryDeskTest} (the in-memory store the
 * domain's unit tests use) and {@code DynamoDeskRecordsContractTest} (the DynamoDB store, on DynamoDB
 * Local). A subclass gives each test an empty store.
 */
public abstract class DeskRecordsContract {
    protected static final Instant T0 = Instant.parse("2025-11-22T10:00:00Z");

    protected abstract DeskRecords records();

    protected abstract IncidentStore incidents();

    protected abstract OutageStore outages();

    protected static Incident incident(String number, String service, String reporter, Instant at) {
        return Incident.open(number, Priority.P3, Level.MEDIUM, Level.MEDIUM, service, new Reporter(reporter, "user" + reporter),
                "tweet-" + number, "https://x.com/user/status/tweet-" + number, "it is broken", Set.of(),
                new ResponseTargets.Target(Duration.ofHours(4), Duration.ofDays(3)), null, at);
    }

    private void open(Incident incident) {
        assertThat(records().commit(Claim.tweet(incident.sourceTweetId(), incident.number()),
                Change.of(new Change.OpenIncident(incident)))).isTrue();
    }

    @Test
    void aClaimIsTakenOnceAndItsChangeWrittenWithIt() {
        Incident opened = incident("INC0000001", "wifi", "42", T0);

        assertThat(records().commit(Claim.tweet("t1", opened.number()), Change.of(new Change.OpenIncident(opened),
                new Change.AddNote(opened.number(), new TimelineEntry("n1", T0, TimelineEntry.Kind.OPENED, "42", "opened")))))
                .isTrue();
        assertThat(records().commit(Claim.tweet("t1", opened.number()), Change.of(
                new Change.AddNote(opened.number(), new TimelineEntry("n2", T0, TimelineEntry.Kind.PRIVATE_NOTE, "42", "again")))))
                .isFalse();

        assertThat(records().isClaimed("tweet:t1")).isTrue();
        assertThat(incidents().find("INC0000001")).contains(opened);
        assertThat(incidents().incidentForTweet("t1")).contains("INC0000001");
        assertThat(incidents().timeline("INC0000001")).extracting(TimelineEntry::id).containsExactly("n1");
    }

    @Test
    void aFailedConditionWritesNothingNotEvenTheClaim() {
        open(incident("INC0000001", "wifi", "42", T0));
        records().commit(Claim.expiring("first", null), Change.of(new Change.AlsoClaim(Claim.expiring("told:42", null))));

        assertThatThrownBy(() -> records().commit(Claim.expiring("second", null), Change.of(
                new Change.AddNote("INC0000001", new TimelineEntry("n", T0, TimelineEntry.Kind.WORK_NOTE, null, "lost")),
                new Change.AlsoClaim(Claim.expiring("told:42", null)))))
                .isInstanceOf(Conflict.class).hasMessageContaining("AlsoClaim");
        // Another condition: the incident is not On Hold.
        assertThatThrownBy(() -> records().commit(Claim.expiring("third", null), Change.of(
                new Change.MoveIncident("INC0000001", IncidentState.ON_HOLD, IncidentState.IN_PROGRESS, T0))))
                .isInstanceOf(Conflict.class);

        assertThat(records().isClaimed("second")).isFalse();
        assertThat(records().isClaimed("third")).isFalse();
        assertThat(incidents().timeline("INC0000001")).isEmpty();
        assertThat(incidents().find("INC0000001").orElseThrow().state()).isEqualTo(IncidentState.NEW);
    }

    /**
     * An author's allowance is taken with each incident they open: one incident on record per service (another
     * only in place of one named as no longer open) and a few a day; a refused one writes nothing.
     */
    @Test
    void anAuthorsAllowanceKeepsOneIncidentPerServiceOnRecordAndAFewADay() {
        LocalDate day = LocalDate.of(2025, 11, 22);
        assertThat(records().reporting("77")).isEqualTo(Reporting.NONE);
        assertThat(records().commit(Claim.expiring("r1", null), Change.of(allowance("wifi", "INC0000001", null, day)))).isTrue();
        assertThatThrownBy(() -> records().commit(Claim.expiring("r2", null), Change.of(allowance("wifi", "INC0000002", null, day))))
                .as("another on record for the service").isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> records().commit(Claim.expiring("r2", null), Change.of(allowance("wifi", "INC0000002", "INC0000009", day))))
                .as("in place of another number").isInstanceOf(Conflict.class);
        assertThat(records().isClaimed("r2")).isFalse();
        assertThat(records().commit(Claim.expiring("r3", null), Change.of(allowance("wifi", "INC0000003", "INC0000001", day)))).isTrue();
        assertThat(records().commit(Claim.expiring("r4", null), Change.of(allowance("vpn", "INC0000004", null, day)))).isTrue();
        assertThatThrownBy(() -> records().commit(Claim.expiring("r5", null), Change.of(allowance("email", "INC0000005", null, day))))
                .as("three a day allowed here").isInstanceOf(Conflict.class);

        Reporting reporting = records().reporting("77");
        assertThat(reporting.incidentByService()).isEqualTo(Map.of("wifi", "INC0000003", "vpn", "INC0000004"));
        assertThat(reporting.openedOn(day)).isEqualTo(3);
        assertThat(records().commit(Claim.expiring("r6", null), Change.of(allowance("email", "INC0000006", null, day.plusDays(1)))))
                .as("a new day").isTrue();
        assertThat(records().reporting("77").openedOn(day.plusDays(1))).isEqualTo(1);
        assertThat(records().reporting("77").openedOn(day)).as("the days before are let go").isZero();
    }

    private static Change.TakeReportAllowance allowance(String service, String number, String replacing, LocalDate day) {
        return new Change.TakeReportAllowance("77", service, number, replacing, day, 3, T0);
    }

    /**
     * The messages of a batch commit side by side; however a store groups them, each gets the answer it would
     * have had alone, and a duplicate or a failed condition costs no other commit its write.
     */
    @Test
    void commitsMadeSideBySideEachGetTheAnswerTheyWouldHaveHadAlone() throws Exception {
        open(incident("INC0000001", "wifi", "42", T0));
        DeskRecords records = records();
        Map<String, Callable<Boolean>> commits = new LinkedHashMap<>();
        for (int i = 2; i <= 9; i++) {
            Incident opened = incident(Incident.numberOf(i), "wifi", "4" + i, T0);
            String tweet = "t" + i;
            Change report = Change.of(new Change.OpenIncident(opened),
                    new Change.AddNote(opened.number(), new TimelineEntry("opened:" + tweet, T0, TimelineEntry.Kind.OPENED, "42", "opened")),
                    new Change.QueueMessage(OutboundMessage.directMessage("opened:" + tweet, "4" + i, "hello", opened.number())));
            commits.put("report " + i, () -> records.commit(Claim.tweet(tweet, opened.number()), report));
        }
        Incident again = incident("INC0000010", "wifi", "42", T0);
        commits.put("report 2 delivered again", () -> records.commit(Claim.tweet("t2", again.number()),
                Change.of(new Change.OpenIncident(again))));
        commits.put("a move from the wrong state", () -> records.commit(Claim.expiring("move", null), Change.of(
                new Change.MoveIncident("INC0000001", IncidentState.ON_HOLD, IncidentState.IN_PROGRESS, T0))));
        commits.put("a first response", () -> records.commit(Claim.expiring("respond:a", null),
                Change.of(new Change.RespondFirst("INC0000001", T0))));
        commits.put("another first response", () -> records.commit(Claim.expiring("respond:b", null),
                Change.of(new Change.RespondFirst("INC0000001", T0.plusSeconds(1)))));

        Map<String, Future<Boolean>> outcomes = new LinkedHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            commits.forEach((name, commit) -> outcomes.put(name, threads.submit(() -> {
                start.await();
                return commit.call();
            })));
            start.countDown();
        }

        for (int i = 3; i <= 9; i++) {
            assertThat(outcomes.get("report " + i).get()).as("report " + i).isTrue();
            assertThat(incidents().timeline(Incident.numberOf(i))).extracting(TimelineEntry::id).containsExactly("opened:t" + i);
        }
        assertThat(List.of(outcomes.get("report 2").get(), outcomes.get("report 2 delivered again").get()))
                .as("one delivery of tweet t2 opens its incident, the other finds it claimed")
                .containsExactlyInAnyOrder(true, false);
        assertThatThrownBy(() -> outcomes.get("a move from the wrong state").get()).hasCauseInstanceOf(Conflict.class);
        assertThat(records().isClaimed("move")).isFalse();
        assertThat(outcomes.get("a first response").get()).isTrue();
        assertThat(outcomes.get("another first response").get()).isTrue();
        Incident first = incidents().find("INC0000001").orElseThrow();
        assertThat(first.version()).as("opened, then both responses").isEqualTo(3);
        assertThat(first.state()).isEqualTo(IncidentState.NEW);
        assertThat(incidents().incidentForTweet("t2")).isPresent();
    }

    @Test
    void aMessageIsQueuedOnceAnIncidentOpenedOnce() {
        OutboundMessage message = OutboundMessage.directMessage("opened:1", "42", "hello", null);
        records().commit(Claim.expiring("a", null), Change.of(new Change.QueueMessage(message)));
        open(incident("INC0000001", "wifi", "42", T0));

        assertThatThrownBy(() -> records().commit(Claim.expiring("b", null), Change.of(new Change.QueueMessage(message))))
                .isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> records().commit(Claim.expiring("c", null),
                Change.of(new Change.OpenIncident(incident("INC0000001", "vpn", "43", T0))))).isInstanceOf(Conflict.class);
        assertThat(incidents().find("INC0000001").orElseThrow().service()).isEqualTo("wifi");
    }

    @Test
    void incidentsMoveOnlyFromTheStateTheyWereReadIn() {
        open(incident("INC0000001", "wifi", "42", T0));
        Instant later = T0.plusSeconds(60);

        records().commit(Claim.expiring("move", null), Change.of(
                new Change.MoveIncident("INC0000001", IncidentState.NEW, IncidentState.ON_HOLD, later)));
        records().commit(Claim.expiring("assign", null), Change.of(
                new Change.EditIncident("INC0000001", IncidentState.ON_HOLD, null, null, "dana", later)));
        Incident held = incidents().find("INC0000001").orElseThrow();
        assertThat(held.state()).isEqualTo(IncidentState.ON_HOLD);
        assertThat(held.assignee()).isEqualTo("dana");
        assertThat(held.updatedAt()).isEqualTo(later);
        assertThat(held.firstRespondedAt()).isNull();

        Resolution fix = new Resolution(Resolution.Source.STAFF, "https://kb/1", "dana", later.plusSeconds(60));
        records().commit(Claim.expiring("resolve", null), Change.of(
                new Change.ResolveIncident("INC0000001", IncidentState.ON_HOLD, fix)));
        Incident resolved = incidents().find("INC0000001").orElseThrow();
        assertThat(resolved.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(resolved.resolution()).isEqualTo(fix);
        assertThat(resolved.firstRespondedAt()).isEqualTo(fix.at());
        assertThat(resolved.assignee()).isEqualTo("dana");
    }

    @Test
    void everyWriteToAnIncidentCountsAVersionAndVersionedEditsNeedTheCurrentOne() {
        open(incident("INC0000001", "wifi", "42", T0));
        assertThat(incidents().find("INC0000001").orElseThrow().version()).isEqualTo(1);
        records().commit(Claim.expiring("flag", null), Change.of(new Change.FlagIncident("INC0000001", "x")));
        records().commit(Claim.expiring("first", null), Change.of(new Change.RespondFirst("INC0000001", T0)));
        records().commit(Claim.expiring("link", null), Change.of(new Change.LinkIncident("INC0000001", "OUT0000001", T0, false)));
        assertThat(incidents().find("INC0000001").orElseThrow().version()).isEqualTo(4);

        assertThatThrownBy(() -> records().commit(Claim.expiring("stale", null), Change.of(
                new Change.EditIncident("INC0000001", IncidentState.NEW, null, null, "dana", T0, 3L, false),
                new Change.AddNote("INC0000001", new TimelineEntry("n1", T0, TimelineEntry.Kind.WORK_NOTE, "dana", "stale")))))
                .isInstanceOf(Conflict.class);
        assertThat(incidents().timeline("INC0000001")).isEmpty();
        assertThat(incidents().find("INC0000001").orElseThrow().assignee()).isNull();

        assertThat(records().commit(Claim.expiring("current", null), Change.of(
                new Change.EditIncident("INC0000001", IncidentState.NEW, null, null, null, T0.plusSeconds(5), 4L, true)))).isTrue();
        Incident touched = incidents().find("INC0000001").orElseThrow();
        assertThat(touched.version()).isEqualTo(5);
        assertThat(touched.updatedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(touched.firstRespondedAt()).as("kept from before").isEqualTo(T0);
    }

    @Test
    void closedTotalsAddUpWithTheMoveThatClosesEachIncident() {
        assertThat(incidents().closedTotals()).isEqualTo(IncidentTotals.NONE);
        Resolution fix = new Resolution(Resolution.Source.COMMUNITY, "cache", "43", T0.plusSeconds(600));
        for (String number : List.of("INC0000001", "INC0000002")) {
            open(incident(number, "wifi", "42", T0));
            records().commit(Claim.expiring("flag:" + number, null), Change.of(
                    new Change.FlagIncident(number, Incident.FLAG_RESOLUTION_BREACHED)));
            records().commit(Claim.expiring("resolve:" + number, null), Change.of(
                    new Change.ResolveIncident(number, IncidentState.NEW, fix)));
            Incident resolved = incidents().find(number).orElseThrow();
            assertThat(records().commit(Claim.expiring("close:" + number, null), Change.of(
                    new Change.MoveIncident(number, IncidentState.RESOLVED, IncidentState.CLOSED, T0.plusSeconds(900)),
                    new Change.FoldIntoClosedTotals(IncidentTotals.of(resolved))))).isTrue();
        }
        // A close whose move no longer holds adds nothing.
        assertThatThrownBy(() -> records().commit(Claim.expiring("close-again", null), Change.of(
                new Change.MoveIncident("INC0000001", IncidentState.RESOLVED, IncidentState.CLOSED, T0),
                new Change.FoldIntoClosedTotals(IncidentTotals.of(incidents().find("INC0000001").orElseThrow())))))
                .isInstanceOf(Conflict.class);

        assertThat(incidents().closedTotals()).isEqualTo(new IncidentTotals(2, 2, 1_200, 2, 1_200, 2,
                java.util.Map.of("P3", 2L), java.util.Map.of("wifi", 2L)));
    }

    @Test
    void theFirstResponseIsKeptAndFlagsAdd() {
        open(incident("INC0000001", "wifi", "42", T0));
        records().commit(Claim.expiring("a", null), Change.of(new Change.RespondFirst("INC0000001", T0.plusSeconds(10))));
        records().commit(Claim.expiring("b", null), Change.of(new Change.RespondFirst("INC0000001", T0.plusSeconds(20)),
                new Change.AddNote("INC0000001", new TimelineEntry("x", T0, TimelineEntry.Kind.WORK_NOTE, null, "x"))));
        records().commit(Claim.expiring("c", null), Change.of(new Change.FlagIncident("INC0000001", "one")));
        records().commit(Claim.expiring("d", null), Change.of(new Change.FlagIncident("INC0000001", "two")));

        Incident incident = incidents().find("INC0000001").orElseThrow();
        assertThat(incident.firstRespondedAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(incident.flags()).containsExactlyInAnyOrder("one", "two");
        assertThatThrownBy(() -> records().commit(Claim.expiring("e", null),
                Change.of(new Change.FlagIncident("INC0000404", "one")))).isInstanceOf(Conflict.class);
    }

    @Test
    void linkingToAnOutageAnswersTheReporterOnlyWhenTheyAreTold() {
        open(incident("INC0000001", "wifi", "42", T0));
        open(incident("INC0000002", "wifi", "43", T0));
        records().commit(Claim.expiring("a", null), Change.of(new Change.LinkIncident("INC0000001", "OUT0000001", T0.plusSeconds(5), true)));
        records().commit(Claim.expiring("b", null), Change.of(new Change.LinkIncident("INC0000002", "OUT0000001", T0.plusSeconds(5), false)));

        assertThat(incidents().find("INC0000001").orElseThrow().firstRespondedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(incidents().find("INC0000002").orElseThrow().firstRespondedAt()).isNull();
        assertThat(incidents().list(IncidentQuery.openOf("wifi", "OUT0000001", 10, null)).incidents())
                .extracting(Incident::number).containsExactlyInAnyOrder("INC0000001", "INC0000002");
        assertThatThrownBy(() -> records().commit(Claim.expiring("c", null),
                Change.of(new Change.LinkIncident("INC0000404", "OUT0000001", T0, true)))).isInstanceOf(Conflict.class);
    }

    @Test
    void theTimelineReadsInTimeOrder() {
        open(incident("INC0000001", "wifi", "42", T0));
        records().commit(Claim.expiring("a", null), Change.of(
                new Change.AddNote("INC0000001", new TimelineEntry("late", T0.plusSeconds(20), TimelineEntry.Kind.WORK_NOTE, null, "2")),
                new Change.AddNote("INC0000001", new TimelineEntry("early", T0.plusSeconds(10), TimelineEntry.Kind.WORK_NOTE, null, "1"))));

        assertThat(incidents().timeline("INC0000001")).extracting(TimelineEntry::text).containsExactly("1", "2");
    }

    @Test
    void listingsAreNewestFirstAndPageThroughEverything() {
        for (int i = 1; i <= 5; i++) {
            open(incident(Incident.numberOf(i), i % 2 == 0 ? "vpn" : "wifi", "42", T0.plusSeconds(i)));
        }
        records().commit(Claim.expiring("close", null), Change.of(
                new Change.MoveIncident("INC0000005", IncidentState.NEW, IncidentState.CANCELED, T0.plusSeconds(9))));

        assertThat(incidents().byReporter("42", 2)).extracting(Incident::number).containsExactly("INC0000005", "INC0000004");
        assertThat(incidents().list(IncidentQuery.openOf("wifi", null, 10, null)).incidents())
                .extracting(Incident::number).containsExactly("INC0000003", "INC0000001");
        assertThat(incidents().listAll(IncidentQuery.inState(IncidentState.NEW))).hasSize(4);
        List<String> paged = new ArrayList<>();
        String token = null;
        do {
            var page = incidents().list(new IncidentQuery(null, null, null, false, null, 2, token));
            assertThat(page.incidents()).hasSizeLessThanOrEqualTo(2);
            page.incidents().forEach(incident -> paged.add(incident.number()));
            token = page.nextPageToken();
        } while (token != null);
        assertThat(paged).containsExactly("INC0000005", "INC0000004", "INC0000003", "INC0000002", "INC0000001");
        assertThatThrownBy(() -> incidents().list(new IncidentQuery(null, null, null, false, null, 2, "not-a-token")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sequencesNeverRepeatAndCountsAdd() {
        long first = records().nextSequence("OUTAGE");
        long block = records().reserveSequence("OUTAGE", 10);
        assertThat(block).isEqualTo(first + 10);
        assertThat(records().count("reports:wifi:1", T0.plus(Duration.ofHours(1)))).isEqualTo(1);
        assertThat(records().count("reports:wifi:1", T0.plus(Duration.ofHours(1)))).isEqualTo(2);
        assertThat(records().count("reports:vpn:1", T0.plus(Duration.ofHours(1)))).isEqualTo(1);
    }

    @Test
    void countsMadeSideBySideEachGetTheirOwnPlace() throws Exception {
        DeskRecords records = records();
        List<Future<Long>> counts = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 40; i++) {
                counts.add(threads.submit(() -> records.count("reports:wifi:1", T0.plus(Duration.ofHours(1)))));
            }
        }
        List<Long> places = new ArrayList<>();
        for (Future<Long> count : counts) {
            places.add(count.get());
        }
        assertThat(places).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 40).boxed().toList());
        assertThat(records.count("reports:wifi:1", T0.plus(Duration.ofHours(1)))).isEqualTo(41);
    }

    @Test
    void readsOfTheActiveOutageMadeSideBySideSeeWhatWasDeclaredBeforeThem() throws Exception {
        OutageStore outages = outages();
        assertThat(outages.active("wifi")).isEmpty();
        Outage outage = new Outage("OUT0000001", Outage.Kind.OUTAGE, "wifi", "Wi-Fi", OutageStatus.INVESTIGATING,
                "down", null, null, null, T0, T0, null, "a1", 1);
        records().commit(Claim.expiring("announcement:a1", null), Change.of(new Change.SaveOutage(outage),
                new Change.SetActiveOutage("wifi", "OUT0000001")));

        List<Future<Optional<Outage>>> reads = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                reads.add(threads.submit(() -> outages.active("wifi")));
            }
        }
        for (Future<Optional<Outage>> read : reads) {
            assertThat(read.get()).contains(outage);
        }
    }

    @Test
    void anOutageMovesOnOneVersionAtATimeAndAServiceHasOneActiveOutage() {
        Outage outage = new Outage("OUT0000001", Outage.Kind.OUTAGE, "wifi", "Wi-Fi", OutageStatus.INVESTIGATING,
                "down", null, null, null, T0, T0, null, "a1", 1);
        records().commit(Claim.expiring("announcement:a1", null), Change.of(new Change.SaveOutage(outage),
                new Change.SetActiveOutage("wifi", "OUT0000001"),
                new Change.AddOutageUpdate("OUT0000001", new OutageUpdate("a1", T0, AnnouncementKind.OUTAGE, OutageStatus.INVESTIGATING, "down"))));
        assertThat(outages().active("wifi")).contains(outage);

        Outage identified = outage.next(OutageStatus.IDENTIFIED, "15:00", T0.plusSeconds(60));
        assertThatThrownBy(() -> records().commit(Claim.expiring("announcement:a2", null), Change.of(
                new Change.SaveOutage(identified.next(OutageStatus.MONITORING, null, T0.plusSeconds(90))))))
                .isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> records().commit(Claim.expiring("announcement:a2", null), Change.of(
                new Change.SetActiveOutage("wifi", "OUT0000002")))).isInstanceOf(Conflict.class);
        records().commit(Claim.expiring("announcement:a2", null), Change.of(new Change.SaveOutage(identified),
                new Change.AddOutageUpdate("OUT0000001", new OutageUpdate("a2", T0.plusSeconds(60), AnnouncementKind.UPDATE, OutageStatus.IDENTIFIED, "found"))));
        assertThat(outages().find("OUT0000001")).contains(identified);
        assertThat(outages().updates("OUT0000001")).extracting(OutageUpdate::announcementId).containsExactly("a1", "a2");

        assertThatThrownBy(() -> records().commit(Claim.expiring("announcement:a3", null), Change.of(
                new Change.ClearActiveOutage("wifi", "OUT0000009")))).isInstanceOf(Conflict.class);
        records().commit(Claim.expiring("announcement:a3", null), Change.of(new Change.ClearActiveOutage("wifi", "OUT0000001")));
        assertThat(outages().active("wifi")).isEmpty();
        assertThat(outages().recent(10)).extracting(Outage::id).containsExactly("OUT0000001");
    }

    @Test
    void announcementsArePublishedOnceAndReadNewestFirst() {
        Announcement first = new Announcement("a1", AnnouncementKind.KB, "wifi", "Wi-Fi", "#kb #wifi https://kb/1", null,
                null, null, null, null, "https://kb/1", "staff", "t1", T0);
        Announcement second = new Announcement("a2", AnnouncementKind.MAINTENANCE, "vpn", "VPN", "#maintenance #vpn", "OUT0000002",
                OutageStatus.SCHEDULED, "23:30", T0.plusSeconds(3600), T0.plusSeconds(7200), null, "staff", null, T0.plusSeconds(60));
        records().commit(Claim.expiring("a1", null), Change.of(new Change.PublishAnnouncement(first)));
        records().commit(Claim.expiring("a2", null), Change.of(new Change.PublishAnnouncement(second)));

        assertThatThrownBy(() -> records().commit(Claim.expiring("a1 again", null),
                Change.of(new Change.PublishAnnouncement(first)))).isInstanceOf(Conflict.class);
        assertThat(outages().recentAnnouncements(10)).containsExactly(second, first);
        assertThat(outages().recentAnnouncements(1)).containsExactly(second);
    }
}
