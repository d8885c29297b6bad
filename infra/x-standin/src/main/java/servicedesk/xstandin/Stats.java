package servicedesk.xstandin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the stand-in answered, for tests to assert on ("0 duplicates, 0 missing, 0 429s"). */
final class Stats {
    private final Map<Integer, Integer> byStatus = new TreeMap<>();
    private final List<String> authFailures = new ArrayList<>();
    private final List<Duplicate> duplicates = new ArrayList<>();
    private final List<String> internalErrors = new ArrayList<>();
    private int rateLimited;
    private int dropped;

    synchronized void answered(Answer answer) {
        if (answer.dropConnection()) {
            dropped++;
        } else {
            byStatus.merge(answer.status(), 1, Integer::sum);
        }
    }

    synchronized void rateLimited() {
        rateLimited++;
    }

    synchronized void authFailed(String what) {
        authFailures.add(what);
    }

    synchronized void internalError(String what) {
        internalErrors.add(what);
    }

    synchronized List<String> internalErrors() {
        return List.copyOf(internalErrors);
    }

    synchronized void duplicate(Duplicate duplicate) {
        duplicates.add(duplicate);
    }

    synchronized Map<Integer, Integer> byStatus() {
        return Map.copyOf(byStatus);
    }

    synchronized int count(int status) {
        return byStatus.getOrDefault(status, 0);
    }

    synchronized int rateLimitedCount() {
        return rateLimited;
    }

    synchronized int droppedCount() {
        return dropped;
    }

    synchronized List<String> authFailures() {
        return List.copyOf(authFailures);
    }

    synchronized List<Duplicate> duplicates() {
        return List.copyOf(duplicates);
    }

    static Duplicate duplicate(Duplicate.Kind kind, String target, String text, Instant first, Instant again) {
        return new Duplicate(kind, target, text, first, again);
    }
}
