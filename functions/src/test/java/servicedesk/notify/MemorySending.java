package servicedesk.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import servicedesk.incident.TimelineEntry;

/**
 * The sender's ports in memory, with the table adapters' rules: the outbox moves a message only from the state
 * it was read in, keeps pending messages in their lane's plan (best first) and attempts under way or in doubt
 * in the look-up plan; a scripted X answers each call in turn.
 */
public final class MemorySending {
    private MemorySending() {
    }

    public static final class MemoryOutbox implements Outbox {
        private static final class Entry {
            StoredMessage stored;
            boolean planned;
            Instant lookAt;
            String why;

            Entry(StoredMessage stored) {
                this.stored = stored;
            }
        }

        private final Map<String, Entry> messages = new LinkedHashMap<>();
        /** What went on the incidents' timelines, as "<incident>: <kind> <text>". */
        final List<String> notes = new ArrayList<>();

        /** Queues a message as a committed change would, at {@code at}, and enters it in the plan. */
        public synchronized void add(OutboundMessage message, Instant at) {
            messages.put(message.key(), new Entry(new StoredMessage(message, DeliveryState.PENDING, at, null, null, 0, null)));
            plan(message.key());
        }

        synchronized DeliveryState state(String key) {
            return messages.get(key).stored.state();
        }

        synchronized OutboundMessage message(String key) {
            return messages.get(key).stored.message();
        }

        synchronized String why(String key) {
            return messages.get(key).why;
        }

        @Override
        public synchronized Optional<StoredMessage> find(String key) {
            return Optional.ofNullable(messages.get(key)).map(entry -> entry.stored);
        }

        @Override
        public synchronized boolean plan(String key) {
            Entry entry = messages.get(key);
            if (entry == null || entry.stored.state() != DeliveryState.PENDING) {
                return false;
            }
            entry.planned = true;
            return true;
        }

        @Override
        public synchronized List<StoredMessage> waiting(Lane lane, int limit) {
            return messages.values().stream()
                    .filter(entry -> entry.planned && entry.stored.state() == DeliveryState.PENDING
                            && entry.stored.message().lane() == lane)
                    .map(entry -> entry.stored).sorted(Plan.ORDER).limit(limit).toList();
        }

        @Override
        public synchronized Map<Lane, Map<MessageClass, Integer>> waitingCounts() {
            Map<Lane, Map<MessageClass, Integer>> counts = new EnumMap<>(Lane.class);
            for (Lane lane : Lane.values()) {
                Map<MessageClass, Integer> byClass = new EnumMap<>(MessageClass.class);
                waiting(lane, Integer.MAX_VALUE).forEach(stored -> byClass.merge(stored.message().messageClass(), 1, Integer::sum));
                counts.put(lane, byClass);
            }
            return counts;
        }

        @Override
        public synchronized List<StoredMessage> due(Instant now, int limit) {
            return lookups().entrySet().stream().filter(lookAt -> !lookAt.getKey().isAfter(now))
                    .flatMap(lookAt -> lookAt.getValue().stream()).limit(limit).toList();
        }

        @Override
        public synchronized Optional<Instant> nextLookup() {
            TreeMap<Instant, List<StoredMessage>> lookups = lookups();
            return lookups.isEmpty() ? Optional.empty() : Optional.of(lookups.firstKey());
        }

        private TreeMap<Instant, List<StoredMessage>> lookups() {
            TreeMap<Instant, List<StoredMessage>> lookups = new TreeMap<>();
            for (Entry entry : messages.values()) {
                if (entry.lookAt != null) {
                    lookups.computeIfAbsent(entry.lookAt, at -> new ArrayList<>()).add(entry.stored);
                }
            }
            return lookups;
        }

        @Override
        public synchronized boolean claim(StoredMessage message, Instant now, boolean attempt, Instant watchdogAt) {
            Entry entry = messages.get(message.key());
            if (entry == null || !entry.stored.equals(message)) {
                return false;
            }
            StoredMessage was = entry.stored;
            entry.stored = new StoredMessage(was.message(), DeliveryState.SENDING, was.createdAt(), was.notBefore(), now,
                    was.attempts() + (attempt ? 1 : 0), null);
            entry.planned = false;
            entry.lookAt = watchdogAt;
            return true;
        }

        private Entry sending(OutboundMessage message) {
            Entry entry = messages.get(message.key());
            if (entry.stored.state() != DeliveryState.SENDING) {
                throw new IllegalStateException(message.key() + " is " + entry.stored.state() + ", not SENDING");
            }
            return entry;
        }

