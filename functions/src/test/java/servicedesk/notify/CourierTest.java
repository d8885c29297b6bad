package servicedesk.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import servicedesk.incident.TimelineEntry;

class CourierTest {
    private static final Instant NOW = Instant.parse("2025-11-22T10:00:00Z");

    /** An outbox in memory that follows the same state rules as the DynamoDB one. */
    static final class MemoryOutbox implements Outbox {
        final Map<String, StoredMessage> messages = new HashMap<>();
        /** What went on the incidents' timelines, as "<message key>: <note>". */
        final List<String> notes = new ArrayList<>();

        void add(OutboundMessage message) {
            messages.put(message.key(), new StoredMessage(message, DeliveryState.PENDING, null, null));
        }

        DeliveryState state(String key) {
            return messages.get(key).state();
        }

        @Override
        public Optional<StoredMessage> find(String key) {
            return Optional.ofNullable(messages.get(key));
        }

        @Override
        public boolean claim(String key, Instant now) {
            StoredMessage stored = messages.get(key);
            if (stored == null || stored.state() != DeliveryState.PENDING) {
                return false;
            }
            messages.put(key, new StoredMessage(stored.message(), DeliveryState.SENDING, stored.notBefore(), null));
            return true;
        }

        @Override
        public void markSent(OutboundMessage sent, String xId, TimelineEntry note) {
            messages.put(sent.key(), new StoredMessage(sent, DeliveryState.SENT, null, xId));
            note(sent, note);
        }

        @Override
        public void release(OutboundMessage next, Instant notBefore) {
            messages.put(next.key(), new StoredMessage(next, DeliveryState.PENDING, notBefore, null));
        }

        @Override
        public void markUndelivered(OutboundMessage message, DeliveryState state, String reason, TimelineEntry note) {
            messages.put(message.key(), new StoredMessage(message, state, null, null));
            note(message, note);
        }

        private void note(OutboundMessage message, TimelineEntry note) {
            if (message.incidentNumber() != null) {
                notes.add(message.incidentNumber() + ": " + note.kind() + " " + note.text());
            }
        }
    }

    /** A scripted X: answers each call with the next delivery, and records what was asked. */
    static final class ScriptedMessenger implements Messenger {
        final List<Delivery> answers;
        final List<String> calls = new ArrayList<>();

        ScriptedMessenger(Delivery... answers) {
            this.answers = new ArrayList<>(List.of(answers));
        }

        private Delivery answer(String call) {
            calls.add(call);
            return answers.remove(0);
        }

        @Override
        public Delivery directMessage(String recipientId, String text) {
            return answer("dm " + recipientId + ": " + text);
        }

        @Override
        public Delivery reply(String inReplyToTweetId, String text) {
            return answer("reply " + inReplyToTweetId + ": " + text);
        }

        @Override
        public Delivery post(String text) {
            return answer("post: " + text);
        }
    }

    /** Rate-limit windows in memory. */
    static final class MemoryRateLimits implements RateLimits {
        final Map<String, RateLimit> windows = new HashMap<>();

        @Override
        public Optional<Instant> exhaustedUntil(String bucket, Instant now) {
            RateLimit limit = windows.get(bucket);
            return limit != null && limit.remaining() <= 0 && limit.resetAt().isAfter(now)
                    ? Optional.of(limit.resetAt()) : Optional.empty();
        }

        @Override
        public void observe(String bucket, RateLimit limit) {
            windows.put(bucket, limit);
        }
    }

    /** Who blocks the account, and how many unsolicited messages each person may still get today. */
    static final class MemoryAudience implements Audience {
        final java.util.Set<String> blocking = new java.util.HashSet<>();
        final Map<String, Integer> allowance = new HashMap<>();

        @Override
        public boolean isBlocked(String userId) {
            return blocking.contains(userId);
        }

        @Override
        public boolean takeUnsolicited(String userId, java.time.LocalDate day) {
            int left = allowance.getOrDefault(userId, 1);
            allowance.put(userId, left - 1);
            return left > 0;
        }
    }

    /** The keys put off, and until when. */
    static final class RecordingQueue implements OutboundQueue {
        final List<String> later = new ArrayList<>();

        @Override
        public void enqueue(List<String> messageKeys) {
            throw new UnsupportedOperationException("the courier only puts keys off");
        }

        @Override
        public void enqueueLater(String messageKey, java.time.Duration delay) {
            later.add(messageKey + " in " + delay.toSeconds() + "s");
        }
    }

    private final MemoryOutbox outbox = new MemoryOutbox();
    private final RecordingQueue queue = new RecordingQueue();
    private final MemoryRateLimits limits = new MemoryRateLimits();
    private final MemoryAudience audience = new MemoryAudience();
    private final OutboundMessage opened = OutboundMessage.directMessage("opened:1", "42", "private text", "INC0000001")
            .withPublicFallback("101", "Logged as INC0000001");

