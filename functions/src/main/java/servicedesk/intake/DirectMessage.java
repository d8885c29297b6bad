package servicedesk.intake;

import java.time.Instant;

/** A direct message event. Its text is private: it is stored on the incident and never logged. */
public record DirectMessage(String eventId, String senderId, String recipientId, String sourceAppId,
                            String text, Instant createdAt) {
}
