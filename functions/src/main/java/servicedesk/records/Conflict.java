package servicedesk.records;

/**
 * A change's condition failed for a reason other than its claim: another writer got there first (an
 * {@link Change.AlsoClaim} already taken, an outage version moved on, an incident in another state). Read
 * again and retry, or give up.
 */
public final class Conflict extends RuntimeException {
    public Conflict(String message) {
        super(message);
    }
}
