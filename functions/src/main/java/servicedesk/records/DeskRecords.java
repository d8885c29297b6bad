package servicedesk.records;

import java.time.Instant;

/**
 * The desk's unit of work: a claimed cause and its effects, written together or not at all. Claim first:
 * a cause's effects are written only with its claim, so a redelivered cause writes nothing.
 */
public interface DeskRecords {

    /**
     * Writes the change if and only if the claim is new.
     *
     * @return false when the claim already existed: the cause was handled before and nothing was written
     * @throws Conflict when another condition failed (an {@link Change.AlsoClaim}, an outage version, …);
     *                  nothing was written, the claim included
     */
    boolean commit(Claim claim, Change change);

    boolean isClaimed(String claimKey);

    /** What {@link Change.TakeReportAllowance} recorded for the author: read when it failed, to learn why. */
    Reporting reporting(String authorId);

    /** The next number of a named sequence ("INCIDENT", "OUTAGE"): atomic; gaps are possible, repeats are not. */
    default long nextSequence(String name) {
        return reserveSequence(name, 1);
    }

    /**
     * Reserves the next {@code count} numbers of a sequence at once; returns the last of them. Outside any
     * commit: the number goes into the change being built, and a number lost with a failed commit is only a gap.
     */
    long reserveSequence(String name, int count);

    /**
     * Adds one to a named count that is forgotten after {@code expiresAt}; returns the new count. Outside any
     * commit: concurrent causes add to the same count, and in transactions they would conflict with each other.
     */
    long count(String name, Instant expiresAt);
}
