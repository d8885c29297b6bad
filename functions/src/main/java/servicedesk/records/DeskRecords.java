package servicedesk.records;

/** The desk's unit of work: a claimed cause and its effects, written together or not at all. */
public interface DeskRecords {

    /** Thrown when a write's condition failed for a reason other than the main claim (a race to retry). */
    final class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message);
        }
    }

    /**
     * Writes the change if and only if the claim is new.
     *
     * @return false when the claim already existed: the cause was handled before and nothing was written
     * @throws Conflict when another condition failed (an {@link Change.AlsoClaim}, an outage version, …)
     */
    boolean commit(Claim claim, Change change);

    boolean isClaimed(String claimKey);

    /** The next number of a named sequence ("INCIDENT", "OUTAGE"): atomic; gaps are possible, repeats are not. */
    default long nextSequence(String name) {
        return reserveSequence(name, 1);
    }

    /** Reserves the next {@code count} numbers of a sequence at once; returns the last of them. */
    long reserveSequence(String name, int count);

    /** Adds one to a named count that is forgotten after {@code expiresAt}; returns the new count. */
    long count(String name, java.time.Instant expiresAt);
}
