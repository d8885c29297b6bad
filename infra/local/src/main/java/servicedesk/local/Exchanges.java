package servicedesk.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Answering a JDK HttpServer exchange, for the local gateway and the X stand-ins. */
public final class Exchanges {
    private Exchanges() {
    }

    public static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().put(name, List.of(value)));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    public static void json(HttpExchange exchange, int status, Map<String, String> headers, String json) throws IOException {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put("content-type", "application/json");
        send(exchange, status, all, json.getBytes(StandardCharsets.UTF_8));
    }
}
