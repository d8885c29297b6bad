package servicedesk.broadcast;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import servicedesk.incident.Incident;
import servicedesk.incident.IncidentPage;
import servicedesk.incident.IncidentQuery;
import servicedesk.incident.IncidentStore;
import servicedesk.incident.Resolution;
import servicedesk.incident.TimelineEntry;
import servicedesk.notify.OutboundMessage;
import servicedesk.outage.Announcement;
import servicedesk.outage.AnnouncementKind;
import servicedesk.records.Change;
import servicedesk.records.Claim;
import servicedesk.records.Conflict;
import servicedesk.records.DeskRecords;

/**
 * Tells the people an outage affects, a page of incidents at a time: an outage links every open incident
 * of its service and DMs each reporter once; its resolution resolves the linked incidents and DMs each
 * reporter once. Claims per incident and per reporter make repeats and restarts harmless.
 */
public final class AffectedReporters {
    public static final int PAGE = 50;

    private final IncidentStore incidents;
    private final DeskRecords records;
    private final Clock clock;

    public AffectedReporters(IncidentStore incidents, DeskRecords records, Clock clock) {
        this.incidents = incidents;
        this.records = records;
        this.clock = clock;
    }

    /** Handles one page; returns the cursor of the next, or null when every affected incident is done. */
    public String handlePage(Announcement announcement, String cursor) {
        if (announcement.outageId() == null || !announcement.kind().tellsReporters()) {
            return null;
        }
        boolean resolved = announcement.kind() == AnnouncementKind.RESOLVED;
        IncidentPage page = incidents.list(IncidentQuery.openOf(announcement.service(),
                resolved ? announcement.outageId() : null, PAGE, cursor));
        // The incidents of a page are independent: write them side by side (I/O-bound, so virtual threads).
        try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (Incident incident : page.incidents()) {
                done.add(writers.submit(() -> handle(announcement, incident, resolved)));
            }
            for (Future<?> each : done) {
                each.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while telling affected reporters", e);
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(failed.getCause());
        }
        return page.nextPageToken();
    }

    private void handle(Announcement announcement, Incident incident, boolean resolved) {
        Claim claim = Claim.expiring((resolved ? "outage-resolved:" : "outage-linked:")
                + announcement.outageId() + ":" + incident.number(), null);
        String toldKey = OutboundMessage.outageNoticeKey(announcement.outageId(), resolved, incident.reporter().userId());
        for (int attempt = 0; attempt < 2; attempt++) {
            Instant now = clock.instant();
            List<Change.Write> writes = new ArrayList<>();
            // Read first because it decides what to write; the told claim goes in the same commit, so a
            // race between two incidents of one reporter ends in a Conflict, not in a second DM.
            boolean tell = !records.isClaimed(toldKey);
            if (resolved) {
                writes.add(new Change.ResolveIncident(incident.number(), incident.state(), new Resolution(
                        Resolution.Source.OUTAGE, "Resolved with outage " + announcement.outageId(), announcement.authorId(), now)));
                writes.add(new Change.AddNote(incident.number(), new TimelineEntry(claim.key(), now,
                        TimelineEntry.Kind.STATE_CHANGED, announcement.authorId(),
                        "Resolved with outage " + announcement.outageId())));
            } else {
                writes.add(new Change.LinkIncident(incident.number(), announcement.outageId(), now, tell));
                writes.add(new Change.AddNote(incident.number(), new TimelineEntry(claim.key(), now,
                        TimelineEntry.Kind.STATE_CHANGED, announcement.authorId(),
                        "Linked to outage " + announcement.outageId())));
            }
            if (tell) {
                writes.add(new Change.AlsoClaim(Claim.expiring(toldKey, null)));
                // An outage notice is news the reporter did not ask for; the resolution answers their report. Both
                // wait behind acknowledgements and go in report order (the sender's plan).
                writes.add(new Change.QueueMessage(OutboundMessage.outageNotice(toldKey, incident.reporter().userId(),
                        resolved ? BroadcastWording.resolvedNotice(incident, announcement)
                                : BroadcastWording.outageNotice(incident, announcement),
                        incident.number(), incident.openedAt(), !resolved)));
            }
            try {
                records.commit(claim, Change.of(writes));
                return;
            } catch (Conflict raced) {
                // Another incident of the same reporter told them first, or the incident moved: read again.
                incident = incidents.find(incident.number()).orElse(incident);
                if (!incident.isOpen()) {
                    return;
                }
            }
        }
    }
}
