package servicedesk.intake;

import java.util.List;

/**
 * One webhook delivery: the subscribed account it is for, the events it carries, and how many of its
 * events could not be read (they are not in {@code events}; the delivery is kept for a person to look at).
 */
public record ActivityBatch(String forUserId, List<InboundEvent> events, int unreadable) {

    public ActivityBatch {
        events = List.copyOf(events);
    }

    public ActivityBatch(String forUserId, List<InboundEvent> events) {
        this(forUserId, events, 0);
    }
}
