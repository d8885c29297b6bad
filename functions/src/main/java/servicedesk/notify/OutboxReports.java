package servicedesk.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the plan looks like from outside: the waiting messages by class and lane, the budget left in each of
 * X's windows, when the last waiting message is expected to go, the pause if sending is paused, and the
 * estimated spend. For {@code GET /outbox}, the status page's surge note, {@code GET /reports} and the metrics.
 */
public final class OutboxReports {
    /** Reports are answered "in order" on the status page once the last acknowledgement is this far off. */
    static final Duration SURGE_AFTER = Duration.ofMinutes(2);

    private final Outbox outbox;
    private final SendingState state;
    private final Spend spend;
    private final SendingPolicy policy;
    private final Clock clock;

    public OutboxReports(Outbox outbox, SendingState state, Spend spend, SendingPolicy policy, Clock clock) {
        this.outbox = outbox;
        this.state = state;
        this.spend = spend;
        this.policy = policy;
        this.clock = clock;
    }

    /** One of X's windows as the desk knows it now. */
    public record WindowReport(String window, int limit, int remaining, Instant resetsAt) {
    }

    /** A lane: what waits in it, its windows, and when its last waiting message is expected to go (null: none waits). */
    public record LaneReport(Lane lane, Map<MessageClass, Integer> waiting, List<WindowReport> windows, Instant backoffUntil,
                             Instant expectedLastSend) {
        public int total() {
            return waiting.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** The whole plan now; {@code pause} is null unless sending is paused. */
    public record OutboxReport(Instant at, Pause pause, List<LaneReport> lanes, Instant expectedLastSend,
                               Instant expectedLastAcknowledgement, long spentTodayMicros, long ceilingMicros) {
        public Map<MessageClass, Integer> waitingByClass() {
            Map<MessageClass, Integer> byClass = new EnumMap<>(MessageClass.class);
            lanes.forEach(lane -> lane.waiting().forEach((kind, count) -> byClass.merge(kind, count, Integer::sum)));
            return byClass;
        }

        public int waiting() {
            return lanes.stream().mapToInt(LaneReport::total).sum();
        }
    }

    /** The desk's estimated spend on X: each day's, and per incident. */
    public record SpendReport(long todayMicros, long ceilingMicros, List<Spend.Day> days, int incidents, long incidentMicros,
                              long mostForOneIncidentMicros) {
        public long meanPerIncidentMicros() {
            return incidents == 0 ? 0 : incidentMicros / incidents;
        }
    }

    public OutboxReport outbox() {
        Instant now = clock.instant();
        Optional<Pause> pause = state.pause();
        Instant from = pause.map(paused -> paused.nextProbeAt().isAfter(now) ? paused.nextProbeAt() : now).orElse(now);
        Map<Lane, Map<MessageClass, Integer>> counts = outbox.waitingCounts();
        List<LaneReport> lanes = new ArrayList<>();
        Instant last = null;
        Instant lastAcknowledgement = null;
        for (Lane lane : Lane.values()) {
            LaneBudget budget = state.budget(lane).orElseGet(() -> LaneBudget.fresh(lane, policy.limits(lane)));
            Map<MessageClass, Integer> waiting = counts.getOrDefault(lane, Map.of());
            int total = waiting.values().stream().mapToInt(Integer::intValue).sum();
            int reserve = policy.limits(lane).reserve();
            Instant expected = total == 0 ? null
                    : budget.expectedAt(total - 1, from, lowest(waiting), reserve);
            int acknowledgements = waiting.getOrDefault(MessageClass.ACKNOWLEDGEMENT, 0);
            if (acknowledgements > 0) {
                int ahead = waiting.getOrDefault(MessageClass.ANNOUNCEMENT, 0);
                lastAcknowledgement = latest(lastAcknowledgement,
                        budget.expectedAt(ahead + acknowledgements - 1, from, MessageClass.ACKNOWLEDGEMENT, reserve));
            }
            lanes.add(new LaneReport(lane, waiting, windows(budget, now), budget.backoffUntil() != null
                    && budget.backoffUntil().isAfter(now) ? budget.backoffUntil() : null, expected));
            last = latest(last, expected);
        }
        return new OutboxReport(now, pause.orElse(null), lanes, last, lastAcknowledgement,
                spend.on(today(now)), policy.dailyCeilingMicros());
    }

    /**
     * During a surge (acknowledgements queued behind X's limits), when the last waiting report is expected to be
     * answered; empty otherwise.
     */
    public Optional<Instant> surgeAnsweredBy() {
        OutboxReport report = outbox();
        Instant last = report.expectedLastAcknowledgement();
        return last != null && last.isAfter(report.at().plus(SURGE_AFTER)) ? Optional.of(last) : Optional.empty();
    }

    /** The last {@code days} UTC days' spend and the spend per incident so far. */
    public SpendReport spend(int days) {
        LocalDate today = today(clock.instant());
        List<Spend.Incident> incidents = spend.incidents();
        return new SpendReport(spend.on(today), policy.dailyCeilingMicros(), spend.days(today.minusDays(days - 1L), today),
                incidents.size(), incidents.stream().mapToLong(Spend.Incident::micros).sum(),
                incidents.stream().mapToLong(Spend.Incident::micros).max().orElse(0));
    }

    private static List<WindowReport> windows(LaneBudget budget, Instant now) {
        List<WindowReport> windows = new ArrayList<>();
        windows.add(window("15 minutes, user", budget.quarterHour(), now));
        if (budget.userDay() != null) {
            windows.add(window("24 hours, user", budget.userDay(), now));
        }
        if (budget.appDay() != null) {
            windows.add(window("24 hours, app", budget.appDay(), now));
        }
        return windows;
    }

    private static WindowReport window(String name, LaneBudget.Window window, Instant now) {
        LaneBudget.Window current = window.at(now);
        return new WindowReport(name, current.limit(), current.remaining(), current.resetAt());
    }

    private static MessageClass lowest(Map<MessageClass, Integer> waiting) {
        MessageClass lowest = MessageClass.ANNOUNCEMENT;
        for (Map.Entry<MessageClass, Integer> entry : waiting.entrySet()) {
            if (entry.getValue() > 0 && entry.getKey().compareTo(lowest) > 0) {
                lowest = entry.getKey();
            }
        }
        return lowest;
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null || (b != null && b.isAfter(a)) ? b : a;
    }

    private static LocalDate today(Instant now) {
        return now.atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
