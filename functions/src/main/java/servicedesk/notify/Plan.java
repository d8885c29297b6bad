package servicedesk.notify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The sender's decisions, on what it read: which waiting message X's next allowed request goes to, which
 * acknowledgements go public because no DM slot is near, and when to look again. Pure: no I/O.
 */
final class Plan {
    /** Best first: by class, then by when the matter began, then by key (stable). */
    static final Comparator<StoredMessage> ORDER = Comparator
            .comparing((StoredMessage stored) -> stored.message().messageClass())
            .thenComparing(StoredMessage::orderAt)
            .thenComparing(StoredMessage::key);

    private Plan() {
    }

    /** What to do now: send {@code message}, or nothing until {@code until} (null: nothing waits). */
    sealed interface Pick {
        record Send(StoredMessage message) implements Pick {
        }

        record Wait(Instant until) implements Pick {
        }
    }

    /**
     * The best message that may go now, across lanes: in each lane, the first that nothing holds back
     * ({@code heldUntil} after {@code now}: its own retry time, its thread, the spend ceiling) and whose class
     * has a slot now; a lane's later messages never have a slot its best one lacks. Otherwise the earliest
     * time anything could change.
     */
    static Pick pick(Map<Lane, List<StoredMessage>> waiting, Map<Lane, LaneBudget> budgets, SendingPolicy policy,
                     Instant now, Function<StoredMessage, Instant> heldUntil) {
        StoredMessage best = null;
        Instant wake = null;
        for (Map.Entry<Lane, List<StoredMessage>> lane : waiting.entrySet()) {
            LaneBudget budget = budgets.get(lane.getKey());
            int reserve = policy.limits(lane.getKey()).reserve();
            for (StoredMessage candidate : lane.getValue()) {
                Instant held = heldUntil.apply(candidate);
                if (held != null && held.isAfter(now)) {
                    wake = earliest(wake, held);
                    continue;
                }
                Instant slot = budget.nextSlot(now, candidate.message().messageClass(), reserve);
                if (slot.isAfter(now)) {
                    wake = earliest(wake, slot);
                } else if (best == null || ORDER.compare(candidate, best) < 0) {
                    best = candidate;
                }
                break;
            }
        }
        return best != null ? new Pick.Send(best) : new Pick.Wait(wake);
    }

    /**
     * The acknowledgements waiting for a DM that should go as a public reply: taken in order, each keeps its
     * DM when its slot comes within {@code acknowledgeWithin} of when it was queued; otherwise it goes by
     * whichever lane gives it the earlier slot, counting the messages ahead of it there. {@code mayGoPublic}
     * says whether a public reply would do (nothing private that must be said at once).
     */
    static List<StoredMessage> toPublic(List<StoredMessage> directMessages, LaneBudget dmBudget,
                                        List<StoredMessage> posts, LaneBudget postBudget, SendingPolicy policy,
                                        Instant now, Predicate<StoredMessage> mayGoPublic) {
        List<StoredMessage> switched = new ArrayList<>();
        int dmPosition = 0;
        int postPosition = (int) posts.stream()
                .filter(post -> post.message().messageClass().compareTo(MessageClass.ACKNOWLEDGEMENT) <= 0).count();
        int dmReserve = policy.directMessages().reserve();
        int postReserve = policy.posts().reserve();
        for (StoredMessage waiting : directMessages) {
            if (waiting.message().messageClass() != MessageClass.ACKNOWLEDGEMENT) {
                break;
            }
            Instant byDm = dmBudget.expectedAt(dmPosition, now, MessageClass.ACKNOWLEDGEMENT, dmReserve);
            Instant target = waiting.createdAt().plus(policy.acknowledgeWithin());
            if (!byDm.isAfter(target) || !waiting.message().hasFallback()) {
                dmPosition++;
                continue;
            }
            Instant inPublic = postBudget.expectedAt(postPosition, now, MessageClass.ACKNOWLEDGEMENT, postReserve);
            if (inPublic.isBefore(byDm) && mayGoPublic.test(waiting)) {
                switched.add(waiting);
                postPosition++;
            } else {
                dmPosition++;
            }
        }
        return switched;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }
}