    private Courier courier(Messenger messenger) {
        return new Courier(outbox, messenger, limits, audience, queue, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void sendsOnceEvenWhenAskedAgain() {
        outbox.add(opened);
        ScriptedMessenger x = new ScriptedMessenger(new Delivery.Sent("9", null));
        Courier courier = courier(x);

        assertThat(courier.deliver("opened:1")).isEqualTo(new Courier.Outcome.Delivered(Channel.DIRECT_MESSAGE));
        assertThat(courier.deliver("opened:1")).isInstanceOf(Courier.Outcome.AlreadyHandled.class);

        assertThat(x.calls).containsExactly("dm 42: private text");
        assertThat(outbox.state("opened:1")).isEqualTo(DeliveryState.SENT);
        assertThat(outbox.notes).containsExactly("INC0000001: REPORTER_NOTIFIED Direct message to reporter 42");
    }

    @Test
    void fallsBackToAPublicReplyCarryingOnlyTheNumberWhenTheDmIsRefused() {
        outbox.add(opened);
        ScriptedMessenger x = new ScriptedMessenger(new Delivery.Refused(403, "not permitted"), new Delivery.Sent("10", null));

        assertThat(courier(x).deliver("opened:1")).isEqualTo(new Courier.Outcome.Delivered(Channel.PUBLIC_REPLY));

        assertThat(x.calls).containsExactly("dm 42: private text", "reply 101: Logged as INC0000001");
        assertThat(outbox.notes).containsExactly("INC0000001: REPORTER_NOTIFIED Public reply under tweet 101");
    }

    @Test
    void waitsForTheRateLimitResetAndThenSends() {
        outbox.add(opened);
        Instant reset = NOW.plusSeconds(900);
        ScriptedMessenger x = new ScriptedMessenger(new Delivery.RateLimited(reset), new Delivery.Sent("11", null));

        assertThat(courier(x).deliver("opened:1")).isEqualTo(new Courier.Outcome.RetryAt(reset));
        assertThat(outbox.state("opened:1")).isEqualTo(DeliveryState.PENDING);
        assertThat(courier(x).deliver("opened:1")).isEqualTo(new Courier.Outcome.RetryAt(reset));
        assertThat(x.calls).hasSize(1);

        assertThat(queue.later).containsExactly("opened:1 in 900s", "opened:1 in 900s");

        Courier later = new Courier(outbox, x, limits, audience, queue, Clock.fixed(reset.plusSeconds(1), ZoneOffset.UTC));
        assertThat(later.deliver("opened:1")).isEqualTo(new Courier.Outcome.Delivered(Channel.DIRECT_MESSAGE));
        assertThat(x.calls).hasSize(2);
        assertThat(outbox.notes).containsExactly("INC0000001: REPORTER_NOTIFIED Direct message to reporter 42");
    }

    @Test
    void retriesTheFallbackAloneWhenTheReplyIsRateLimited() {
        outbox.add(opened);
        Instant reset = NOW.plusSeconds(60);
        ScriptedMessenger x = new ScriptedMessenger(new Delivery.Refused(403, "no"), new Delivery.RateLimited(reset),
                new Delivery.Sent("12", null));

        assertThat(courier(x).deliver("opened:1")).isEqualTo(new Courier.Outcome.RetryAt(reset));
        Courier later = new Courier(outbox, x, limits, audience, queue, Clock.fixed(reset, ZoneOffset.UTC));
        assertThat(later.deliver("opened:1")).isEqualTo(new Courier.Outcome.Delivered(Channel.PUBLIC_REPLY));

        assertThat(x.calls).containsExactly("dm 42: private text", "reply 101: Logged as INC0000001",
                "reply 101: Logged as INC0000001");
    }

    @Test
    void neverResendsWhenDeliveryIsUncertain() {
        outbox.add(opened);
        ScriptedMessenger x = new ScriptedMessenger(new Delivery.Uncertain("read timed out"));

        assertThat(courier(x).deliver("opened:1")).isInstanceOf(Courier.Outcome.Undelivered.class);
        assertThat(courier(x).deliver("opened:1")).isInstanceOf(Courier.Outcome.AlreadyHandled.class);
        assertThat(x.calls).hasSize(1);
        assertThat(outbox.state("opened:1")).isEqualTo(DeliveryState.UNCERTAIN);
        assertThat(outbox.notes).containsExactly(
                "INC0000001: NOTIFICATION_FAILED Direct message to reporter 42 could not be delivered: read timed out");
    }

    @Test
    void retriesWhenXIsUnavailable() {
        outbox.add(opened);
        ScriptedMessenger x = new ScriptedMessenger(new Delivery.Unavailable("503"));

        Courier.Outcome outcome = courier(x).deliver("opened:1");

        assertThat(outcome).isInstanceOf(Courier.Outcome.RetryAt.class);
        assertThat(((Courier.Outcome.RetryAt) outcome).at()).isAfter(NOW);
        assertThat(outbox.state("opened:1")).isEqualTo(DeliveryState.PENDING);
        assertThat(queue.later).containsExactly("opened:1 in 30s");
        assertThat(outbox.notes).isEmpty();
    }

    @Test
    void givesUpOnARefusedMessageWithoutFallback() {
        outbox.add(OutboundMessage.publicReply("help:1", "42", "101", "hashtags"));
        ScriptedMessenger x = new ScriptedMessenger(new Delivery.Refused(403, "tweet deleted"));

        assertThat(courier(x).deliver("help:1")).isEqualTo(
                new Courier.Outcome.Undelivered(DeliveryState.FAILED, "refused by X (403): tweet deleted"));
    }

    @Test
    void waitsOutAnExhaustedWindowWithoutCallingX() {
        outbox.add(opened);
        ScriptedMessenger x = new ScriptedMessenger(new Delivery.Sent("1", new RateLimit(0, NOW.plusSeconds(600))));
        outbox.add(OutboundMessage.directMessage("second", "43", "hello", null));

        assertThat(courier(x).deliver("opened:1")).isEqualTo(new Courier.Outcome.Delivered(Channel.DIRECT_MESSAGE));
        Courier.Outcome second = courier(x).deliver("second");

        assertThat(second).isInstanceOf(Courier.Outcome.RetryAt.class);
        assertThat(((Courier.Outcome.RetryAt) second).at()).isBetween(NOW.plusSeconds(600), NOW.plusSeconds(630));
        assertThat(x.calls).hasSize(1);
        assertThat(outbox.state("second")).isEqualTo(DeliveryState.PENDING);
    }

    @Test
    void threadsAPostUnderTheOneItFollowsOnceThatIsOnX() {
        outbox.add(OutboundMessage.timelinePost("timeline:first", "#outage #wifi down", null));
        outbox.add(OutboundMessage.timelinePost("timeline:second", "#update #wifi identified", "timeline:first"));
        ScriptedMessenger x = new ScriptedMessenger(new Delivery.Sent("900", null), new Delivery.Sent("901", null));

        assertThat(courier(x).deliver("timeline:second")).isInstanceOf(Courier.Outcome.RetryAt.class);
        assertThat(courier(x).deliver("timeline:first")).isEqualTo(new Courier.Outcome.Delivered(Channel.TIMELINE_POST));
        assertThat(courier(x).deliver("timeline:second")).isEqualTo(new Courier.Outcome.Delivered(Channel.PUBLIC_REPLY));

        assertThat(x.calls).containsExactly("post: #outage #wifi down", "reply 900: #update #wifi identified");
    }

    @Test
    void withholdsEverythingFromSomeoneWhoBlocksTheAccount() {
        outbox.add(opened);
        audience.blocking.add("42");
        ScriptedMessenger x = new ScriptedMessenger();

        assertThat(courier(x).deliver("opened:1"))
                .isEqualTo(new Courier.Outcome.Undelivered(DeliveryState.WITHHELD, "the IT account has blocked the recipient"));
        assertThat(x.calls).isEmpty();
        assertThat(outbox.notes).containsExactly("INC0000001: NOTIFICATION_FAILED Direct message to reporter 42 "
                + "could not be delivered: the IT account has blocked the recipient");
    }

    @Test
    void sendsUnsolicitedMessagesOnlyWithinTheDailyAllowance() {
        outbox.add(OutboundMessage.directMessage("outage:1", "42", "outage one", null).asUnsolicited());
        outbox.add(OutboundMessage.directMessage("outage:2", "42", "outage two", null).asUnsolicited());
        outbox.add(OutboundMessage.directMessage("reply:3", "42", "your status", null));
        ScriptedMessenger x = new ScriptedMessenger(new Delivery.Sent("1", null), new Delivery.Sent("2", null));

        assertThat(courier(x).deliver("outage:1")).isInstanceOf(Courier.Outcome.Delivered.class);
        assertThat(courier(x).deliver("outage:2")).isInstanceOf(Courier.Outcome.Undelivered.class);
        assertThat(courier(x).deliver("reply:3")).isInstanceOf(Courier.Outcome.Delivered.class);
        assertThat(x.calls).containsExactly("dm 42: outage one", "dm 42: your status");
    }
}
