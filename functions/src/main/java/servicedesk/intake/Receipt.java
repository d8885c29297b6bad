package servicedesk.intake;

import java.time.Instant;

/**
 * How a delivery reached the desk: when it was first received (SQS's stamp, or the one kept when it was put
 * back to wait), how many times it has already been put back to wait for a reply's parent, and whether it
 * was read from X's API by reconciliation ({@code recovered}) rather than posted to the webhook. Only the
 * desk's own functions set these, as queue message attributes: a webhook body cannot.
 */
public record Receipt(Instant receivedAt, int waits, boolean recovered) {

    public static Receipt webhook(Instant receivedAt) {
        return new Receipt(receivedAt, 0, false);
    }

    public static Receipt recovered(Instant readAt) {
        return new Receipt(readAt, 0, true);
    }

    /** The same delivery, put back once more to wait. */
    public Receipt waitedOnce() {
        return new Receipt(receivedAt, waits + 1, recovered);
    }
}