        private void become(Entry entry, OutboundMessage message, DeliveryState state, Instant notBefore, String xId) {
            StoredMessage was = entry.stored;
            entry.stored = new StoredMessage(message, state, was.createdAt(), notBefore, was.claimedAt(), was.attempts(), xId);
        }

        @Override
        public synchronized void markSent(OutboundMessage sent, String xId, TimelineEntry note) {
            Entry entry = sending(sent);
            become(entry, sent, DeliveryState.SENT, null, xId);
            entry.lookAt = null;
            note(sent, note);
        }

        @Override
        public synchronized void release(OutboundMessage next, Instant notBefore, TimelineEntry note) {
            Entry entry = sending(next);
            become(entry, next, DeliveryState.PENDING, notBefore, null);
            entry.lookAt = null;
            entry.planned = true;
            note(next, note);
        }

        @Override
        public synchronized void markUncertain(OutboundMessage message, String reason, Instant lookAt, TimelineEntry note) {
            Entry entry = sending(message);
            become(entry, message, DeliveryState.UNCERTAIN, null, null);
            entry.lookAt = lookAt;
            entry.why = reason;
            note(message, note);
        }

        @Override
        public synchronized void markUndelivered(OutboundMessage message, DeliveryState state, String reason, TimelineEntry note) {
            Entry entry = sending(message);
            become(entry, message, state, null, null);
            entry.lookAt = null;
            entry.why = reason;
            note(message, note);
        }

        @Override
        public synchronized boolean rewrite(StoredMessage was, OutboundMessage next, TimelineEntry note) {
            Entry entry = messages.get(was.key());
            if (entry == null || entry.stored.state() != DeliveryState.PENDING) {
                return false;
            }
            become(entry, next, DeliveryState.PENDING, entry.stored.notBefore(), null);
            note(next, note);
            return true;
        }

        @Override
        public synchronized boolean supersede(StoredMessage message, String why, TimelineEntry note) {
            Entry entry = messages.get(message.key());
            if (entry == null || entry.stored.state() != DeliveryState.PENDING) {
                return false;
            }
            become(entry, entry.stored.message(), DeliveryState.SUPERSEDED, null, null);
            entry.planned = false;
            entry.why = why;
            note(message.message(), note);
            return true;
        }

        private void note(OutboundMessage message, TimelineEntry note) {
            if (note != null && message.incidentNumber() != null) {
                notes.add(message.incidentNumber() + ": " + note.kind() + " " + note.text());
            }
        }
    }

    /** Budgets, pause, lease and wake-up in memory; {@code pokeWhileHeld} lets a test act as a second sender. */
    public static final class MemoryState implements SendingState {
        final Map<Lane, LaneBudget> budgets = new EnumMap<>(Lane.class);
        Pause pause;
        String holder;
        Instant holdUntil;
        boolean poked;
        Instant wakeAt;
        Runnable onRelease = () -> { };

        @Override
        public Optional<LaneBudget> budget(Lane lane) {
            return Optional.ofNullable(budgets.get(lane));
        }

        @Override
        public void save(LaneBudget budget) {
            budgets.put(budget.lane(), budget);
        }

        @Override
        public Optional<Pause> pause() {
            return Optional.ofNullable(pause);
        }

        @Override
        public boolean startPause(Pause started) {
            if (pause != null) {
                return false;
            }
            pause = started;
            return true;
        }

        @Override
        public void savePause(Pause kept) {
            pause = kept;
        }

        @Override
        public void endPause() {
            pause = null;
        }

        @Override
        public boolean acquire(String owner, Instant now, Duration hold) {
            if (holder != null && !holdUntil.isBefore(now)) {
                return false;
            }
            holder = owner;
            holdUntil = now.plus(hold);
            poked = false;
            return true;
        }

        @Override
        public boolean renew(String owner, Instant now, Duration hold) {
            if (!owner.equals(holder)) {
                return false;
            }
            holdUntil = now.plus(hold);
            return true;
        }

        @Override
        public boolean poke(Instant now) {
            if (holder == null || holdUntil.isBefore(now)) {
                return false;
            }
            poked = true;
            return true;
        }

        @Override
        public Release release(String owner) {
            onRelease.run();
            if (!owner.equals(holder)) {
                return Release.LOST;
            }
            if (poked) {
                poked = false;
                return Release.POKED;
            }
            holder = null;
            return Release.RELEASED;
        }

        Instant surge;

