package servicedesk.broadcast;

import java.util.Map;
import servicedesk.wiring.Json;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Publishes to SNS with one message per protocol: JSON for the subscribers' queues, readable text for
 * email and a short line for SMS. The {@code kind} attribute lets queues filter by announcement type.
 */
public final class SnsAnnouncementPublisher implements AnnouncementPublisher {
    private final SnsClient sns;
    private final String announcementsTopicArn;
    private final String alertsTopicArn;

    public SnsAnnouncementPublisher(SnsClient sns, String announcementsTopicArn, String alertsTopicArn) {
        this.sns = sns;
        this.announcementsTopicArn = announcementsTopicArn;
        this.alertsTopicArn = alertsTopicArn;
    }

    @Override
    public void publish(Announcement announcement) {
        String json = AnnouncementMessage.write(announcement, null);
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

    private static MessageAttributeValue attribute(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
