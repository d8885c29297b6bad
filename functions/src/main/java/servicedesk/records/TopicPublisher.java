package servicedesk.records;

import servicedesk.broadcast.Announcement;
import servicedesk.broadcast.PossibleOutage;
import servicedesk.incident.Escalation;

/** Hands what the desk decided to announce or escalate to the topics people subscribe to. */
public interface TopicPublisher {

    void announcement(Announcement announcement);

    void alert(PossibleOutage alert);

    void escalation(Escalation escalation);
}
