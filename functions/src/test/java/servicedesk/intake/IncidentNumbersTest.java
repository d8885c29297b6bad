package servicedesk.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import servicedesk.records.Change;
import servicedesk.records.Claim;
import servicedesk.records.DeskRecords;
import servicedesk.records.Reporting;

class IncidentNumbersTest {

    /** The desk's counter, which can hold its reservations until the test lets them answer, or fail one. */
    private static final class Counter implements DeskRecords {
        final AtomicInteger reservations = new AtomicInteger();
        final AtomicLong value = new AtomicLong();
        volatile CountDownLatch hold = new CountDownLatch(0);
        volatile int failing;

        @Override
        public long reserveSequence(String name, int count) {
            int reservation = reservations.incrementAndGet();
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (reservation == failing) {
                throw new IllegalStateException("throttled");
            }
            return value.addAndGet(count);
        }

        @Override
        public boolean commit(Claim claim, Change change) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isClaimed(String claimKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Reporting reporting(String authorId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long count(String name, Instant expiresAt) {
            throw new UnsupportedOperationException();
        }
    }

    private final Counter counter = new Counter();

    @Test
    void numbersComeInOrderAndTheNextBlockIsReservedOnceHalfIsHandedOut() throws Exception {
        IncidentNumbers numbers = new IncidentNumbers(counter, 10);
        List<String> handed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            handed.add(numbers.next());
        }
        assertThat(counter.reservations).as("only the first block, so far").hasValue(1);

        handed.add(numbers.next());
        awaitReservations(2);
        for (int i = 0; i < 14; i++) {
            handed.add(numbers.next());
        }

        assertThat(handed).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 20)
                .mapToObj(servicedesk.incident.Incident::numberOf).toList());
        // The third block, reserved ahead in the second.
        awaitReservations(3);
    }

    @Test
    void theBlocksLastNumberDoesNotWaitForTheNextBlockButTheFirstOfItMay() throws Exception {
        IncidentNumbers numbers = new IncidentNumbers(counter, 4);
        numbers.next();
        numbers.next();
        counter.hold = new CountDownLatch(1);
        numbers.next();
        // The reservation ahead is held up; the block still has its last number to give.
        assertThat(numbers.next()).isEqualTo("INC0000004");

        Thread fifth = Thread.ofVirtual().start(numbers::next);
        Thread.sleep(100);
        assertThat(fifth.isAlive()).as("the fifth waits for the block reserved ahead").isTrue();
        counter.hold.countDown();
        fifth.join();
        assertThat(numbers.next()).isEqualTo("INC0000006");
    }

    @Test
    void aReservationAheadThatFailedIsMadeAgainWhenItsBlockIsNeeded() throws Exception {
        counter.failing = 2;
        IncidentNumbers numbers = new IncidentNumbers(counter, 2);
        assertThat(numbers.next()).isEqualTo("INC0000001");
        assertThat(numbers.next()).isEqualTo("INC0000002");
        awaitReservations(2);

        assertThat(numbers.next()).as("from a block reserved again").isEqualTo("INC0000003");
        assertThat(numbers.next()).isEqualTo("INC0000004");
        awaitReservations(4);
    }

    @Test
    void aBlockOfOneReservesNothingAhead() {
        IncidentNumbers numbers = new IncidentNumbers(counter, 1);
        assertThat(numbers.next()).isEqualTo("INC0000001");
        assertThat(numbers.next()).isEqualTo("INC0000002");
        assertThat(counter.reservations).hasValue(2);
    }

    private void awaitReservations(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (counter.reservations.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(counter.reservations).hasValue(count);
    }

    @Test
    void aNumberGivenBackIsHandedOutAgainFirst() {
        IncidentNumbers numbers = new IncidentNumbers(counter, 10);
        assertThat(numbers.next()).isEqualTo("INC0000001");
        assertThat(numbers.next()).isEqualTo("INC0000002");
        numbers.giveBack("INC0000002");
        numbers.giveBack("INC0000001");
        assertThat(List.of(numbers.next(), numbers.next(), numbers.next())).containsExactly("INC0000001", "INC0000002", "INC0000003");
    }
}
