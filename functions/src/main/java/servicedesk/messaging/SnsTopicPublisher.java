package servicedesk.messaging;

import java.util.Map;
import servicedesk.broadcast.BroadcastWording;
import servicedesk.format.Json;
import servicedesk.incident.Escalation;
import servicedesk.messaging.AnnouncementMessage;
import servicedesk.outage.Announcement;
import servicedesk.outage.PossibleOutage;
import servicedesk.relay.TopicPublisher;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Publishes to SNS. Announcements go out with one message per protocol: JSON for the subscribers' queues,
 * readable text for email and a short line for SMS; the {@code kind} attribute lets queues filter by type.
 * Alerts and escalations are plain text for people.
 */
public final class SnsTopicPublisher implements TopicPublisher {
    private final SnsClient sns;
    private final String announcementsTopicArn;
    private final String alertsTopicArn;
    private final String onCallTopicArn;

    public SnsTopicPublisher(SnsClient sns, String announcementsTopicArn, String alertsTopicArn, String onCallTopicArn) {
        this.sns = sns;
        this.announcementsTopicArn = announcementsTopicArn;
        this.alertsTopicArn = alertsTopicArn;
        this.onCallTopicArn = onCallTopicArn;
    }

    @Override
    public void announcement(Announcement announcement) {
        String json = AnnouncementMessage.of(announcement, null).json();
        String message = Json.MAPPER.createObjectNode()
                .put("default", json)
                .put("sqs", json)
                .put("email", BroadcastWording.emailBody(announcement))
                .put("email-json", json)
                .put("sms", BroadcastWording.sms(announcement))
                .toString();
        sns.publish(publish -> publish.topicArn(announcementsTopicArn)
                .messageStructure("json")
                .message(message)
                .subject(BroadcastWording.emailSubject(announcement))
                .messageAttributes(Map.of(
                        "kind", attribute(announcement.kind().name()),
                        "service", attribute(announcement.service()))));
    }

    @Override
    public void alert(PossibleOutage alert) {
        String text = "Possible outage of " + alert.serviceName() + " (#" + alert.service() + "): " + alert.reports()
                + " reports within " + alert.windowMinutes() + " minutes and no outage declared. "
                + "If it is one, tweet #outage #" + alert.service() + " from a staff account.";
        sns.publish(publish -> publish.topicArn(alertsTopicArn)
                .subject("[IT desk] Possible outage: " + alert.serviceName())
                .message(text)
                .messageAttributes(Map.of("service", attribute(alert.service()))));
    }

    @Override
    public void escalation(Escalation escalation) {
        String about = escalation.incidentNumber() == null ? "" : ": " + escalation.incidentNumber();
        Map<String, MessageAttributeValue> attributes = new java.util.HashMap<>(Map.of("kind", attribute(escalation.kind().name())));
        if (escalation.priority() != null) {
            attributes.put("priority", attribute(escalation.priority()));
        }
        sns.publish(publish -> publish.topicArn(onCallTopicArn)
                .subject("[IT desk] " + escalation.kind().name().replace('_', ' ').toLowerCase() + about)
                .message(escalation.text())
                .messageAttributes(attributes));
    }

    private static MessageAttributeValue attribute(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
