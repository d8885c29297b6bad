package servicedesk.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import servicedesk.intake.Cursors;

/** {@link Cursors} in a map, for unit tests. */
public final class MemoryCursors implements Cursors {
    private final Map<String, String> values = new HashMap<>();

    @Override
    public synchronized Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    @Override
    public synchronized void put(String name, String id) {
        values.put(name, id);
    }

    /** Every cursor, for assertions. */
    public synchronized Map<String, String> values() {
        return Map.copyOf(values);
    }
}
