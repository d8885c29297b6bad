package servicedesk.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Delivers one outbox message through the {@link Messenger}: claims it, sends it, falls back to a public
 * reply when a DM is refused, and tells the caller when to try again after a rate limit or an outage.
 */
public final class Courier {
    private static final Duration RETRY_UNAVAILABLE_AFTER = Duration.ofSeconds(30);

    public sealed interface Outcome {
        record Delivered(Channel via) implements Outcome {
        }

        record AlreadyHandled(String why) implements Outcome {
        }

        record RetryAt(Instant at) implements Outcome {
        }

        record Undelivered(DeliveryState state, String reason) implements Outcome {
        }
    }

    private final Outbox outbox;
    private final Messenger messenger;
    private final Clock clock;

    public Courier(Outbox outbox, Messenger messenger, Clock clock) {
        this.outbox = outbox;
        this.messenger = messenger;
        this.clock = clock;
    }

    public Outcome deliver(String key) {
        Optional<StoredMessage> stored = outbox.find(key);
        if (stored.isEmpty()) {
            return new Outcome.AlreadyHandled("no such message");
        }
        if (stored.get().state() != DeliveryState.PENDING) {
            return new Outcome.AlreadyHandled("message is " + stored.get().state());
        }
        Instant now = clock.instant();
        Instant notBefore = stored.get().notBefore();
        if (notBefore != null && notBefore.isAfter(now)) {
            return new Outcome.RetryAt(notBefore);
        }
        if (!outbox.claim(key, now)) {
            return new Outcome.AlreadyHandled("claimed by another attempt");
        }
        return send(stored.get().message());
    }

    private Outcome send(OutboundMessage message) {
        Delivery delivery = switch (message.channel()) {
            case DIRECT_MESSAGE -> messenger.directMessage(message.recipientId(), message.text());
            case PUBLIC_REPLY -> messenger.reply(message.inReplyToTweetId(), message.text());
            case TIMELINE_POST -> messenger.post(message.text());
        };
        Instant now = clock.instant();
        return switch (delivery) {
            case Delivery.Sent sent -> {
                outbox.markSent(message, sent.id(), now);
                yield new Outcome.Delivered(message.channel());
            }
            case Delivery.Refused refused when message.channel() == Channel.DIRECT_MESSAGE && message.hasFallback() ->
                    send(message.asFallbackReply());
            case Delivery.Refused refused -> {
                String reason = "refused by X (" + refused.status() + "): " + refused.reason();
                outbox.markUndelivered(message, DeliveryState.FAILED, reason, now);
                yield new Outcome.Undelivered(DeliveryState.FAILED, reason);
            }
            case Delivery.RateLimited limited -> {
                outbox.release(message, limited.resetAt());
                yield new Outcome.RetryAt(limited.resetAt());
            }
            case Delivery.Unavailable unavailable -> {
                Instant retryAt = now.plus(RETRY_UNAVAILABLE_AFTER);
                outbox.release(message, retryAt);
                yield new Outcome.RetryAt(retryAt);
            }
            case Delivery.Uncertain uncertain -> {
                outbox.markUndelivered(message, DeliveryState.UNCERTAIN, uncertain.reason(), now);
                yield new Outcome.Undelivered(DeliveryState.UNCERTAIN, uncertain.reason());
            }
        };
    }
}
