package servicedesk.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import servicedesk.format.Log;

/**
 * SnapStart priming: before Lambda snapshots an initialised function, run its hot path once on a sample
 * (loading and compiling the classes it needs, warming the SDK clients with read-only calls), so a
 * restored function answers its first request as fast as a warm one. Without SnapStart (or CRaC) the hook
 * never runs.
 */
public final class Priming implements Resource {
    /** Every priming registered in this JVM, held weakly as CRaC holds its resources. */
    private static final Set<Priming> REGISTERED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private final Runnable prime;

    private Priming(Runnable prime) {
        this.prime = prime;
    }

    /** Registers {@code prime} to run before a checkpoint; keep the returned object referenced. */
    public static Priming register(Runnable prime) {
        Priming priming = new Priming(prime);
        Core.getGlobalContext().register(priming);
        REGISTERED.add(priming);
        return priming;
    }

    /**
     * Runs every registered priming, as a checkpoint would: for tools that measure the SnapStart path on a
     * JVM without CRaC (the cold-start probe), where the hooks never run on their own.
     */
    public static void runAll() {
        List<Priming> registered;
        synchronized (REGISTERED) {
            registered = List.copyOf(REGISTERED);
        }
        registered.forEach(priming -> priming.beforeCheckpoint(null));
    }

    /** A sample Account Activity payload shipped in the jar for priming (no real user in it). */
    public static String samplePayload() {
        try (InputStream in = Priming.class.getResourceAsStream("/priming/account-activity.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try {
            prime.run();
            Log.info("primed-before-snapshot");
        } catch (RuntimeException failure) {
            // Priming only makes the first request faster; a snapshot without it is still correct.
            Log.warn("priming-failed", "error", failure.getClass().getSimpleName());
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to renew: clients reconnect on their own, and the credentials come from the environment.
    }
}
