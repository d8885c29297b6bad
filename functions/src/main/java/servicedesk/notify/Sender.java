package servicedesk.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import servicedesk.format.Log;
import servicedesk.incident.Incident;
import servicedesk.incident.IncidentStore;

/**
 * Works the plan: on every wake-up, one sender at a time (a lease in the table) spends each request X allows
 * on the most valuable waiting message (see {@link Plan}), until nothing may go now; then it queues its next
 * wake-up for when something can. On the way it looks up messages whose outcome is unknown, pauses all
 * sending when X refuses the account itself (and probes until X accepts again), sends an acknowledgement in
 * public when no DM slot is near, merges news for one person into one message, and handles each refusal of
 * a single message in its own way. Every change of form, merge and drop is noted on the incident with why.
 */
public final class Sender {
    /** Waiting messages read per lane in each step. */
    static final int HEAD = 50;
    static final Duration LEASE = Duration.ofSeconds(90);
    /** Then the sender hands over to a fresh wake-up, well within the function's timeout. */
    static final Duration WORK_AT_MOST = Duration.ofSeconds(40);
    /** A SENDING message this old lost its sender (the function's timeout is 60 s): it is looked up. */
    static final Duration WATCHDOG = Duration.ofMinutes(2);
    /** X may take a moment to show what it just did: a look-up waits this long after an unknown outcome. */
    static final Duration LOOK_UP_AFTER = Duration.ofMinutes(1);
    /** Clocks differ: a look-up reads from this long before the attempt began. */
    static final Duration LOOK_UP_FROM = Duration.ofMinutes(2);
    static final int MOST_ATTEMPTS = 3;
    /** How long a refused DM is remembered: the desk does not try DMs to that person meanwhile. */
    static final Duration DMS_REFUSED_REMEMBERED = Duration.ofDays(3);
    static final Duration RETRY_UNAVAILABLE_AFTER = Duration.ofSeconds(30);
    static final Duration WAIT_FOR_THREAD = Duration.ofSeconds(20);
    static final Duration LONGEST_WAKE = Duration.ofMinutes(15);

    /** What one wake-up did; {@code nextWake} is when the sender comes back by itself (null: nothing waits). */
    public record Round(int sent, int superseded, boolean busy, Instant nextWake) {
    }

    private final Outbox outbox;
    private final Messenger messenger;
    private final SendingState state;
    private final Audience audience;
    private final Spend spend;
    private final OutboundQueue queue;
    private final IncidentStore incidents;
    private final OnCall onCall;
    private final SendingPolicy policy;
    private final Clock clock;
    private final Coalescing coalescing;
    /** Acknowledgements that must stay DMs (they carry a warning or a phone number): not proposed again. */
    private final Set<String> keptPrivate = new HashSet<>();
    private int sent;
    private int superseded;

    public Sender(Outbox outbox, Messenger messenger, SendingState state, Audience audience, Spend spend,
                  OutboundQueue queue, IncidentStore incidents, OnCall onCall, SendingPolicy policy, Clock clock) {
        this.outbox = outbox;
        this.messenger = messenger;
        this.state = state;
        this.audience = audience;
        this.spend = spend;
        this.queue = queue;
        this.incidents = incidents;
        this.onCall = onCall;
        this.policy = policy;
        this.clock = clock;
        this.coalescing = new Coalescing(outbox, incidents);
    }

