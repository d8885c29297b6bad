package servicedesk.intake;

import java.util.List;

/** One webhook delivery: the subscribed account it is for, and the events it carries. */
public record ActivityBatch(String forUserId, List<InboundEvent> events) {

    public ActivityBatch {
        events = List.copyOf(events);
    }
}
