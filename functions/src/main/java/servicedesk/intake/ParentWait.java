package servicedesk.intake;

import java.time.Duration;

/**
 * How long a reply whose parent the desk has not seen waits for it: X delivers in no order and may miss a
 * post that reconciliation recovers later, so the reply is put back {@code attempts} times, the wait
 * doubling from {@code first} (at most SQS's 15 minutes a time), before it is taken as a tweet of its own.
 */
public record ParentWait(Duration first, int attempts) {
    static final Duration LONGEST = Duration.ofMinutes(15);

    /** 30 s doubling, 6 times: about half an hour in all, longer than a reconciliation period. */
    public static final ParentWait DEFAULT = new ParentWait(Duration.ofSeconds(30), 6);

    public ParentWait {
        if (first.isNegative() || attempts < 0) {
            throw new IllegalArgumentException("a wait is not negative");
        }
    }

    /** The wait before the look after {@code waits} earlier ones. */
    public Duration before(int waits) {
        Duration wait = first.multipliedBy(1L << Math.min(waits, 20));
        return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
    }

    public boolean mayWait(Receipt receipt) {
        return receipt.waits() < attempts;
    }
}
