package servicedesk.notify;

import java.time.Duration;
import java.time.Instant;

/**
 * Sending is paused for the whole account since {@code since}, because X answered {@code problem}
 * ({@code status}, X's own words in {@code reason}); every message waits. X is probed at {@code nextProbeAt};
 * {@code probes} failed so far; {@code alarmed} once on-call has been told.
 */
public record Pause(Delivery.AccountProblem problem, int status, String reason, Instant since, Instant nextProbeAt,
                    int probes, boolean alarmed) {
    /** Probes back off from 30 seconds, doubling, but never past this: sending resumes within 5 minutes of X accepting. */
    static final Duration LONGEST_WAIT = Duration.ofMinutes(4);
    static final Duration FIRST_WAIT = Duration.ofSeconds(30);

    static Pause of(Delivery.AccountFailed failed, Instant now) {
        return new Pause(failed.problem(), failed.status(), failed.reason(), now, now.plus(FIRST_WAIT), 0, false);
    }

    Pause probedAgainAt(Instant now) {
        long seconds = Math.min(LONGEST_WAIT.toSeconds(), FIRST_WAIT.toSeconds() << Math.min(probes + 1, 10));
        return new Pause(problem, status, reason, since, now.plusSeconds(seconds), probes + 1, alarmed);
    }

    Pause alarmed(boolean told) {
        return new Pause(problem, status, reason, since, nextProbeAt, probes, told);
    }

    /** What on-call reads: what X said and what the desk does about it. */
    public String notice() {
        return "Sending on X is paused since " + since + ": " + explanation() + ". X said: " + reason
                + ". Every message waits and nothing is lost; sending resumes by itself within minutes of X accepting again.";
    }

    /** The problem in words, with what a person can do about it (the agent console says it too). */
    public String explanation() {
        return switch (problem) {
            case CREDENTIALS -> "X no longer accepts the IT account's credentials (401): put working ones in the secret";
            case CREDITS -> "the X account's pay-per-use credits are used up (402): buy credits";
            case FORBIDDEN -> "X forbids the app this endpoint (403): check the app's access level and its permissions"
                    + " (Read, write and Direct Messages) in the developer console; access tokens made before a change of"
                    + " permissions keep the old ones and must be generated again";
            case USAGE_CAPPED -> "the X app reached a usage cap (429 usage-capped): raise the cap or wait for its period";
        };
    }
}
