package servicedesk.incident;

import java.util.List;
import servicedesk.notify.OutboundMessage;

/**
 * Everything one handled event does to the desk's records, written atomically with its {@link Claim}:
 * an incident opened (or null), lines added to incidents' timelines, and messages queued to send.
 */
public record Change(Incident opened, List<Note> notes, List<OutboundMessage> messages) {

    /** A timeline entry for the incident {@code incidentNumber}. */
    public record Note(String incidentNumber, TimelineEntry entry) {
    }

    public Change {
        notes = List.copyOf(notes);
        messages = List.copyOf(messages);
    }

    public static Change messages(List<OutboundMessage> messages) {
        return new Change(null, List.of(), messages);
    }
}
