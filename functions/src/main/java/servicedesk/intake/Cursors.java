package servicedesk.intake;

import java.util.Optional;

/** Where reconciliation remembers the newest post and DM event it has read back, between runs. */
public interface Cursors {

    Optional<String> get(String name);

    void put(String name, String id);
}
