package servicedesk.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import servicedesk.incident.Incident;
import servicedesk.incident.IncidentState;
import servicedesk.incident.Level;
import servicedesk.incident.Priority;
import servicedesk.incident.Reporter;
import servicedesk.incident.Resolution;
import servicedesk.incident.ResponseTargets;
import servicedesk.notify.OutboundMessage;
import servicedesk.outage.Announcement;
import servicedesk.outage.AnnouncementKind;
import servicedesk.records.Change;
import servicedesk.records.Claim;
import servicedesk.testing.MemoryDesk;
import servicedesk.testing.MutableClock;

/** An outage's affected reporters: linked and told once, resolved and told once, page by page. */
class AffectedReportersTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-11-22T10:00:00Z"));
    private final MemoryDesk desk = new MemoryDesk();
    private final AffectedReporters reporters = new AffectedReporters(desk.incidents(), desk, clock);

    private void report(int number, String service, String reporter) {
        Incident incident = Incident.open(Incident.numberOf(number), Priority.P3, Level.MEDIUM, Level.MEDIUM, service,
                new Reporter(reporter, "user" + reporter), "t" + number, null, "down", Set.of(),
                new ResponseTargets.Target(Duration.ofHours(4), Duration.ofDays(3)), null, clock.instant());
        desk.commit(Claim.tweet("t" + number, incident.number()), Change.of(new Change.OpenIncident(incident)));
        clock.advance(Duration.ofSeconds(1));
    }

    private static Announcement announcement(AnnouncementKind kind, String id) {
        return new Announcement(id, kind, "wifi", "Campus Wi-Fi", "#" + kind.hashtag() + " #wifi", "OUT0000001", null,
                "15:00 UTC", null, null, null, "staff", null, Instant.parse("2025-11-22T10:05:00Z"));
    }

    /** Every page, as the handler goes through them. */
    private int handleAll(Announcement announcement) {
        int pages = 0;
        String cursor = null;
        do {
            cursor = reporters.handlePage(announcement, cursor);
            pages++;
        } while (cursor != null);
        return pages;
    }

    private List<OutboundMessage> dmsTo(String reporter) {
        return desk.queued().stream().filter(message -> reporter.equals(message.recipientId())).toList();
    }

    @Test
    void anOutageLinksEveryOpenIncidentAndTellsEachReporterOnce() {
        report(1, "wifi", "42");
        report(2, "wifi", "42");
        report(3, "wifi", "43");
        report(4, "vpn", "44");

        handleAll(announcement(AnnouncementKind.OUTAGE, "a1"));
        handleAll(announcement(AnnouncementKind.OUTAGE, "a1"));

        assertThat(List.of("INC0000001", "INC0000002", "INC0000003")).allSatisfy(number ->
                assertThat(desk.incidents().find(number).orElseThrow().outageId()).isEqualTo("OUT0000001"));
        assertThat(desk.incidents().find("INC0000004").orElseThrow().outageId()).isNull();
        assertThat(dmsTo("42")).singleElement().satisfies(dm -> {
            assertThat(dm.unsolicited()).isTrue();
            assertThat(dm.text()).contains("OUT0000001", "ETA 15:00 UTC");
        });
        assertThat(dmsTo("43")).hasSize(1);
        assertThat(dmsTo("44")).isEmpty();
    }

    @Test
    void theResolutionResolvesTheLinkedIncidentsAndTellsEachReporterOnce() {
        report(1, "wifi", "42");
        report(2, "wifi", "43");
        handleAll(announcement(AnnouncementKind.OUTAGE, "a1"));
        report(3, "wifi", "44");

        handleAll(announcement(AnnouncementKind.RESOLVED, "a2"));
        handleAll(announcement(AnnouncementKind.RESOLVED, "a2"));

        Incident resolved = desk.incidents().find("INC0000001").orElseThrow();
        assertThat(resolved.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(resolved.resolution().source()).isEqualTo(Resolution.Source.OUTAGE);
        assertThat(desk.incidents().find("INC0000003").orElseThrow().state()).as("not linked").isEqualTo(IncidentState.NEW);
        assertThat(dmsTo("42")).hasSize(2).last().satisfies(dm -> {
            assertThat(dm.unsolicited()).as("a resolution answers their report").isFalse();
            assertThat(dm.text()).contains("INC0000001 is resolved");
        });
        assertThat(dmsTo("44")).isEmpty();
    }

    @Test
    void aLargeOutageIsWorkedThroughPageByPage() {
        for (int i = 1; i <= AffectedReporters.PAGE + 5; i++) {
            report(i, "wifi", Integer.toString(1000 + i));
        }

        assertThat(handleAll(announcement(AnnouncementKind.OUTAGE, "a1"))).isEqualTo(2);
        assertThat(desk.queued()).hasSize(AffectedReporters.PAGE + 5);
    }

    @Test
    void otherAnnouncementsTellNobody() {
        report(1, "wifi", "42");

        assertThat(reporters.handlePage(announcement(AnnouncementKind.UPDATE, "a1"), null)).isNull();
        assertThat(desk.queued()).isEmpty();
    }
}
