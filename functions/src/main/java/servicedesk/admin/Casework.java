package servicedesk.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import servicedesk.broadcast.PostLength;
import servicedesk.incident.Incident;
import servicedesk.incident.IncidentState;
import servicedesk.incident.IncidentStore;
import servicedesk.incident.IncidentTotals;
import servicedesk.incident.Resolution;
import servicedesk.incident.TimelineEntry;
import servicedesk.notify.OutboundMessage;
import servicedesk.records.Change;
import servicedesk.records.Claim;
import servicedesk.records.Conflict;
import servicedesk.records.DeskRecords;

/**
 * IT working an incident: moving it through its ITIL states (only the allowed moves), assigning it,
 * adding work notes, answering the reporter by DM (through the outbox), and resolving it, which tells the
 * reporter. An edit that names the version it was made on is refused if the incident changed meanwhile.
 */
public final class Casework {

    /**
     * What IT asks to change; null parts stay as they are. {@code reply} is sent to the reporter by DM;
     * {@code expectedVersion}, when set, is the incident's version the change was made on.
     */
    public record Edit(IncidentState state, String assignee, String note, String resolution, String reply,
                       Long expectedVersion) {

        public Edit(IncidentState state, String assignee, String note, String resolution) {
            this(state, assignee, note, resolution, null, null);
        }

        boolean isEmpty() {
            return state == null && assignee == null && blank(note) && resolution == null && blank(reply);
        }
    }


    public sealed interface Result {
        record Updated(Incident incident) implements Result {
        }

        record NotFound() implements Result {
        }

        /** {@code status} 409 for a move the incident's state does not allow or a concurrent change, 422 otherwise. */
        record Refused(int status, String reason) implements Result {
        }
    }

    private final IncidentStore incidents;
    private final DeskRecords records;
    private final Clock clock;

    public Casework(IncidentStore incidents, DeskRecords records, Clock clock) {
        this.incidents = incidents;
        this.records = records;
        this.clock = clock;
    }

    /** @param requestKey unique per request and stable across its retries */
    public Result edit(String number, Edit edit, String actor, String requestKey) {
        Optional<Incident> found = incidents.find(number);
        if (found.isEmpty()) {
            return new Result.NotFound();
        }
        Incident incident = found.get();
        if (records.isClaimed("edit:" + requestKey)) {
            // The same request again (a double click, a retried POST): it was made once.
            return new Result.Updated(incident);
        }
        if (edit.isEmpty()) {
            return new Result.Refused(422, "Nothing to change: give a state, an assignee, a note, an answer or a resolution");
        }
        if (edit.expectedVersion() != null && edit.expectedVersion() != incident.version()) {
            return stale(incident);
        }
        if (edit.reply() != null && PostLength.dm(edit.reply()) > PostLength.DM_LIMIT) {
            return new Result.Refused(422, "An answer is a direct message: at most " + PostLength.DM_LIMIT + " characters");
        }
        IncidentState target = edit.state() == null || edit.state() == incident.state() ? null : edit.state();
        if (target != null && !incident.state().canMoveTo(target)) {
            return new Result.Refused(409, "An incident that is " + incident.state().label() + " cannot become "
                    + target.label());
        }
        boolean resolving = target == IncidentState.RESOLVED;
        if (resolving && (edit.resolution() == null || edit.resolution().isBlank())) {
            return new Result.Refused(422, "Resolving an incident needs a resolution the reporter can read");
        }
        if (!resolving && edit.resolution() != null) {
            return new Result.Refused(422, "A resolution goes with the state Resolved");
        }
        boolean answering = !blank(edit.reply());
        Instant now = clock.instant();
        List<Change.Write> writes = new ArrayList<>();
        // A versioned edit always writes the incident's record, so that it counts as a change and its version
        // condition guards the notes and answers that go with it too.
        if (target != null || edit.assignee() != null || answering || edit.expectedVersion() != null) {
            writes.add(new Change.EditIncident(number, incident.state(), target,
                    resolving ? new Resolution(Resolution.Source.DESK, edit.resolution(), actor, now) : null,
                    edit.assignee(), now, edit.expectedVersion(), answering));
        }
        if (target != null) {
            writes.add(new Change.AddNote(number, new TimelineEntry(requestKey + ":state", now, TimelineEntry.Kind.STATE_CHANGED,
                    actor, incident.state().label() + " → " + target.label())));
        }
        if (edit.assignee() != null) {
            writes.add(new Change.AddNote(number, new TimelineEntry(requestKey + ":assignee", now,
                    TimelineEntry.Kind.WORK_NOTE, actor, "Assigned to " + edit.assignee())));
        }
        if (target == IncidentState.CLOSED || target == IncidentState.CANCELED) {
            writes.add(new Change.FoldIntoClosedTotals(IncidentTotals.of(incident)));
        }
        if (edit.note() != null && !edit.note().isBlank()) {
            writes.add(new Change.AddNote(number, new TimelineEntry(requestKey + ":note", now, TimelineEntry.Kind.WORK_NOTE,
                    actor, edit.note())));
        }
        if (answering) {
            String key = "answer:" + requestKey;
            writes.add(new Change.AddNote(number, new TimelineEntry(key, now, TimelineEntry.Kind.STAFF_RESPONSE, actor,
                    edit.reply())));
            OutboundMessage answer = OutboundMessage.directMessage(key, incident.reporter().userId(), edit.reply(), number);
            writes.add(new Change.QueueMessage(incident.sourceTweetId() == null ? answer
                    : answer.withPublicFallback(incident.sourceTweetId(), number
                            + ": we have answered you by direct message. Open your DMs to us to read it.")));
        }
        if (resolving) {
            writes.add(new Change.QueueMessage(OutboundMessage.directMessage("resolved:" + number,
                    incident.reporter().userId(), incident.number() + " is resolved: " + edit.resolution()
                            + "\nIf it isn't fixed for you, tweet us again with #" + incident.service() + ".", number)));
        }
        try {
            records.commit(Claim.expiring("edit:" + requestKey, null), Change.of(writes));
        } catch (Conflict changed) {
            return incidents.find(number).map(Casework::stale)
                    .orElseGet(() -> new Result.Refused(409, "The incident changed meanwhile; read it again and retry"));
        }
        return new Result.Updated(incidents.find(number).orElseThrow());
    }

    /** The message for a change made on an older version of the incident: nothing was saved. */
    private static Result stale(Incident now) {
        return new Result.Refused(409, now.number() + " was changed by someone else since you read it (it is now "
                + now.state().label() + (now.assignee() == null ? "" : ", assigned to " + now.assignee())
                + "). Nothing was saved: read it again and redo your change.");
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
