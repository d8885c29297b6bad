package servicedesk.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The best X's limits allow for a surge's arrivals, computed by simulation: every request slot of X's windows
 * (fixed windows that start with their first request and reset whole, as the X stand-in enforces them) is used
 * the instant it exists. Announcements go first; acknowledgements take the earliest slot of either lane (DM or
 * public reply), in arrival order, using first the slots that expire first (a reply rather than a DM when
 * notices may only use DMs); a report acknowledged after the
 * outage or its resolution learns them with its acknowledgement; notices to the others go in report order from
 * what is left, by DM only ({@code noticesByDm}) or by either lane (a lower bound no rule of the desk allows).
 * An outage notice still waiting at the resolution is replaced by the resolution notice.
 */
final class SurgeOptimum {
    static final Duration WINDOW = Duration.ofMinutes(15);

    /** When each reporter (by report order) was acknowledged, learned of the outage, and of its resolution. */
    record Times(Instant[] acknowledged, Instant[] learnedOutage, Instant[] learnedResolution) {
    }

    /** One of X's write budgets: {@code limit} requests per window, the window starting with its first request. */
    private static final class Lane {
        final int limit;
        Instant start;
        int used;

        Lane(int limit) {
            this.limit = limit;
        }

        /** The first instant from {@code t} with a free slot. */
        Instant free(Instant t) {
            if (start == null || !t.isBefore(start.plus(WINDOW)) || used < limit) {
                return t;
            }
            return start.plus(WINDOW);
        }

        /** When the slots free now stop being usable (their window resets); far future when the window is not started. */
        Instant expires(Instant t) {
            return start == null || !t.isBefore(start.plus(WINDOW)) ? Instant.MAX : start.plus(WINDOW);
        }

        void take(Instant t) {
            if (start == null || !t.isBefore(start.plus(WINDOW))) {
                start = t;
                used = 0;
            }
            used++;
        }
    }

    private SurgeOptimum() {
    }

    /**
     * @param reports       when each report arrived, in order
     * @param announcements when each announcement was made (outage, update, resolution)
     * @param outageAt      when the outage was declared
     * @param resolvedAt    when it was resolved
     */
    static Times compute(List<Instant> reports, List<Instant> announcements, Instant outageAt, Instant resolvedAt,
                         int dmsPerWindow, int postsPerWindow, boolean noticesByDm) {
        int n = reports.size();
        Instant[] acknowledged = new Instant[n];
        Instant[] outage = new Instant[n];
        Instant[] resolution = new Instant[n];
        Lane dms = new Lane(dmsPerWindow);
        Lane posts = new Lane(postsPerWindow);
        Deque<Instant> posting = new ArrayDeque<>(announcements.stream().sorted().toList());
        Deque<Integer> toAcknowledge = new ArrayDeque<>();
        List<Integer> outageNotices = new ArrayList<>();
        List<Integer> resolutionNotices = new ArrayList<>();
        boolean declared = false;
        boolean resolved = false;
        int arrived = 0;
        Instant t = reports.get(0);
        for (int guard = 0; guard < 1_000_000; guard++) {
            while (arrived < n && !reports.get(arrived).isAfter(t)) {
                toAcknowledge.add(arrived++);
            }
            if (!declared && !outageAt.isAfter(t)) {
                declared = true;
                for (int i = 0; i < n; i++) {
                    if (acknowledged[i] != null) {
                        outageNotices.add(i);
                    }
                }
            }
            if (!resolved && !resolvedAt.isAfter(t)) {
                resolved = true;
                for (int i = 0; i < n; i++) {
                    if (acknowledged[i] != null) {
                        resolutionNotices.add(i);
                    }
                }
                for (Integer i : outageNotices) {
                    // Replaced by the resolution notice: they learn of both from it.
                    resolutionNotices.remove(i);
                    resolutionNotices.add(i);
                }
                outageNotices.clear();
                resolutionNotices.sort(Integer::compare);
            }
            boolean moved = true;
            while (moved) {
                moved = false;
                if (!posting.isEmpty() && !posting.peek().isAfter(t) && posts.free(t).equals(t)) {
                    posts.take(t);
                    posting.poll();
                    moved = true;
                } else if (!toAcknowledge.isEmpty() && (dms.free(t).equals(t) || posts.free(t).equals(t))) {
                    // Notices to reporters can only use DMs: acknowledgements leave them the DMs when a reply does as well.
                    Lane lane = noticesByDm && posts.free(t).equals(t) ? posts : pick(dms, posts, t, true);
                    lane.take(t);
                    int i = toAcknowledge.poll();
                    acknowledged[i] = t;
                    if (declared) {
                        outage[i] = t;
                    }
                    if (resolved) {
                        resolution[i] = t;
                    }
                    moved = true;
                } else if (!outageNotices.isEmpty() || !resolutionNotices.isEmpty()) {
                    boolean dmFree = dms.free(t).equals(t);
                    boolean postFree = !noticesByDm && posts.free(t).equals(t);
                    if (dmFree || postFree) {
                        pick(dms, posts, t, !noticesByDm).take(t);
                        if (!resolutionNotices.isEmpty()) {
                            int i = resolutionNotices.remove(0);
                            resolution[i] = t;
                            if (outage[i] == null) {
                                outage[i] = t;
                            }
                        } else {
                            outage[outageNotices.remove(0)] = t;
                        }
                        moved = true;
                    }
                }
            }
            boolean done = arrived == n && toAcknowledge.isEmpty() && posting.isEmpty() && declared && resolved
                    && outageNotices.isEmpty() && resolutionNotices.isEmpty();
            if (done) {
                return new Times(acknowledged, outage, resolution);
            }
            t = next(t, reports, arrived, posting, outageAt, resolvedAt, declared, resolved, dms, posts);
        }
        throw new IllegalStateException("the simulation did not finish");
    }

    /**
     * The best time for each acknowledgement on its own: no notice takes a slot they could use (notices come
     * after acknowledgements, but a notice sent while no acknowledgement waits spends a slot a later one needed),
     * and each takes the slot that expires first.
     */
    static Instant[] acknowledgements(List<Instant> reports, List<Instant> announcements, int dmsPerWindow,
                                      int postsPerWindow) {
        Instant never = reports.get(reports.size() - 1).plus(Duration.ofDays(3_650));
        return compute(reports, announcements, never, never, dmsPerWindow, postsPerWindow, false).acknowledged();
    }

    /** The lane to use now: one with a free slot, the one whose slots expire first when both have. */
    private static Lane pick(Lane dms, Lane posts, Instant t, boolean postsAllowed) {
        boolean dmFree = dms.free(t).equals(t);
        boolean postFree = postsAllowed && posts.free(t).equals(t);
        if (dmFree && postFree) {
            return dms.expires(t).isAfter(posts.expires(t)) ? posts : dms;
        }
        return dmFree ? dms : posts;
    }

    private static Instant next(Instant t, List<Instant> reports, int arrived, Deque<Instant> posting, Instant outageAt,
                                Instant resolvedAt, boolean declared, boolean resolved, Lane dms, Lane posts) {
        List<Instant> candidates = new ArrayList<>(Arrays.asList(dms.free(t), posts.free(t)));
        if (arrived < reports.size()) {
            candidates.add(reports.get(arrived));
        }
        if (!posting.isEmpty()) {
            candidates.add(posting.peek());
        }
        if (!declared) {
            candidates.add(outageAt);
        }
        if (!resolved) {
            candidates.add(resolvedAt);
        }
        return candidates.stream().filter(candidate -> candidate.isAfter(t)).min(Instant::compareTo)
                .orElse(t.plusSeconds(1));
    }
}
