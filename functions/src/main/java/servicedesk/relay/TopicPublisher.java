package servicedesk.relay;

import servicedesk.incident.Escalation;
import servicedesk.outage.Announcement;
import servicedesk.outage.PossibleOutage;

/** Hands what the desk decided to announce or escalate to the topics people subscribe to. */
public interface TopicPublisher {

    void announcement(Announcement announcement);

    void alert(PossibleOutage alert);

    void escalation(Escalation escalation);
}
