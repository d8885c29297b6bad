package servicedesk.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What every sender shares, in the table: each lane's budget, an account-wide pause, the lease that lets one
 * sender at a time work the plan, the next wake-up already queued, and the public surge note.
 */
public interface SendingState {

    Optional<LaneBudget> budget(Lane lane);

    void save(LaneBudget budget);

    Optional<Pause> pause();

    /** Records the pause unless one is recorded already; true when this call started it. */
    boolean startPause(Pause pause);

    /** Keeps the pause's probe schedule. */
    void savePause(Pause pause);

    void endPause();

    /** Whether the lease could be taken: nobody holds it, or the holder's time ran out. */
    boolean acquire(String owner, Instant now, Duration hold);

    /** Extends the lease of its holder to {@code now + hold}; false when {@code owner} no longer holds it. */
    boolean renew(String owner, Instant now, Duration hold);

    /** Tells the holder there is more to do; false when nobody holds the lease (take it instead). */
    boolean poke(Instant now);

    enum Release { RELEASED, POKED, LOST }

    /** Gives the lease up, unless someone poked meanwhile (the poke is then cleared: work again). */
    Release release(String owner);

    /** Records a wake-up for {@code at}; false when one no later than that is queued already. */
    boolean wakeNeeded(Instant at, Instant now);

    /**
     * The public surge note: during a surge, when the last waiting report is expected to be answered (empty:
     * no surge). Kept apart from everything else, as the only thing the public status page may read of it.
     */
    Optional<Instant> surge();

    void publishSurge(Optional<Instant> answeredBy);
}
