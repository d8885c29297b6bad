package servicedesk.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the requests every AWS SDK client in the benchmark's JVM sends, by service and operation (each
 * attempt, retries included). Registered for all clients through the SDK's global interceptor file in this
 * module's resources, so the desk's own clients are counted without a change to them.
 */
public final class RequestCounter implements ExecutionInterceptor {
    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();
    private static final Map<String, LongAdder> NANOS = new ConcurrentHashMap<>();
    private static final ExecutionAttribute<Long> SENT = new ExecutionAttribute<>("servicedesk.bench.sent");

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        COUNTS.computeIfAbsent(name(attributes), key -> new LongAdder()).increment();
        attributes.putAttribute(SENT, System.nanoTime());
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        Long sent = attributes.getAttribute(SENT);
        if (sent != null) {
            NANOS.computeIfAbsent(name(attributes), key -> new LongAdder()).add(System.nanoTime() - sent);
        }
    }

    private static String name(ExecutionAttributes attributes) {
        return attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    }

    static void reset() {
        COUNTS.clear();
        NANOS.clear();
    }

    /** Mean time from sending a request to its answer, in ms, by "Service.Operation". */
    static Map<String, Double> meanMillis() {
        Map<String, Double> means = new TreeMap<>();
        NANOS.forEach((name, nanos) -> means.put(name, nanos.sum() / 1e6 / COUNTS.get(name).sum()));
        return means;
    }

    /** The requests sent since the last {@link #reset()}, by "Service.Operation". */
    static Map<String, Long> counts() {
        Map<String, Long> snapshot = new TreeMap<>();
        COUNTS.forEach((name, count) -> snapshot.put(name, count.sum()));
        return snapshot;
    }

    /** The requests to one service since the last {@link #reset()}. */
    static long total(String service) {
        return counts().entrySet().stream().filter(entry -> entry.getKey().startsWith(service + "."))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