        @Override
        public Optional<Instant> surge() {
            return Optional.ofNullable(surge);
        }

        @Override
        public void publishSurge(Optional<Instant> answeredBy) {
            surge = answeredBy.orElse(null);
        }

        @Override
        public boolean wakeNeeded(Instant at, Instant now) {
            if (wakeAt != null && wakeAt.isAfter(now) && !wakeAt.isAfter(at)) {
                return false;
            }
            wakeAt = at;
            return true;
        }
    }

    public static final class MemorySpend implements Spend {
        final Map<LocalDate, Long> days = new TreeMap<>();
        final Map<String, Long> incidents = new TreeMap<>();

        @Override
        public void add(LocalDate day, String incidentNumber, long micros, Kind kind) {
            days.merge(day, micros, Long::sum);
            if (incidentNumber != null) {
                incidents.merge(incidentNumber, micros, Long::sum);
            }
        }

        @Override
        public long on(LocalDate day) {
            return days.getOrDefault(day, 0L);
        }

        @Override
        public List<Day> days(LocalDate from, LocalDate to) {
            return days.entrySet().stream().filter(day -> !day.getKey().isBefore(from) && !day.getKey().isAfter(to))
                    .map(day -> new Day(day.getKey(), day.getValue(), 0, 0, 0, 0)).toList();
        }

        @Override
        public List<Incident> incidents() {
            return incidents.entrySet().stream().map(each -> new Incident(each.getKey(), each.getValue())).toList();
        }
    }

    /** Whom the account blocks, who blocks the account, who refused DMs, and how many unsolicited messages each person may still get today. */
    static final class MemoryAudience implements Audience {
        final Set<String> blocking = new HashSet<>();
        final Set<String> blockingAccount = new HashSet<>();
        final Map<String, Instant> refusedDms = new HashMap<>();
        final Map<String, Integer> allowance = new HashMap<>();

        @Override
        public boolean isBlocked(String userId) {
            return blocking.contains(userId);
        }

        @Override
        public boolean blocksAccount(String userId) {
            return blockingAccount.contains(userId);
        }

        @Override
        public boolean takeUnsolicited(String userId, LocalDate day) {
            int left = allowance.getOrDefault(userId, 1);
            allowance.put(userId, left - 1);
            return left > 0;
        }

        @Override
        public boolean acceptsDms(String userId, Instant now) {
            Instant until = refusedDms.get(userId);
            return until == null || !now.isBefore(until);
        }

        @Override
        public void dmsRefused(String userId, Instant until) {
            refusedDms.put(userId, until);
        }
    }

    /** A scripted X: answers each send with the next scripted delivery (else sends it), and records every call. */
    static final class ScriptedX implements Messenger {
        final List<Delivery> answers = new ArrayList<>();
        final List<Lookup> lookups = new ArrayList<>();
        final List<Delivery> probes = new ArrayList<>();
        final List<String> calls = new ArrayList<>();
        private int ids = 100;

        ScriptedX answering(Delivery... next) {
            answers.addAll(List.of(next));
            return this;
        }

        /** Thrown by the next call, as a bug in a round would be. */
        RuntimeException failNext;

        private Delivery answer(String call) {
            calls.add(call);
            if (failNext != null) {
                RuntimeException failure = failNext;
                failNext = null;
                throw failure;
            }
            return answers.isEmpty() ? new Delivery.Sent(Integer.toString(ids++), RateLimit.NONE) : answers.remove(0);
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

        @Override
        public Delivery probe(Delivery.AccountProblem problem) {
            calls.add("probe");
            return probes.isEmpty() ? new Delivery.Sent("me", RateLimit.NONE) : probes.remove(0);
        }

        @Override
        public Lookup findSent(OutboundMessage message, Instant since) {
            calls.add("look up " + message.key());
            return lookups.isEmpty() ? new Lookup.NotFound(0) : lookups.remove(0);
        }

        /** The sends (DMs, replies, posts) in order, without probes and look-ups. */
        List<String> sends() {
            return calls.stream().filter(call -> call.startsWith("dm ") || call.startsWith("reply ") || call.startsWith("post: "))
                    .toList();
        }
    }

    /** The wake-ups the sender queued for later. */
    static final class RecordingQueue implements OutboundQueue {
        final List<Duration> wakes = new ArrayList<>();

        @Override
        public void enqueue(List<String> messageKeys) {
            throw new UnsupportedOperationException("the sender only queues wake-ups");
        }

        @Override
        public void wakeLater(Duration delay) {
            wakes.add(delay);
        }
    }
}
