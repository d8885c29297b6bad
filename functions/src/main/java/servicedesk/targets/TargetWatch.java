package servicedesk.targets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import servicedesk.incident.Escalation;
import servicedesk.incident.Incident;
import servicedesk.incident.IncidentQuery;
import servicedesk.incident.IncidentState;
import servicedesk.incident.IncidentStore;
import servicedesk.incident.IncidentTotals;
import servicedesk.incident.TimelineEntry;
import servicedesk.records.Change;
import servicedesk.records.Claim;
import servicedesk.records.DeskRecords;

/**
 * Watches response targets: an open incident past its first-response or resolution target is flagged as
 * breached and escalated to on-call, once per breach; a resolved incident closes after a set number of days,
 * folded into the closed totals as it closes. It reads incidents by state (an index keyed on state), so a
 * round reads the incidents in hand and never the closed ones, however many there are.
 */
public final class TargetWatch {
    /** What one round found and did. */
    public record Round(int checked, int firstResponseBreaches, int resolutionBreaches, int closed) {
    }

    private final IncidentStore incidents;
    private final DeskRecords records;
    private final Duration closeResolvedAfter;
    private final Clock clock;

    public TargetWatch(IncidentStore incidents, DeskRecords records, Duration closeResolvedAfter, Clock clock) {
        this.incidents = incidents;
        this.records = records;
        this.closeResolvedAfter = closeResolvedAfter;
        this.clock = clock;
    }

    public Round run() {
        Instant now = clock.instant();
        int checked = 0;
        int firstResponse = 0;
        int resolution = 0;
        for (IncidentState state : List.of(IncidentState.NEW, IncidentState.IN_PROGRESS, IncidentState.ON_HOLD)) {
            for (Incident incident : incidents.listAll(IncidentQuery.inState(state))) {
                checked++;
                if (incident.firstRespondedAt() == null && now.isAfter(incident.firstResponseDue())
                        && breach(incident, Incident.FLAG_FIRST_RESPONSE_BREACHED, Escalation.Kind.FIRST_RESPONSE_BREACHED,
                        "has had no first response; it was due " + incident.firstResponseDue(), now)) {
                    firstResponse++;
                }
                if (now.isAfter(incident.resolutionDue())
                        && breach(incident, Incident.FLAG_RESOLUTION_BREACHED, Escalation.Kind.RESOLUTION_BREACHED,
                        "is not resolved; it was due " + incident.resolutionDue(), now)) {
                    resolution++;
                }
            }
        }
        int closed = 0;
        for (Incident incident : incidents.listAll(IncidentQuery.inState(IncidentState.RESOLVED))) {
            checked++;
            if (incident.resolution() != null && now.isAfter(incident.resolution().at().plus(closeResolvedAfter))
                    && records.commit(Claim.expiring("closed:" + incident.number(), null), Change.of(
                    new Change.MoveIncident(incident.number(), IncidentState.RESOLVED, IncidentState.CLOSED, now),
                    new Change.FoldIntoClosedTotals(IncidentTotals.of(incident)),
                    new Change.AddNote(incident.number(), new TimelineEntry("closed:" + incident.number(), now,
                            TimelineEntry.Kind.STATE_CHANGED, null,
                            "Closed " + closeResolvedAfter.toDays() + " days after resolution"))))) {
                closed++;
            }
        }
        return new Round(checked, firstResponse, resolution, closed);
    }

    private boolean breach(Incident incident, String flag, Escalation.Kind kind, String what, Instant now) {
        if (incident.flags().contains(flag)) {
            return false;
        }
        String id = kind.name().toLowerCase() + ":" + incident.number();
        return records.commit(Claim.expiring(id, null), Change.of(
                new Change.FlagIncident(incident.number(), flag),
                new Change.AddNote(incident.number(), new TimelineEntry(id, now, TimelineEntry.Kind.STATE_CHANGED, null,
                        "Escalated to on-call: " + kind.name().toLowerCase().replace('_', ' '))),
                new Change.Escalate(new Escalation(id, kind, incident.number(), incident.priority().name(),
                        incident.service(), incident.number() + " (" + incident.priority().name() + ", #"
                        + incident.service() + ") " + what, now))));
    }

}
