package servicedesk.broadcast;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import servicedesk.catalog.Service;
import servicedesk.catalog.ServiceCatalog;
import servicedesk.format.WebLink;
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

/**
 * Staff announcements: checks what staff asked for, moves the service's outage through its lifecycle,
 * and publishes the announcement (stored for the status feed, relayed to the SNS topic by the table's
 * stream). Announcing the same thing twice (a redelivered tweet, a retried API call) changes nothing.
 */
public final class Broadcasts {

    public sealed interface Result {
        record Announced(Announcement announcement) implements Result {
        }

        record AlreadyAnnounced() implements Result {
        }

        /** The draft cannot be announced; {@code reason} says why, in words staff can act on. */
        record Rejected(String reason) implements Result {
        }
    }

    private final ServiceCatalog catalog;
    private final OutageStore outages;
    private final DeskRecords records;
    private final Clock clock;

    public Broadcasts(ServiceCatalog catalog, OutageStore outages, DeskRecords records, Clock clock) {
        this.catalog = catalog;
        this.outages = outages;
        this.records = records;
        this.clock = clock;
    }

    /**
     * @param announcementId unique per announcement and stable across retries (the tweet id, the API's
     *                       idempotency key)
     */
    public Result announce(AnnouncementDraft draft, String announcementId) {
        return announce(draft, announcementId, List.of());
    }

    /** As {@link #announce(AnnouncementDraft, String)}, with more writes to make in the same transaction. */
    public Result announce(AnnouncementDraft draft, String announcementId, List<Change.Write> alongside) {
        Claim claim = Claim.expiring("announcement:" + announcementId, null);
        // The claim is read first, though the commit claims it too: planning reserves an outage number (a
        // counter write) and reads the outages, which a redelivered announcement then does not repeat.
        if (records.isClaimed(claim.key())) {
            return new Result.AlreadyAnnounced();
        }
        Optional<Service> service = draft.service() == null ? Optional.empty() : catalog.find(draft.service());
        if (service.isEmpty()) {
            return new Result.Rejected("Announcements need a known service hashtag (" + hashtags() + ")");
        }
        // Posted as it is from the IT account: one post, never cut short or split into a thread of our making.
        int length = PostLength.of(draft.text());
        if (length > PostLength.LIMIT) {
            return new Result.Rejected("The announcement is " + length + " characters as X counts them (links count "
                    + "23 each) and one post holds " + PostLength.LIMIT + ": shorten it, or post the details as a #kb link");
        }
        for (int attempt = 0; ; attempt++) {
            try {
                Plan plan = plan(draft, announcementId, service.get(), clock.instant());
                if (plan.rejection() != null) {
                    return new Result.Rejected(plan.rejection());
                }
                List<Change.Write> writes = new ArrayList<>(plan.writes());
                writes.addAll(alongside);
                return records.commit(claim, Change.of(writes))
                        ? new Result.Announced(plan.announcement()) : new Result.AlreadyAnnounced();
            } catch (Conflict raced) {
                if (attempt >= 2) {
                    throw raced;
                }
                // Another announcement about the same outage got in first: read it again and redo.
            }
        }
    }

    /** The announcement and the writes that make it, or why it cannot be made. */
    private record Plan(Announcement announcement, List<Change.Write> writes, String rejection) {
        static Plan rejected(String reason) {
            return new Plan(null, List.of(), reason);
        }
    }

    private Plan plan(AnnouncementDraft draft, String announcementId, Service service, Instant now) {
        List<Change.Write> writes = new ArrayList<>();
        Optional<Outage> active = outages.active(service.hashtag());
        Outage outage = null;
        OutageStatus status = null;
        switch (draft.kind()) {
            case OUTAGE, UPDATE -> {
                if (active.isPresent()) {
                    Outage current = active.get();
                    outage = current.next(AnnouncementText.statusNamed(draft.text()).orElse(current.status()),
                            draft.eta() != null ? draft.eta() : current.eta(), now);
                } else if (draft.kind() == AnnouncementKind.OUTAGE) {
                    long sequence = records.nextSequence("OUTAGE");
                    outage = new Outage(Outage.idOf(sequence), Outage.Kind.OUTAGE, service.hashtag(), service.name(),
                            AnnouncementText.statusNamed(draft.text()).orElse(OutageStatus.INVESTIGATING), draft.text(),
                            draft.eta(), null, null, now, now, null, announcementId, 1);
                    writes.add(new Change.SetActiveOutage(service.hashtag(), outage.id()));
                } else {
                    Optional<Outage> maintenance = openMaintenance(service.hashtag(), now);
                    if (maintenance.isPresent()) {
                        outage = maintenance.get().next(maintenance.get().status(), draft.eta(), now);
                    }
                }
            }
            case RESOLVED -> {
                if (active.isPresent()) {
                    outage = active.get().next(OutageStatus.RESOLVED, active.get().eta(), now);
                    writes.add(new Change.ClearActiveOutage(service.hashtag(), outage.id()));
                } else {
                    Optional<Outage> maintenance = openMaintenance(service.hashtag(), now);
                    if (maintenance.isEmpty()) {
                        return Plan.rejected("#" + service.hashtag() + " has no active outage or maintenance to resolve");
                    }
                    outage = maintenance.get().next(OutageStatus.COMPLETED, maintenance.get().eta(), now);
                }
            }
            case MAINTENANCE -> {
                if (draft.windowStart() == null || draft.windowEnd() == null) {
                    return Plan.rejected("#maintenance needs a window in UTC, like 2025-11-29 22:00-23:30");
                }
                long sequence = records.nextSequence("OUTAGE");
                outage = new Outage(Outage.idOf(sequence), Outage.Kind.MAINTENANCE, service.hashtag(), service.name(),
                        OutageStatus.SCHEDULED, draft.text(), draft.eta(), draft.windowStart(), draft.windowEnd(), now, now,
                        null, announcementId, 1);
            }
            case KB -> {
                if (!WebLink.isSafe(draft.link())) {
                    return Plan.rejected("#kb needs an http or https link to the knowledge article");
                }
            }
        }
        if (outage != null) {
            status = outage.statusAt(now);
            writes.add(new Change.SaveOutage(outage));
            writes.add(new Change.AddOutageUpdate(outage.id(),
                    new OutageUpdate(announcementId, now, draft.kind(), status, draft.text())));
        }
        Announcement announcement = new Announcement(announcementId, draft.kind(), service.hashtag(), service.name(),
                draft.text(), outage == null ? null : outage.id(), status, outage == null ? draft.eta() : outage.eta(),
                outage == null ? draft.windowStart() : outage.windowStart(),
                outage == null ? draft.windowEnd() : outage.windowEnd(), WebLink.orNull(draft.link()), draft.authorId(),
                draft.sourceTweetId(), now);
        writes.add(new Change.PublishAnnouncement(announcement));
        return new Plan(announcement, writes, null);
    }

    private Optional<Outage> openMaintenance(String service, Instant now) {
        return outages.recent(50).stream()
                .filter(outage -> outage.kind() == Outage.Kind.MAINTENANCE && outage.service().equals(service)
                        && !outage.statusAt(now).isOver())
                .findFirst();
    }

    private String hashtags() {
        return String.join(" ", catalog.all().stream().map(service -> "#" + service.hashtag()).toList());
    }
}
