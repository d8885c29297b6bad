package servicedesk.intake;

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

    IncidentNumbers(DeskRecords records, int block) {
        this.records = records;
        this.block = block;
    }

    synchronized String next() {
        if (next > last) {
            last = records.reserveSequence("INCIDENT", block);
            next = last - block + 1;
        }
        return Incident.numberOf(next++);
    }
}
