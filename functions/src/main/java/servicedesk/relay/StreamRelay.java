package servicedesk.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import servicedesk.format.Log;
import servicedesk.notify.OutboundQueue;

/**
 * Hands on what a transaction decided to send out, so that deciding and sending cannot drift apart: new
 * outbox messages go to the outbound queue, new announcements to the announcements topic, new alerts to
 * IT's alert topic, new escalations to the on-call topic. Records are handled in order; on a failure the
 * rest is left for the stream to retry from the failed record (receivers are idempotent, so a repeat is
 * harmless).
 */
public final class StreamRelay {
    private final OutboundQueue queue;
    private final TopicPublisher publisher;

    public StreamRelay(OutboundQueue queue, TopicPublisher publisher) {
        this.queue = queue;
        this.publisher = publisher;
    }

    /** @return the position of the first record not handed on, or empty when all were */
    public Optional<String> relay(List<Committed> records) {
        List<String> keys = new ArrayList<>();
        String firstKeyPosition = null;
        int relayed = 0;
        for (Committed record : records) {
            if (record instanceof Committed.MessageQueued queued) {
                keys.add(queued.messageKey());
                if (firstKeyPosition == null) {
                    firstKeyPosition = queued.position();
                }
                continue;
            }
            if (record instanceof Committed.Other) {
                continue;
            }
            // Keep the order: messages decided before this record go out first.
            if (!flush(keys)) {
                return Optional.ofNullable(firstKeyPosition);
            }
            relayed += keys.size();
            keys.clear();
            firstKeyPosition = null;
            try {
                publish(record);
                relayed++;
            } catch (RuntimeException failed) {
                Log.error("stream-relay-failed", "type", typeOf(record), "error",
                        record instanceof Committed.Unreadable unreadable ? unreadable.error() : failed.getClass().getSimpleName());
                return Optional.ofNullable(record.position());
            }
        }
        if (!flush(keys)) {
            return Optional.ofNullable(firstKeyPosition);
        }
        relayed += keys.size();
        if (relayed > 0) {
            Log.info("stream-relayed", "records", relayed);
        }
        return Optional.empty();
    }

    private void publish(Committed record) {
        switch (record) {
            case Committed.AnnouncementPublished published -> publisher.announcement(published.announcement());
            case Committed.AlertRaised raised -> publisher.alert(raised.alert());
            case Committed.Escalated escalated -> publisher.escalation(escalated.escalation());
            case Committed.Unreadable unreadable -> throw new IllegalArgumentException(unreadable.error());
            case Committed.MessageQueued queued -> throw new IllegalStateException("queued keys are flushed, not published");
            case Committed.Other other -> throw new IllegalStateException("other records are skipped, not published");
        }
    }

    private boolean flush(List<String> keys) {
        if (keys.isEmpty()) {
            return true;
        }
        try {
            queue.enqueue(keys);
            return true;
        } catch (RuntimeException failed) {
            Log.error("stream-relay-failed", "type", "OUTBOX", "messages", keys.size(),
                    "error", failed.getClass().getSimpleName());
            return false;
        }
    }

    private static String typeOf(Committed record) {
        return switch (record) {
            case Committed.AnnouncementPublished published -> "ANNOUNCEMENT";
            case Committed.AlertRaised raised -> "ALERT";
            case Committed.Escalated escalated -> "ESCALATION";
            case Committed.Unreadable unreadable -> unreadable.type();
            case Committed.MessageQueued queued -> "OUTBOX";
            case Committed.Other other -> "OTHER";
        };
    }
}
