package servicedesk.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delivers one outbox message through the {@link Messenger}: waits out an exhausted rate-limit window,
 * claims the message, withholds it from people who block the account or have had enough unsolicited
 * messages today, sends it, falls back to a public reply when a DM is refused, threads a post under
 * the one it follows, and puts it off after a rate limit or an outage.
 *
 * <p>Deferral lives here, in {@link #later}: the key goes back on the {@link OutboundQueue} with a delay
 * (which does not spend the queue's receive attempts). The queue caps delays and may bring a key back
 * early, so what holds a message back is checked again on every delivery: the outbox's {@code notBefore}
 * (set when a send is released), the shared rate-limit window, and the post it threads under.
 */
public final class Courier {
    private static final Duration RETRY_UNAVAILABLE_AFTER = Duration.ofSeconds(30);
    private static final Duration WAIT_FOR_THREAD = Duration.ofSeconds(20);
    /** Messages held back by one window are spread over up to this much time after it resets. */
    private static final long SPREAD_AFTER_RESET_MILLIS = 30_000;

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
    private final RateLimits limits;
    private final Audience audience;
    private final OutboundQueue queue;
    private final Clock clock;

    public Courier(Outbox outbox, Messenger messenger, RateLimits limits, Audience audience, OutboundQueue queue,
                   Clock clock) {
        this.outbox = outbox;
        this.messenger = messenger;
        this.limits = limits;
        this.audience = audience;
        this.queue = queue;
        this.clock = clock;
    }

    /** Delivers the message with this key, or puts it off; {@link Outcome.RetryAt} says until when. */
    public Outcome deliver(String key) {
        Outcome outcome = attempt(key);
        if (outcome instanceof Outcome.RetryAt retry) {
            later(key, retry.at());
        }
        return outcome;
    }

    /** The one place a message is put off: its key comes back on the queue at {@code at}, or early (see above). */
    private void later(String key, Instant at) {
        queue.enqueueLater(key, Duration.between(clock.instant(), at));
    }

    private Outcome attempt(String key) {
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
        OutboundMessage message = stored.get().message();
        Optional<Instant> exhausted = limits.exhaustedUntil(message.rateBucket(), now);
        if (exhausted.isPresent()) {
            // Spread the held-back messages over the next window rather than all at its first instant.
            long spread = Math.max(1, Math.min(SPREAD_AFTER_RESET_MILLIS, Duration.between(now, exhausted.get()).toMillis()));
            return new Outcome.RetryAt(exhausted.get().plusMillis(ThreadLocalRandom.current().nextLong(spread)));
        }
        if (message.inReplyToMessageKey() != null) {
            Optional<OutboundMessage> threaded = threadUnder(message);
            if (threaded.isEmpty()) {
                return new Outcome.RetryAt(now.plus(WAIT_FOR_THREAD));
            }
            message = threaded.get();
        }
        if (!outbox.claim(key, now)) {
            return new Outcome.AlreadyHandled("claimed by another attempt");
        }
        // Manners are checked at the last moment: a block or the day's other messages may be newer than this one.
        String withheld = message.recipientId() == null ? null
                : audience.isBlocked(message.recipientId()) ? "the IT account has blocked the recipient"
                : message.unsolicited() && !audience.takeUnsolicited(message.recipientId(), now.atOffset(ZoneOffset.UTC).toLocalDate())
                ? "the recipient's daily allowance of unsolicited messages is used" : null;
        if (withheld != null) {
            outbox.markUndelivered(message, DeliveryState.WITHHELD, withheld, DeliveryNotes.undelivered(message, withheld, now));
            return new Outcome.Undelivered(DeliveryState.WITHHELD, withheld);
        }
        return send(message);
    }

    /** The post as a reply to the tweet it follows, once that is on X; empty while it is still on its way. */
    private Optional<OutboundMessage> threadUnder(OutboundMessage message) {
        Optional<StoredMessage> parent = outbox.find(message.inReplyToMessageKey());
        if (parent.isPresent() && parent.get().state() == DeliveryState.SENT && parent.get().xId() != null) {
            return Optional.of(message.replyingTo(parent.get().xId()));
        }
        if (parent.isPresent() && (parent.get().state() == DeliveryState.PENDING || parent.get().state() == DeliveryState.SENDING)) {
            return Optional.empty();
        }
        // The first post never made it: this one starts its own thread.
        return Optional.of(OutboundMessage.timelinePost(message.key(), message.text(), null));
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
                outbox.markSent(message, sent.id(), DeliveryNotes.sent(message, now));
                if (sent.limit() != null) {
                    limits.observe(message.rateBucket(), sent.limit());
                }
                yield new Outcome.Delivered(message.channel());
            }
            case Delivery.Refused refused when message.channel() == Channel.DIRECT_MESSAGE && message.hasFallback() ->
                    send(message.asFallbackReply());
            case Delivery.Refused refused -> {
                String reason = "refused by X (" + refused.status() + "): " + refused.reason();
                outbox.markUndelivered(message, DeliveryState.FAILED, reason, DeliveryNotes.undelivered(message, reason, now));
                yield new Outcome.Undelivered(DeliveryState.FAILED, reason);
            }
            case Delivery.RateLimited limited -> {
                limits.observe(message.rateBucket(), new RateLimit(0, limited.resetAt()));
                outbox.release(message, limited.resetAt());
                yield new Outcome.RetryAt(limited.resetAt());
            }
            case Delivery.Unavailable unavailable -> {
                Instant retryAt = now.plus(RETRY_UNAVAILABLE_AFTER);
                outbox.release(message, retryAt);
                yield new Outcome.RetryAt(retryAt);
            }
            case Delivery.Uncertain uncertain -> {
                outbox.markUndelivered(message, DeliveryState.UNCERTAIN, uncertain.reason(),
                        DeliveryNotes.undelivered(message, uncertain.reason(), now));
                yield new Outcome.Undelivered(DeliveryState.UNCERTAIN, uncertain.reason());
            }
        };
    }
}