    /** A wake-up: enters these new messages in the plan, then works it if no other sender is. */
    public Round wake(Collection<String> newMessageKeys) {
        newMessageKeys.forEach(outbox::plan);
        String me = UUID.randomUUID().toString();
        if (!state.acquire(me, clock.instant(), LEASE)) {
            // Someone works the plan: tell them there is more, unless they just finished.
            if (state.poke(clock.instant()) || !state.acquire(me, clock.instant(), LEASE)) {
                return new Round(0, 0, true, null);
            }
        }
        sent = 0;
        superseded = 0;
        Instant next;
        SendingState.Release released;
        try {
            do {
                // Each turn of work is shorter than the lease, and begins by extending it.
                if (!state.renew(me, clock.instant(), LEASE)) {
                    return new Round(sent, superseded, true, null);
                }
                next = work();
                released = state.release(me);
            } while (released == SendingState.Release.POKED);
        } catch (RuntimeException | Error failed) {
            giveUpAfterFailure(me, failed);
            throw failed;
        }
        if (next != null) {
            // The queue holds a wake-up for at most a quarter of an hour: a longer wait is made of several.
            Instant cap = clock.instant().plus(LONGEST_WAKE);
            next = next.isAfter(cap) ? cap : next;
            if (state.wakeNeeded(next, clock.instant())) {
                queue.wakeLater(Duration.between(clock.instant(), next));
            }
        }
        return new Round(sent, superseded, false, next);
    }

    /**
     * A turn that failed gives the lease up at once: the queue delivers this wake-up again, and a lease still
     * held would turn that retry away as busy, leaving the plan to the next heartbeat.
     */
    private void giveUpAfterFailure(String me, Throwable failed) {
        try {
            for (int tries = 0; tries < 3 && state.release(me) == SendingState.Release.POKED; tries++) {
                // A poke kept the lease: release again.
            }
        } catch (RuntimeException releaseFailed) {
            failed.addSuppressed(releaseFailed);
        }
    }

    /**
     * What one turn of work keeps in hand. Only the lease holder changes budgets, the pause and the spend, so they
     * are read once a turn; the plan's heads are read again after a few sends (a message planned meanwhile pokes
     * the holder, which then works another turn).
     */
    private final class Turn {
        static final int READ_AGAIN_AFTER = 10;
        final Map<Lane, LaneBudget> budgets = new EnumMap<>(Lane.class);
        Optional<Pause> pause = state.pause();
        private LocalDate day;
        private long spentToday;
        private Map<Lane, List<StoredMessage>> heads;
        private int sendsSinceRead;

        Turn() {
            for (Lane lane : Lane.values()) {
                budgets.put(lane, state.budget(lane).orElseGet(() -> LaneBudget.fresh(lane, policy.limits(lane))));
            }
        }

        void save(LaneBudget budget) {
            budgets.put(budget.lane(), budget);
            state.save(budget);
        }

        long spent(Instant now) {
            if (!today(now).equals(day)) {
                day = today(now);
                spentToday = spend.on(day);
            }
            return spentToday;
        }

        void charged(Instant now, long micros) {
            spent(now);
            spentToday += micros;
        }

        Map<Lane, List<StoredMessage>> heads() {
            if (heads == null || sendsSinceRead >= READ_AGAIN_AFTER) {
                heads = new EnumMap<>(Lane.class);
                for (Lane lane : Lane.values()) {
                    heads.put(lane, new ArrayList<>(outbox.waiting(lane, HEAD)));
                }
                sendsSinceRead = 0;
            }
            return heads;
        }

        /** The message left the plan (or changed): the heads in hand no longer show it. */
        void taken(StoredMessage message) {
            if (heads != null) {
                heads.values().forEach(head -> head.removeIf(waiting -> waiting.key().equals(message.key())));
                sendsSinceRead++;
                if (heads.values().stream().anyMatch(List::isEmpty)) {
                    heads = null;
                }
            }
        }

        void readAgain() {
            heads = null;
        }
    }

    private Turn turn;

