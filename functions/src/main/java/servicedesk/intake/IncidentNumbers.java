package servicedesk.intake;

import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;
import servicedesk.incident.Incident;
import servicedesk.records.DeskRecords;

/**
 * Incident numbers, reserved from the table's counter a block at a time and handed out in order by this
 * function instance, so that most reports need no counter write of their own. As with any node-cached
 * numbering, an instance that is recycled leaves the rest of its block, and the block it reserved ahead,
 * unused (gaps, never repeats), and two instances' numbers interleave.
 *
 * <p>Once half a block is handed out, the next block is reserved in the background, so the report that
 * takes a block's last number does not make the rest of its batch wait for the counter. With a block of
 * one (numbers strictly in order) nothing is reserved ahead.
 *
 * <p>A number whose incident was never written (its commit was refused on a condition, so nothing of it
 * exists) is given back and handed out again first, so a report that turns out to be a follow-up leaves no gap.
 */
final class IncidentNumbers {
    private final DeskRecords records;
    private final int block;
    private long next;
    private long last = -1;
    /** The last number of the block reserved ahead, while there is one. */
    private CompletableFuture<Long> ahead;
    private final ReentrantLock lock = new ReentrantLock();
    private final NavigableSet<Long> givenBack = new TreeSet<>();

    IncidentNumbers(DeskRecords records, int block) {
        this.records = records;
        this.block = block;
    }

    String next() {
        // A lock, not synchronized: the reservation is a request, and a virtual thread (the processor handles
        // a batch on them) blocked inside synchronized pins its carrier on Java 21.
        lock.lock();
        try {
            if (!givenBack.isEmpty()) {
                return Incident.numberOf(givenBack.pollFirst());
            }
            if (next > last) {
                last = nextBlock();
                next = last - block + 1;
            }
            if (block > 1 && ahead == null && last - next < block / 2) {
                CompletableFuture<Long> reserving = new CompletableFuture<>();
                ahead = reserving;
                Thread.ofVirtual().start(() -> {
                    try {
                        reserving.complete(records.reserveSequence("INCIDENT", block));
                    } catch (Throwable failed) {
                        reserving.completeExceptionally(failed);
                    }
                });
            }
            return Incident.numberOf(next++);
        } finally {
            lock.unlock();
        }
    }

    /** Only for a number no incident was written with: a refused commit, never one whose outcome is unknown. */
    void giveBack(String number) {
        lock.lock();
        try {
            givenBack.add(Long.parseLong(number.substring("INC".length())));
        } finally {
            lock.unlock();
        }
    }

    /** The last number of the next block: the one reserved ahead, or, if that failed or there is none, a new one. */
    private long nextBlock() {
        CompletableFuture<Long> reserved = ahead;
        ahead = null;
        if (reserved != null) {
            try {
                return reserved.join();
            } catch (CompletionException failed) {
                // Reserved again below: a failed reservation took no numbers, or left a gap at worst.
            }
        }
        return records.reserveSequence("INCIDENT", block);
    }
}
