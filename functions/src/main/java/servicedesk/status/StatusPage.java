package servicedesk.status;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import servicedesk.catalog.Service;
import servicedesk.catalog.ServiceCatalog;
import servicedesk.outage.Announcement;
import servicedesk.outage.AnnouncementKind;
import servicedesk.outage.Outage;
import servicedesk.outage.OutageStatus;
import servicedesk.outage.OutageStore;

/** Puts the status board together from the catalog, the outages and the announcements. */
public final class StatusPage {
    private static final int FEED = 50;
    private static final int KNOWLEDGE = 10;

    private final ServiceCatalog catalog;
    private final OutageStore outages;
    private final Supplier<Optional<Instant>> surge;
    private final Clock clock;

    /** @param surge during a surge, when the last waiting report is expected to be answered */
    public StatusPage(ServiceCatalog catalog, OutageStore outages, Supplier<Optional<Instant>> surge, Clock clock) {
        this.catalog = catalog;
        this.outages = outages;
        this.surge = surge;
        this.clock = clock;
    }

    public StatusBoard board() {
        Instant now = clock.instant();
        List<Outage> recent = outages.recent(100);
        List<StatusBoard.OutageStory> active = recent.stream()
                .filter(outage -> outage.kind() == Outage.Kind.OUTAGE && !outage.statusAt(now).isOver())
                .map(outage -> new StatusBoard.OutageStory(outage, outages.updates(outage.id())))
                .toList();
        List<Outage> maintenance = recent.stream()
                .filter(outage -> outage.kind() == Outage.Kind.MAINTENANCE && !outage.statusAt(now).isOver())
                .sorted((a, b) -> a.windowStart().compareTo(b.windowStart()))
                .toList();
        List<StatusBoard.ServiceState> services = new ArrayList<>();
        for (Service service : catalog.all()) {
            services.add(stateOf(service, active, maintenance, now));
        }
        List<Announcement> feed = outages.recentAnnouncements(FEED);
        List<Announcement> knowledge = feed.stream().filter(a -> a.kind() == AnnouncementKind.KB).limit(KNOWLEDGE).toList();
        return new StatusBoard(now, services, active, maintenance, knowledge, feed, surge.get().orElse(null));
    }

    private static StatusBoard.ServiceState stateOf(Service service, List<StatusBoard.OutageStory> active,
                                                    List<Outage> maintenance, Instant now) {
        Optional<Outage> outage = active.stream().map(StatusBoard.OutageStory::outage)
                .filter(candidate -> candidate.service().equals(service.hashtag())).findFirst();
        if (outage.isPresent()) {
            return new StatusBoard.ServiceState(service.hashtag(), service.name(), StatusBoard.State.OUTAGE,
                    outage.get().statusAt(now).label() + (outage.get().eta() == null ? "" : " · ETA " + outage.get().eta()));
        }
        Optional<Outage> running = maintenance.stream()
                .filter(window -> window.service().equals(service.hashtag()) && window.statusAt(now) == OutageStatus.IN_PROGRESS)
                .findFirst();
        if (running.isPresent()) {
            return new StatusBoard.ServiceState(service.hashtag(), service.name(), StatusBoard.State.MAINTENANCE,
                    "Maintenance in progress");
        }
        return new StatusBoard.ServiceState(service.hashtag(), service.name(), StatusBoard.State.OPERATIONAL, "");
    }
}