    /** Steps until nothing may go now; returns when to look again (null: nothing waits). */
    private Instant work() {
        Instant until = clock.instant().plus(WORK_AT_MOST);
        turn = new Turn();
        while (clock.instant().isBefore(until)) {
            Instant now = clock.instant();
            if (turn.pause.isPresent()) {
                Pause pause = turn.pause.get();
                alarmOnce(pause);
                if (pause.nextProbeAt().isAfter(now)) {
                    return pause.nextProbeAt();
                }
                probe(pause, now);
                turn.pause = state.pause();
                continue;
            }
            List<StoredMessage> due = outbox.due(now, 1);
            if (!due.isEmpty()) {
                lookUp(due.get(0), now);
                turn.readAgain();
                continue;
            }
            Map<Lane, LaneBudget> budgets = turn.budgets;
            Map<Lane, List<StoredMessage>> waiting = turn.heads();
            List<StoredMessage> toPublic = Plan.toPublic(waiting.get(Lane.DIRECT_MESSAGES), budgets.get(Lane.DIRECT_MESSAGES),
                    waiting.get(Lane.POSTS), budgets.get(Lane.POSTS), policy, now, stored -> !keptPrivate.contains(stored.key()));
            if (!toPublic.isEmpty()) {
                toPublic.forEach(stored -> goPublic(stored, budgets, now));
                turn.readAgain();
                continue;
            }
            long spentToday = turn.spent(now);
            Plan.Pick pick = Plan.pick(waiting, budgets, policy, now, stored -> heldUntil(stored, spentToday, now));
            if (pick instanceof Plan.Pick.Send send) {
                attempt(send.message(), now);
                turn.taken(send.message());
            } else {
                Instant wait = ((Plan.Pick.Wait) pick).until();
                Optional<Instant> lookUp = outbox.nextLookup();
                return lookUp.isPresent() && (wait == null || lookUp.get().isBefore(wait)) ? lookUp.get() : wait;
            }
        }
        return clock.instant();
    }

