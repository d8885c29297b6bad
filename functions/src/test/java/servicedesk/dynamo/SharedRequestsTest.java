package servicedesk.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SharedRequestsTest {
    private final SharedRequests<String, Integer> shared = new SharedRequests<>();
    private final List<List<String>> sent = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch firstMayAnswer = new CountDownLatch(1);

    /** Numbers its requests 1, 2, …; the first one waits until the test lets it answer. */
    private final Function<List<String>, Integer> request = arguments -> {
        sent.add(arguments);
        int number = requests.incrementAndGet();
        if (number == 1) {
            await(firstMayAnswer);
        }
        return number;
    };

    @Test
    void callsMadeWhileARequestIsInFlightShareTheNextOneEachInItsPlace() throws Exception {
        Call first = Call.start(() -> shared.call("wifi", "a", request));
        awaitBlocked(first);
        Call second = Call.start(() -> shared.call("wifi", "b", request));
        awaitBlocked(second);
        Call third = Call.start(() -> shared.call("wifi", "c", request));
        awaitBlocked(third);

        firstMayAnswer.countDown();

        assertThat(first.result()).isEqualTo(new SharedRequests.Share<>(1, 1, 0));
        // Served by a request sent after they asked, never by the one in flight when they did.
        assertThat(second.result()).isEqualTo(new SharedRequests.Share<>(2, 2, 0));
        assertThat(third.result()).isEqualTo(new SharedRequests.Share<>(2, 2, 1));
        assertThat(sent).containsExactly(List.of("a"), List.of("b", "c"));
    }

    @Test
    void callsMadeJustAfterTheFirstOneShareItsRequest() throws Exception {
        // A quiet period long enough for threads to start on a busy machine.
        SharedRequests<String, Integer> gathering = new SharedRequests<>(Duration.ofMillis(500), Duration.ofSeconds(5));
        Function<List<String>, Integer> answer = arguments -> {
            sent.add(arguments);
            return requests.incrementAndGet();
        };
        Call first = Call.start(() -> gathering.call("wifi", "a", answer));
        Call second = Call.start(() -> gathering.call("wifi", "b", answer));
        Call third = Call.start(() -> gathering.call("wifi", "c", answer));

        assertThat(List.of(first.result(), second.result(), third.result())).extracting(SharedRequests.Share::value)
                .containsOnly(1);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0)).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(gathering.call("wifi", "d", answer).value()).as("a later call, a request of its own").isEqualTo(2);
    }

    @Test
    void anInterruptWhileGatheringDoesNotAbortTheSharedRequestAndIsKept() throws Exception {
        SharedRequests<String, Integer> gathering = new SharedRequests<>(Duration.ofSeconds(5), Duration.ofSeconds(10));
        AtomicReference<Object> outcome = new AtomicReference<>();
        AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().start(() -> {
            outcome.set(gathering.call("wifi", "a", arguments -> {
                // What an SDK call does when its thread is interrupted.
                if (Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException("aborted");
                }
                return 1;
            }));
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        Instant deadline = Instant.now().plusSeconds(10);
        while (caller.getState() != Thread.State.TIMED_WAITING) {
            assertThat(Instant.now()).as("the call gathers").isBefore(deadline);
            Thread.sleep(1);
        }

        caller.interrupt();
        caller.join(Duration.ofSeconds(10));

        assertThat(outcome.get()).isEqualTo(new SharedRequests.Share<>(1, 1, 0));
        assertThat(interruptedAfter.get()).isTrue();
    }

    @Test
    void keysDoNotWaitForEachOther() throws Exception {
        Call wifi = Call.start(() -> shared.call("wifi", "a", request));
        awaitBlocked(wifi);

        assertThat(shared.call("vpn", "b", arguments -> 7)).isEqualTo(new SharedRequests.Share<>(7, 1, 0));

        firstMayAnswer.countDown();
        assertThat(wifi.result().value()).isEqualTo(1);
    }

    @Test
    void aFailedRequestFailsEveryCallItServedAndTheNextOneIsSentAsUsual() throws Exception {
        Call first = Call.start(() -> shared.call("wifi", "a", request));
        awaitBlocked(first);
        Function<List<String>, Integer> failing = arguments -> {
            throw new IllegalStateException("throttled");
        };
        Call second = Call.start(() -> shared.call("wifi", "b", failing));
        awaitBlocked(second);
        Call third = Call.start(() -> shared.call("wifi", "c", failing));
        awaitBlocked(third);

        firstMayAnswer.countDown();

        assertThat(first.result().value()).isEqualTo(1);
        assertThatThrownBy(second::result).isInstanceOf(IllegalStateException.class).hasMessage("throttled");
        assertThatThrownBy(third::result).isInstanceOf(IllegalStateException.class).hasMessage("throttled");
        assertThat(shared.call("wifi", "d", request).value()).isEqualTo(2);
    }

    /** A call on a thread of its own. */
    private record Call(Thread thread, AtomicReference<Object> outcome) {
        static Call start(java.util.function.Supplier<SharedRequests.Share<Integer>> call) {
            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread thread = Thread.ofPlatform().start(() -> {
                try {
                    outcome.set(call.get());
                } catch (RuntimeException failed) {
                    outcome.set(failed);
                }
            });
            return new Call(thread, outcome);
        }

        @SuppressWarnings("unchecked")
        SharedRequests.Share<Integer> result() throws InterruptedException {
            thread.join(Duration.ofSeconds(10));
            assertThat(thread.isAlive()).as("the call returned").isFalse();
            if (outcome.get() instanceof RuntimeException failed) {
                throw failed;
            }
            return (SharedRequests.Share<Integer>) outcome.get();
        }
    }

    /** Waits until the call is parked: waiting for its request, or for the one before it. */
    private static void awaitBlocked(Call call) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (call.thread().getState() != Thread.State.WAITING) {
            assertThat(Instant.now()).as("the call blocks").isBefore(deadline);
            Thread.sleep(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
