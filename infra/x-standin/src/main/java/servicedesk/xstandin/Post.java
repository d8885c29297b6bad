package servicedesk.xstandin;

import java.time.Instant;

/**
 * A post on the stand-in's X. {@code text} is as X stores it (links as t.co), {@code originalText} as it was
 * written; {@code createdAt} is X time. {@code viaApi} marks posts made through {@code POST /2/tweets}.
 */
public record Post(String id, String authorId, String text, String originalText, Instant createdAt,
                   String inReplyToId, String inReplyToUserId, String quotedId, String conversationId,
                   Entities entities, boolean viaApi) {

    public boolean isReply() {
        return inReplyToId != null;
    }
}
