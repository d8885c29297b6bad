package servicedesk.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import servicedesk.local.Exchanges;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The X API for benchmarks: accepts DMs and tweets as X does, enforces a DM rate limit per window with
 * X's headers and 429s, can fail for a while (503), and counts what each user received.
 */
final class XStandIn implements AutoCloseable {
    private static final Pattern DM_PATH = Pattern.compile("/2/dm_conversations/with/(\\d+)/messages");

    private final HttpServer server;
    private final int limitPerWindow;
    private final long windowMillis;
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final AtomicInteger delivered = new AtomicInteger();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger failuresToInject = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong(5_000_000_000L);
    private long windowStart = System.currentTimeMillis();
    private int usedInWindow;
    private volatile long lastDeliveryMillis;

    XStandIn(int limitPerWindow, long windowMillis) throws IOException {
        this.limitPerWindow = limitPerWindow;
        this.windowMillis = windowMillis;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next {@code count} calls answer 503, as X does when it is over capacity. */
    void failNext(int count) {
        failuresToInject.set(count);
    }

    Map<String, AtomicInteger> received() {
        return received;
    }

    int delivered() {
        return delivered.get();
    }

    int rateLimited() {
        return rateLimited.get();
    }

    int failed() {
        return failed.get();
    }

    long lastDeliveryMillis() {
        return lastDeliveryMillis;
    }

    void reset() {
        received.clear();
        delivered.set(0);
        rateLimited.set(0);
        failed.set(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        Matcher dm = DM_PATH.matcher(exchange.getRequestURI().getPath());
        if (failuresToInject.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            failed.incrementAndGet();
            Exchanges.json(exchange, 503, Map.of(), "{\"title\":\"Service Unavailable\"}");
            return;
        }
        if (!dm.matches()) {
            Exchanges.json(exchange, 201, Map.of(), "{\"data\":{\"id\":\"" + ids.incrementAndGet() + "\",\"text\":\"t\"}}");
            return;
        }
        long reset;
        int remaining;
        synchronized (this) {
            long now = System.currentTimeMillis();
            if (now - windowStart >= windowMillis) {
                windowStart = now;
                usedInWindow = 0;
            }
            reset = (windowStart + windowMillis + 999) / 1000;
            if (usedInWindow >= limitPerWindow) {
                rateLimited.incrementAndGet();
                Exchanges.json(exchange, 429, Map.of("x-rate-limit-remaining", "0", "x-rate-limit-reset", Long.toString(reset)),
                        "{\"title\":\"Too Many Requests\",\"status\":429}");
                return;
            }
            usedInWindow++;
            remaining = limitPerWindow - usedInWindow;
        }
        received.computeIfAbsent(dm.group(1), user -> new AtomicInteger()).incrementAndGet();
        delivered.incrementAndGet();
        lastDeliveryMillis = System.currentTimeMillis();
        Exchanges.json(exchange, 201, Map.of("x-rate-limit-limit", Integer.toString(limitPerWindow),
                        "x-rate-limit-remaining", Integer.toString(remaining), "x-rate-limit-reset", Long.toString(reset)),
                "{\"data\":{\"dm_conversation_id\":\"c\",\"dm_event_id\":\"" + ids.incrementAndGet() + "\"}}");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
