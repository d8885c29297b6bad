package servicedesk.console;

import java.time.Instant;
import java.util.Set;

/**
 * An IT agent signed in to the console, as their verified token says: their user name in the agents' user
 * pool (their email address), the pool groups they belong to, and when the token expires.
 */
public record Agent(String username, Set<String> groups, Instant expiresAt) {
    /** The pool group whose members may change the service catalog. */
    public static final String ADMINS = "desk-admins";

    public Agent {
        groups = Set.copyOf(groups);
    }

    public boolean isAdmin() {
        return groups.contains(ADMINS);
    }
}
