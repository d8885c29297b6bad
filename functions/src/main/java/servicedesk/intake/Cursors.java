package servicedesk.intake;

import java.time.Instant;
import java.util.Optional;

/**
 * Where reconciliation remembers the newest post and DM event it has read back, and the watches their
 * moments, between runs.
 */
public interface Cursors {

    Optional<String> get(String name);

    void put(String name, String id);

    /** A moment kept in epoch seconds; an empty cursor is none. */
    default Optional<Instant> instant(String name) {
        return get(name).filter(value -> !value.isEmpty()).map(value -> Instant.ofEpochSecond(Long.parseLong(value)));
    }

    default void put(String name, Instant at) {
        put(name, Long.toString(at.getEpochSecond()));
    }
}
