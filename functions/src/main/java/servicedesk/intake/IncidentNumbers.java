package servicedesk.intake;

import java.util.concurrent.locks.ReentrantLock;
import servicedesk.incident.Incident;
import servicedesk.records.DeskRecords;

/**
 * Incident numbers, reserved from the table's counter a block at a time and handed out in order by this
 * function instance, so that most reports need no counter write of their own. As with any node-cached
 * numbering, an instance that is recycled leaves the rest of its block unused (gaps, never repeats), and
 * two instances' numbers interleave.
 */
final class IncidentNumbers {
    private final DeskRecords records;
    private final int block;
    private long next;
    private long last = -1;
    private final ReentrantLock lock = new ReentrantLock();

    IncidentNumbers(DeskRecords records, int block) {
        this.records = records;
        this.block = block;
    }

    String next() {
        // A lock, not synchronized: the reservation is a request, and a virtual thread (the processor handles
        // a batch on them) blocked inside synchronized pins its carrier on Java 21.
        lock.lock();
        try {
            if (next > last) {
                last = records.reserveSequence("INCIDENT", block);
                next = last - block + 1;
            }
            return Incident.numberOf(next++);
        } finally {
            lock.unlock();
        }
    }
}
