package servicedesk.records;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import servicedesk.incident.Escalation;
import servicedesk.incident.Incident;
import servicedesk.incident.IncidentState;
import servicedesk.incident.IncidentTotals;
import servicedesk.incident.Resolution;
import servicedesk.incident.TimelineEntry;
import servicedesk.notify.OutboundMessage;
import servicedesk.outage.Announcement;
import servicedesk.outage.Outage;
import servicedesk.outage.OutageUpdate;
import servicedesk.outage.PossibleOutage;

/**
 * Everything one handled cause does to the desk's records, written atomically with its {@link Claim}:
 * the domain says what changes; the table adapter knows how.
 */
public record Change(List<Write> writes) {

    public sealed interface Write {
    }

    public record OpenIncident(Incident incident) implements Write {
    }

    public record AddNote(String incidentNumber, TimelineEntry entry) implements Write {
    }

    /** Queues a message for the sender; the stream relays it. */
    public record QueueMessage(OutboundMessage message) implements Write {
    }

    /** A second claim that must also be new, e.g. "this reporter has been told about this outage". */
    public record AlsoClaim(Claim claim) implements Write {
    }

    /** Links the incident to an outage; {@code responds} when the reporter is being told, which answers them. */
    public record LinkIncident(String incidentNumber, String outageId, Instant at, boolean responds) implements Write {
    }

    /** Moves an incident between states, only if it is still in {@code from}. */
    public record MoveIncident(String incidentNumber, IncidentState from, IncidentState to, Instant at) implements Write {
    }

    /**
     * Resolves an incident that is still in {@code from}, recording how; a resolution answers the reporter,
     * so it is also the first response if there was none. (DynamoDB allows one write per item in a
     * transaction, hence no separate {@link RespondFirst} alongside.)
     */
    public record ResolveIncident(String incidentNumber, IncidentState from, Resolution resolution) implements Write {
    }

    /**
     * IT's edit of an incident still in {@code expected} and, when {@code expectedVersion} is set, still at that
     * version: any of a new state, a resolution, an assignee (null parts stay as they are), and, when
     * {@code responds}, the first response if there was none, as one write.
     */
    public record EditIncident(String incidentNumber, IncidentState expected, IncidentState state,
                               Resolution resolution, String assignee, Instant at, Long expectedVersion,
                               boolean responds) implements Write {

        public EditIncident(String incidentNumber, IncidentState expected, IncidentState state, Resolution resolution,
                            String assignee, Instant at) {
            this(incidentNumber, expected, state, resolution, assignee, at, null, false);
        }
    }

    /** Records the desk's first answer to the reporter; later answers leave it as it is. */
    public record RespondFirst(String incidentNumber, Instant at) implements Write {
    }

    public record FlagIncident(String incidentNumber, String flag) implements Write {
    }

    /**
     * The author's report opens {@code incidentNumber}: it becomes their incident on record for the service, and
     * one of their new incidents of {@code day}. Fails (a {@link Conflict}) while another of their incidents is on
     * record for the service (other than {@code replacing}, one the desk found no longer open), or when they have
     * opened {@code allowance} already that day; {@link DeskRecords#reporting} then tells which.
     */
    public record TakeReportAllowance(String authorId, String service, String incidentNumber, String replacing,
                                      LocalDate day, int allowance, Instant at) implements Write {
    }

    /**
     * Adds a closing incident's share to the stored totals of closed incidents, in the same transaction as
     * the move that closes it (whose condition on the incident's state makes it count once).
     */
    public record FoldIntoClosedTotals(IncidentTotals share) implements Write {
    }

    /** Stores the escalation; the stream relays it to the on-call topic. */
    public record Escalate(Escalation escalation) implements Write {
    }

    /**
     * The IT account has blocked the user ({@code blocked}) or no longer does; with {@code blocksAccount}, the
     * other way round: the user has blocked the IT account, or no longer does. Each direction is kept apart,
     * so undoing one leaves the other.
     */
    public record SetBlocked(String userId, boolean blocksAccount, boolean blocked, Instant at) implements Write {
    }

    /** Replaces the incident's description (the text of the tweet that opened it), e.g. when it was deleted on X. */
    public record ReplaceDescription(String incidentNumber, String description, Instant at) implements Write {
    }

    /** Creates the outage (version 1) or replaces the version before this one. */
    public record SaveOutage(Outage outage) implements Write {
    }

    public record AddOutageUpdate(String outageId, OutageUpdate update) implements Write {
    }

    /** Marks the outage as the service's active one; fails if the service already has one. */
    public record SetActiveOutage(String service, String outageId) implements Write {
    }

    public record ClearActiveOutage(String service, String outageId) implements Write {
    }

    /** Stores the announcement (the status feed reads it); the stream relays it to the SNS topic. */
    public record PublishAnnouncement(Announcement announcement) implements Write {
    }

    /** Stores the alert; the stream relays it to IT's possible-outage topic. */
    public record RaiseAlert(PossibleOutage alert) implements Write {
    }

    public Change {
        writes = List.copyOf(writes);
    }

    public static Change of(Write... writes) {
        return new Change(List.of(writes));
    }

    public static Change of(List<? extends Write> writes) {
        return new Change(new ArrayList<>(writes));
    }
}
