package servicedesk.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import servicedesk.format.Json;

/**
 * A stand-in for the X API for local runs without X credentials: it accepts the two calls the desk makes
 * (v2 DMs and tweets), prints what would have been sent, and answers as X does.
 */
public final class DryRunX implements AutoCloseable {
    private static final Pattern DM_PATH = Pattern.compile("/2/dm_conversations/with/(\\d+)/messages");

    private final HttpServer server;
    private final PrintStream out;
    private final AtomicLong ids = new AtomicLong(2_000_000_000_000_000_000L);

    private DryRunX(HttpServer server, PrintStream out) {
        this.server = server;
        this.out = out;
    }

    public static DryRunX start(PrintStream out) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            DryRunX x = new DryRunX(server, out);
            server.createContext("/", x::handle);
            server.start();
            return x;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the dry-run X API", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        JsonNode body = readJson(exchange);
        String id = Long.toString(ids.incrementAndGet());
        Matcher dm = DM_PATH.matcher(path);
        if ("POST".equals(exchange.getRequestMethod()) && dm.matches()) {
            out.println("[X dry run] DM to user " + dm.group(1) + ":\n    " + indent(body.path("text").asText()));
            Exchanges.json(exchange, 201, java.util.Map.of(), "{\"data\":{\"dm_conversation_id\":\"" + dm.group(1) + "\",\"dm_event_id\":\"" + id + "\"}}");
        } else if ("POST".equals(exchange.getRequestMethod()) && path.equals("/2/tweets")) {
            String replyTo = body.path("reply").path("in_reply_to_tweet_id").asText("");
            out.println("[X dry run] " + (replyTo.isEmpty() ? "Tweet" : "Reply to tweet " + replyTo) + ":\n    "
                    + indent(body.path("text").asText()));
            Exchanges.json(exchange, 201, java.util.Map.of(), "{\"data\":{\"id\":\"" + id + "\",\"text\":" + Json.MAPPER.writeValueAsString(body.path("text").asText()) + "}}");
        } else {
            Exchanges.json(exchange, 404, java.util.Map.of(), "{\"title\":\"Not Found\",\"detail\":\"The dry-run X API serves POST /2/tweets and POST /2/dm_conversations/with/{id}/messages\"}");
        }
    }

    private static String indent(String text) {
        return text.replace("\n", "\n    ");
    }

    private static JsonNode readJson(HttpExchange exchange) {
        try {
            return Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
        } catch (IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
