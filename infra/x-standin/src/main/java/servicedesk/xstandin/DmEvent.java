package servicedesk.xstandin;

import java.time.Instant;

/** A one-to-one Direct Message ({@code MessageCreate}); {@code createdAt} is X time. */
public record DmEvent(String id, String conversationId, String senderId, String recipientId, String text,
                      Instant createdAt, boolean viaApi) {
}