    /** Until when something other than X's budget holds the message back, or null. */
    private Instant heldUntil(StoredMessage stored, long spentToday, Instant now) {
        if (stored.notBefore() != null && stored.notBefore().isAfter(now)) {
            return stored.notBefore();
        }
        OutboundMessage message = stored.message();
        if (message.inReplyToMessageKey() != null) {
            Optional<StoredMessage> parent = outbox.find(message.inReplyToMessageKey());
            if (parent.isPresent() && !parent.get().state().isFinal()) {
                return now.plus(WAIT_FOR_THREAD);
            }
        }
        if (policy.dailyCeilingMicros() > 0 && message.messageClass().heldBySpendCeiling()
                && spentToday + policy.prices().of(message) > policy.dailyCeilingMicros()) {
            return today(now).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        return null;
    }

    /** An acknowledgement that would wait too long for a DM goes as a public reply: the number only. */
    private void goPublic(StoredMessage stored, Map<Lane, LaneBudget> budgets, Instant now) {
        OutboundMessage message = stored.message();
        Optional<Incident> incident = message.incidentNumber() == null ? Optional.empty()
                : incidents.find(message.incidentNumber());
        if (incident.isEmpty() || incident.get().flags().contains(Incident.FLAG_SECRET_REDACTED)
                || incident.get().flags().contains(Incident.FLAG_CALL_DESK)) {
            // A warning about a leaked secret or the desk's phone number must reach them privately.
            keptPrivate.add(stored.key());
            return;
        }
        OutboundMessage reply = message.asFallbackReply().saying(PlanWording.acknowledgedPublicly(message.incidentNumber(),
                incident.get().outageId(), !incident.get().isOpen()), null);
        Instant dmSlot = budgets.get(Lane.DIRECT_MESSAGES).nextSlot(now, MessageClass.ACKNOWLEDGEMENT,
                policy.directMessages().reserve());
        outbox.rewrite(stored, reply, DeliveryNotes.changed(message, "no DM slot within "
                + policy.acknowledgeWithin().toMinutes() + " minutes of the report (the next is at " + dmSlot
                + "): acknowledged by a public reply with the incident number only", now));
        Log.info("acknowledged-publicly", "key", stored.key());
    }

    /** One send: claim, merge or drop by the news it carries, mind the person, spend one request, record. */
    private void attempt(StoredMessage stored, Instant now) {
        if (!outbox.claim(stored, now, true, now.plus(WATCHDOG))) {
            return;
        }
        Coalescing.Outcome merged = coalescing.apply(stored, now);
        if (merged.superseded() > 0) {
            superseded += merged.superseded();
            Log.metrics("ServiceDesk", Map.of("MessagesSuperseded", merged.superseded()));
        }
        if (merged.dropWhy() != null) {
            outbox.markUndelivered(stored.message(), DeliveryState.SUPERSEDED, merged.dropWhy(),
                    DeliveryNotes.changed(stored.message(), "not sent: " + merged.dropWhy(), now));
            superseded++;
            Log.metrics("ServiceDesk", Map.of("MessagesSuperseded", 1));
            return;
        }
        OutboundMessage message = merged.message();
        String recipient = message.recipientId();
        // Manners are checked at the last moment: a block or the day's other messages may be newer than this one.
        String withheld = recipient == null ? null
                : audience.isBlocked(recipient) ? "the IT account has blocked the recipient"
                : audience.blocksAccount(recipient) ? "the recipient has blocked the IT account"
                : message.unsolicited() && !audience.takeUnsolicited(recipient, today(now))
                ? "the recipient's daily allowance of unsolicited messages is used" : null;
        if (withheld != null) {
            outbox.markUndelivered(message, DeliveryState.WITHHELD, withheld, DeliveryNotes.undelivered(message, withheld, now));
            return;
        }
        if (message.channel() == Channel.DIRECT_MESSAGE && !audience.acceptsDms(recipient, now)) {
            refusedDm(message, "X refused an earlier DM to them", now);
            return;
        }
        if (message.inReplyToMessageKey() != null) {
            message = threadUnder(message);
        }
        LaneBudget spent = turn.budgets.get(message.lane()).taken(1, now);
        turn.save(spent);
        Delivery delivery = switch (message.channel()) {
            case DIRECT_MESSAGE -> messenger.directMessage(recipient, message.text());
            case PUBLIC_REPLY -> messenger.reply(message.inReplyToTweetId(), message.text());
            case TIMELINE_POST -> messenger.post(message.text());
        };
        outcome(stored, message, spent, delivery, clock.instant());
    }

    private void outcome(StoredMessage stored, OutboundMessage message, LaneBudget budget, Delivery delivery, Instant now) {
        switch (delivery) {
            case Delivery.Sent done -> {
                turn.save(budget.observed(done.limit()));
                outbox.markSent(message, done.id(), DeliveryNotes.sent(message, now));
                charge(message, policy.prices().of(message), kindOf(message), now);
                sent++;
                if (message.messageClass() == MessageClass.ACKNOWLEDGEMENT) {
                    Log.metrics("ServiceDesk", Map.of("SecondsToAcknowledge",
                            Duration.between(stored.createdAt(), now).toMillis() / 1000.0));
                }
            }
            case Delivery.Refused refused -> {
                turn.save(budget.observed(refused.limit()));
                refused(stored, message, refused, now);
            }
            case Delivery.RateLimited limited -> {
                LaneBudget after = budget.rateLimited(limited, now, ThreadLocalRandom.current().nextDouble());
                turn.save(after);
                outbox.release(message, null, null);
                Log.warn("x-rate-limited", "lane", budget.lane(), "until",
                        String.valueOf(after.nextSlot(now, MessageClass.ANNOUNCEMENT, 0)));
            }
            case Delivery.AccountFailed failed -> {
                outbox.release(message, null, null);
                Pause pause = Pause.of(failed, now);
                if (state.startPause(pause)) {
                    Log.error("sending-paused", "problem", failed.problem(), "status", failed.status());
                    alarmOnce(pause);
                }
                turn.pause = state.pause();
            }
            case Delivery.Unavailable unavailable -> outbox.release(message, now.plus(RETRY_UNAVAILABLE_AFTER), null);
            case Delivery.Uncertain uncertain -> outbox.markUncertain(message, uncertain.reason(), now.plus(LOOK_UP_AFTER),
                    DeliveryNotes.changed(message, "outcome unknown (" + uncertain.reason() + "): it is looked up on X before anything is sent again", now));
        }
    }

    /** One message refused: each reason has its own way out, and the record says which. */
    private void refused(StoredMessage stored, OutboundMessage message, Delivery.Refused refused, Instant now) {
        String said = "X refused it (" + refused.status() + ": " + refused.reason() + ")";
        switch (refused.refusal()) {
            case NOT_MESSAGEABLE -> {
                audience.dmsRefused(message.recipientId(), now.plus(DMS_REFUSED_REMEMBERED));
                refusedDm(message, said, now);
            }
            case DUPLICATE -> {
                if (stored.attempts() > 1) {
                    // An earlier attempt whose outcome was unknown may be the post X sees: look it up.
                    outbox.markUncertain(message, "X calls it a duplicate", now,
                            DeliveryNotes.changed(message, said + ": looking for an earlier attempt on X", now));
                } else {
                    outbox.release(message.saying(PlanWording.distinct(message.text(), now), message.fallbackText()), now,
                            DeliveryNotes.changed(message, said + " as a duplicate of an earlier post: sent again with the time added", now));
                }
            }
            case REPLY_NOT_ALLOWED, NOT_VISIBLE -> refusedReply(message, refused.refusal(), said, now);
            case INVALID -> fail(message, said, now);
        }
    }

    /** A DM that cannot go: the public fallback (the number only) if there is one, else nothing. */
    private void refusedDm(OutboundMessage message, String why, Instant now) {
        if (message.hasFallback()) {
            outbox.release(message.asFallbackReply(), now, DeliveryNotes.changed(message,
                    why + ": the recipient does not accept DMs, so a public reply with the number goes instead", now));
        } else {
            fail(message, why + ": the recipient does not accept DMs and there is no public way to say it", now);
        }
    }

    /**
     * A reply X refused: a post of the account's own thread goes out as a post of its own (announcements never
     * depend on a reply); an answer to a person goes by DM instead when they accept DMs, or as a post that
     * addresses them, else not at all.
     */
    private void refusedReply(OutboundMessage message, Delivery.Refusal refusal, String why, Instant now) {
        if (message.recipientId() == null) {
            outbox.release(message.asStandalonePost(message.text()), now,
                    DeliveryNotes.changed(message, why + ": posted on its own instead of as a reply", now));
        } else if (refusal == Delivery.Refusal.REPLY_NOT_ALLOWED && audience.acceptsDms(message.recipientId(), now)) {
            outbox.release(message.asDirectMessage(), now,
                    DeliveryNotes.changed(message, why + " (the reply restriction): sent by DM instead", now));
        } else {
            Optional<Incident> incident = message.incidentNumber() == null ? Optional.empty()
                    : incidents.find(message.incidentNumber());
            if (refusal == Delivery.Refusal.REPLY_NOT_ALLOWED && incident.isPresent()) {
                outbox.release(message.asStandalonePost(PlanWording.addressed(incident.get().reporter().handle(), message.text())),
                        now, DeliveryNotes.changed(message, why + " (the reply restriction): a post addressed to them instead", now));
            } else {
                fail(message, why, now);
            }
        }
    }

    private void fail(OutboundMessage message, String why, Instant now) {
        outbox.markUndelivered(message, DeliveryState.FAILED, why, DeliveryNotes.undelivered(message, why, now));
        Log.warn("message-failed", "key", message.key(), "why", why);
    }

    /** The post as a reply under the one it follows once that is on X; on its own if that one never made it. */
    private OutboundMessage threadUnder(OutboundMessage message) {
        Optional<StoredMessage> parent = outbox.find(message.inReplyToMessageKey());
        if (parent.isPresent() && parent.get().state() == DeliveryState.SENT && parent.get().xId() != null
                && !parent.get().xId().isEmpty()) {
            return message.replyingTo(parent.get().xId());
        }
        return OutboundMessage.timelinePost(message.key(), message.text(), null);
    }

    /** A message whose last attempt had no known outcome: is it on X? Then it is sent; if not, it goes once more. */
    private void lookUp(StoredMessage stored, Instant now) {
        if (!outbox.claim(stored, now, false, now.plus(WATCHDOG))) {
            return;
        }
        OutboundMessage message = stored.message();
        Instant since = (stored.claimedAt() != null ? stored.claimedAt() : stored.createdAt()).minus(LOOK_UP_FROM);
        Lookup found = messenger.findSent(message, since);
        switch (found) {
            case Lookup.Found on -> {
                chargeRead(message, on.resourcesRead(), now);
                outbox.markSent(message, on.id(), DeliveryNotes.sent(message, now));
                charge(message, policy.prices().of(message), kindOf(message), now);
                sent++;
                Log.info("uncertain-message-found", "key", message.key());
            }
            case Lookup.NotFound none -> {
                chargeRead(message, none.resourcesRead(), now);
                if (stored.attempts() >= MOST_ATTEMPTS) {
                    fail(message, "not on X after " + stored.attempts() + " attempts whose outcome was unknown", now);
                } else {
                    outbox.release(message, now, DeliveryNotes.changed(message,
                            "not on X after an attempt whose outcome was unknown: it goes once more", now));
                }
            }
            case Lookup.Unknown unknown -> outbox.markUncertain(message, "look-up failed: " + unknown.reason(),
                    unknown.retryAt() != null && unknown.retryAt().isAfter(now) ? unknown.retryAt() : now.plus(LOOK_UP_AFTER), null);
        }
    }

    /** Sending is paused: has X started accepting again? The cheapest authenticated read tells. */
    private void probe(Pause pause, Instant now) {
        Delivery answer = messenger.probe(pause.problem());
        if (answer instanceof Delivery.Sent) {
            charge(null, pause.problem().provenByADmRead() ? policy.prices().dmEventRead() : policy.prices().userRead(),
                    Spend.Kind.READ, now);
            state.endPause();
            Log.info("sending-resumed", "pausedSince", pause.since().toString(), "problem", pause.problem());
        } else {
            state.savePause(pause.probedAgainAt(now));
        }
    }

    /** One notice to on-call per pause; it is marked told only once on-call has it. */
    private void alarmOnce(Pause pause) {
        if (pause.alarmed()) {
            return;
        }
        onCall.sendingPaused(pause);
        state.savePause(pause.alarmed(true));
        turn.pause = Optional.of(pause.alarmed(true));
    }

    private void charge(OutboundMessage message, long micros, Spend.Kind kind, Instant now) {
        spend.add(today(now), message == null ? null : message.incidentNumber(), micros, kind);
        turn.charged(now, micros);
        Log.metrics("ServiceDesk", Map.of("EstimatedCostUsd", micros / 1_000_000.0));
    }

    private void chargeRead(OutboundMessage message, int resources, Instant now) {
        if (resources > 0) {
            long each = message.channel() == Channel.DIRECT_MESSAGE ? policy.prices().dmEventRead() : policy.prices().ownedRead();
            charge(message, each * resources, Spend.Kind.READ, now);
        }
    }

    private static Spend.Kind kindOf(OutboundMessage message) {
        return switch (message.channel()) {
            case DIRECT_MESSAGE -> Spend.Kind.DIRECT_MESSAGE;
            case PUBLIC_REPLY -> Spend.Kind.REPLY;
            case TIMELINE_POST -> Spend.Kind.POST;
        };
    }

    private static LocalDate today(Instant now) {
        return now.atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
