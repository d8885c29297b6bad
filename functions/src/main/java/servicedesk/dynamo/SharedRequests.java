package servicedesk.dynamo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * One request for many concurrent calls with the same key (a group commit): a round's first call gathers
 * the calls that come just after it ({@link #gather}), and a call made while that key's request is in flight
 * waits for the next request, which it shares with every call that arrived meanwhile. A call is only ever
 * answered by a request sent after it was made, so sharing returns nothing older than a request of its own
 * would have; the messages of a batch, handled side by side, then cost about one request per key instead
 * of one each.
 *
 * @param <A> what each call brings to the request (its argument)
 * @param <V> what the request returns, shared by the calls it served
 */
final class SharedRequests<A, V> {

    /** The request's value, with how many calls shared it and where this call stood among them (0-based). */
    record Share<V>(V value, int calls, int position) {
    }

    private static final class Round<A, V> {
        final CompletableFuture<V> result = new CompletableFuture<>();
        final CompletableFuture<?> previous;
        final Function<List<A>, V> request;
        final List<A> arguments = new ArrayList<>();
        /** How many calls the round served, set when it closes (before its result completes). */
        int calls;

        Round(CompletableFuture<?> previous, Function<List<A>, V> request) {
            this.previous = previous;
            this.request = request;
        }
    }

    /** How long a round waits, at least, for another call to join it: a lone call's whole delay. */
    static final Duration QUIET = Duration.ofNanos(300_000);
    /** How long a round gathers at most. */
    static final Duration MOST = Duration.ofMillis(3);

    private final Duration quiet;
    private final Duration most;
    private final Map<String, Round<A, V>> gathering = new HashMap<>();
    private final Map<String, CompletableFuture<V>> inFlight = new HashMap<>();

    SharedRequests() {
        this(QUIET, MOST);
    }

    SharedRequests(Duration quiet, Duration most) {
        this.quiet = quiet;
        this.most = most;
    }

    /**
     * @param request sends one request for the arguments of every call it serves, in the order they came
     */
    Share<V> call(String key, A argument, Function<List<A>, V> request) {
        Round<A, V> round;
        int position;
        synchronized (this) {
            round = gathering.get(key);
            if (round == null) {
                round = new Round<>(inFlight.get(key), request);
                gathering.put(key, round);
            }
            position = round.arguments.size();
            round.arguments.add(argument);
        }
        if (position == 0) {
            send(key, round);
        }
        try {
            V value = round.result.join();
            return new Share<>(value, round.calls, position);
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof Error error) {
                throw error;
            }
            throw failed.getCause() instanceof RuntimeException runtime ? runtime : failed;
        }
    }

    /**
     * Waits until no call has joined the round for {@link #quiet}, or {@link #most} has passed: calls made side
     * by side (the messages of a batch, a few microseconds apart) then share one request, not two, at the cost
     * of that short wait for a call that comes alone (a database's "commit delay").
     *
     * @return whether the thread was interrupted meanwhile (the flag is set again once the request is done,
     *         so that an interrupt cannot abort a request other calls share)
     */
    private boolean gather(Round<A, V> round) {
        long deadline = System.nanoTime() + most.toNanos();
        int seen = 0;
        try {
            while (System.nanoTime() < deadline) {
                synchronized (this) {
                    if (round.arguments.size() == seen) {
                        return false;
                    }
                    seen = round.arguments.size();
                }
                Thread.sleep(quiet);
            }
            return false;
        } catch (InterruptedException interrupted) {
            return true;
        }
    }

    /**
     * The first call of a round sends it: it waits for the key's request in flight, gathers the calls that
     * come meanwhile, closes the round to newcomers and sends one request for all its calls. Whatever
     * happens, the round is closed and its result completed: no call waits forever.
     */
    private void send(String key, Round<A, V> round) {
        boolean interrupted = false;
        boolean closed = false;
        try {
            if (round.previous != null) {
                round.previous.handle((value, failure) -> null).join();
            }
            interrupted = gather(round);
            List<A> arguments = close(key, round);
            closed = true;
            round.result.complete(round.request.apply(arguments));
        } catch (Throwable failed) {
            // Every call of the round fails as its own request would have.
            if (!closed) {
                close(key, round);
            }
            round.result.completeExceptionally(failed);
        } finally {
            synchronized (this) {
                inFlight.remove(key, round.result);
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Closes the round to newcomers and makes it the key's request in flight; returns its calls' arguments. */
    private synchronized List<A> close(String key, Round<A, V> round) {
        gathering.remove(key, round);
        inFlight.put(key, round.result);
        List<A> arguments = Collections.unmodifiableList(new ArrayList<>(round.arguments));
        round.calls = arguments.size();
        return arguments;
    }
}
