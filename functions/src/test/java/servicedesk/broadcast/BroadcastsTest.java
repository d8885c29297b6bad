package servicedesk.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import servicedesk.outage.Announcement;
import servicedesk.outage.AnnouncementKind;
import servicedesk.outage.Outage;
import servicedesk.outage.OutageStatus;
import servicedesk.outage.OutageUpdate;
import servicedesk.testing.MemoryCatalog;
import servicedesk.testing.MemoryDesk;
import servicedesk.testing.MutableClock;

/** Staff announcements moving outages and maintenance through their lifecycles, on an in-memory desk. */
class BroadcastsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-11-22T10:00:00Z"));
    private final MemoryDesk desk = new MemoryDesk();
    private final Broadcasts broadcasts = new Broadcasts(new MemoryCatalog(), desk.outages(), desk, clock);

    private Broadcasts.Result announce(AnnouncementKind kind, String service, String text, String id) {
        return broadcasts.announce(AnnouncementText.fromTweet(text, List.of(), "staff", id, kind, service), id);
    }

    @Test
    void anOutageIsDeclaredUpdatedAndResolvedAsOneStory() {
        Broadcasts.Result declared = announce(AnnouncementKind.OUTAGE, "wifi", "#outage #wifi down. ETA 15:00 UTC", "t1");
        assertThat(declared).isInstanceOf(Broadcasts.Result.Announced.class);
        Outage outage = desk.outages().active("wifi").orElseThrow();
        assertThat(outage.id()).isEqualTo("OUT0000001");
        assertThat(outage.status()).isEqualTo(OutageStatus.INVESTIGATING);
        assertThat(outage.eta()).isEqualTo("15:00 UTC");

        clock.advance(Duration.ofMinutes(10));
        announce(AnnouncementKind.UPDATE, "wifi", "#update #wifi cause identified", "t2");
        assertThat(desk.outages().find("OUT0000001").orElseThrow().status()).isEqualTo(OutageStatus.IDENTIFIED);

        clock.advance(Duration.ofMinutes(10));
        Broadcasts.Result resolved = announce(AnnouncementKind.RESOLVED, "wifi", "#resolved #wifi back", "t3");
        assertThat(((Broadcasts.Result.Announced) resolved).announcement().outageId()).isEqualTo("OUT0000001");
        assertThat(desk.outages().active("wifi")).isEmpty();
        Outage over = desk.outages().find("OUT0000001").orElseThrow();
        assertThat(over.status()).isEqualTo(OutageStatus.RESOLVED);
        assertThat(over.resolvedAt()).isEqualTo(clock.instant());
        assertThat(over.version()).isEqualTo(3);
        assertThat(desk.outages().updates("OUT0000001")).extracting(OutageUpdate::status)
                .containsExactly(OutageStatus.INVESTIGATING, OutageStatus.IDENTIFIED, OutageStatus.RESOLVED);
        assertThat(desk.outages().recentAnnouncements(10)).extracting(Announcement::id).containsExactly("t3", "t2", "t1");
    }

    @Test
    void theSameAnnouncementTwiceChangesNothing() {
        announce(AnnouncementKind.OUTAGE, "wifi", "#outage #wifi down", "t1");

        assertThat(announce(AnnouncementKind.OUTAGE, "wifi", "#outage #wifi down", "t1"))
                .isInstanceOf(Broadcasts.Result.AlreadyAnnounced.class);
        assertThat(desk.outages().recent(10)).hasSize(1);
        assertThat(desk.stream()).hasSize(1);
    }

    @Test
    void aSecondOutageOfTheServiceUpdatesTheActiveOne() {
        announce(AnnouncementKind.OUTAGE, "wifi", "#outage #wifi down", "t1");
        announce(AnnouncementKind.OUTAGE, "wifi", "#outage #wifi still down, monitoring", "t2");

        assertThat(desk.outages().recent(10)).singleElement()
                .satisfies(outage -> assertThat(outage.status()).isEqualTo(OutageStatus.MONITORING));
    }

    @Test
    void whatCannotBeAnnouncedIsRejectedWithAReason() {
        assertThat(announce(AnnouncementKind.RESOLVED, "wifi", "#resolved #wifi", "t1"))
                .isEqualTo(new Broadcasts.Result.Rejected("#wifi has no active outage or maintenance to resolve"));
        assertThat(announce(AnnouncementKind.OUTAGE, "nosuch", "#outage #nosuch", "t2"))
                .isInstanceOf(Broadcasts.Result.Rejected.class);
        assertThat(announce(AnnouncementKind.MAINTENANCE, "vpn", "#maintenance #vpn tonight", "t3"))
                .isEqualTo(new Broadcasts.Result.Rejected("#maintenance needs a window in UTC, like 2025-11-29 22:00-23:30"));
        assertThat(announce(AnnouncementKind.KB, "vpn", "#kb #vpn read this", "t4"))
                .isEqualTo(new Broadcasts.Result.Rejected("#kb needs an http or https link to the knowledge article"));
        assertThat(desk.stream()).isEmpty();
    }

    @Test
    void anAnnouncementIsOnePostAsXCountsItOrRefused() {
        String link = "https://kb.example.edu/" + "a".repeat(200);
        String fits = "#kb #vpn " + "x".repeat(280 - 9 - 24) + " " + link;
        assertThat(PostLength.of(fits)).isEqualTo(280);
        assertThat(broadcasts.announce(AnnouncementText.fromApi(AnnouncementKind.KB, "vpn", fits, null, null, null,
                link, "staff"), "a1")).isInstanceOf(Broadcasts.Result.Announced.class);

        Broadcasts.Result tooLong = broadcasts.announce(AnnouncementText.fromApi(AnnouncementKind.OUTAGE, "vpn",
                "x".repeat(100_000), null, null, null, null, "staff"), "a2");
        assertThat(tooLong).isInstanceOf(Broadcasts.Result.Rejected.class);
        assertThat(((Broadcasts.Result.Rejected) tooLong).reason()).contains("100013 characters as X counts them", "one post holds 280");
        // Characters outside the Latin ranges count two.
        assertThat(PostLength.of("停".repeat(140))).isEqualTo(280);
        assertThat(PostLength.of("停".repeat(141))).isEqualTo(282);
        assertThat(desk.outages().active("vpn")).isEmpty();
    }

    @Test
    void aKnowledgeArticleNeedsAnHttpLink() {
        for (String link : new String[]{"javascript:alert(1)", "data:text/html,<script>", "//kb.example.edu/1",
                "https://user@evil.example/", "https://kb.example.edu/a b"}) {
            assertThat(broadcasts.announce(AnnouncementText.fromApi(AnnouncementKind.KB, "vpn", "read", null, null, null,
                    link, "staff"), "kb-" + link.hashCode())).as(link).isInstanceOf(Broadcasts.Result.Rejected.class);
        }
        assertThat(desk.stream()).isEmpty();
    }

    @Test
    void aWindowThatIsNoDateIsUnreadableNotAFailure() {
        assertThatThrownBy(() -> AnnouncementText.fromTweet("#maintenance #vpn 2030-13-45 22:00-23:30", List.of(),
                "staff", "t1", AnnouncementKind.MAINTENANCE, "vpn"))
                .isInstanceOf(AnnouncementText.Unreadable.class).hasMessageContaining("2030-13-45 22:00-23:30");
    }

    @Test
    void maintenanceRunsThroughItsWindowByTheClock() {
        announce(AnnouncementKind.MAINTENANCE, "vpn", "#maintenance #vpn upgrade 2025-11-22 22:00-23:30", "t1");
        Outage maintenance = desk.outages().recent(1).get(0);

        assertThat(maintenance.statusAt(clock.instant())).isEqualTo(OutageStatus.SCHEDULED);
        assertThat(maintenance.statusAt(Instant.parse("2025-11-22T22:30:00Z"))).isEqualTo(OutageStatus.IN_PROGRESS);
        assertThat(maintenance.statusAt(Instant.parse("2025-11-23T00:00:00Z"))).isEqualTo(OutageStatus.COMPLETED);
        assertThat(desk.outages().active("vpn")).as("maintenance is not an outage").isEmpty();
        assertThat(announce(AnnouncementKind.RESOLVED, "vpn", "#resolved #vpn done early", "t2"))
                .isInstanceOf(Broadcasts.Result.Announced.class);
        assertThat(desk.outages().recent(1).get(0).status()).isEqualTo(OutageStatus.COMPLETED);
    }

    @Test
    void anAnnouncementMadeThroughTheApiReadsLikeAStaffTweet() {
        AnnouncementDraft draft = AnnouncementText.fromApi(AnnouncementKind.OUTAGE, "Blackboard", "Blackboard is down",
                "15:00 UTC", null, null, "https://status.example.edu", "arn:aws:iam::1:user/dana");

        assertThat(draft.text()).isEqualTo("#outage #blackboard Blackboard is down ETA 15:00 UTC https://status.example.edu");
        assertThat(AnnouncementText.fromApi(AnnouncementKind.UPDATE, "wifi", "#update #wifi fixed, ETA 15:00 UTC", "15:00 UTC",
                null, null, null, "dana").text()).isEqualTo("#update #wifi fixed, ETA 15:00 UTC");
    }
}
