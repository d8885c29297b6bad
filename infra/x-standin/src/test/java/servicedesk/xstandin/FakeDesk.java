package servicedesk.xstandin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A webhook receiver for tests: answers X's CRC with a secret and records every POST with its headers. */
final class FakeDesk implements AutoCloseable {
    record Received(String body, String oauth2Signature, String legacySignature) {
        com.fasterxml.jackson.databind.JsonNode json() {
            return Json.parse(body);
        }
    }

    private final HttpServer server;
    private volatile String crcSecret;
    private volatile int status = 200;
    private volatile int crcStatus = 200;
    final List<String> crcTokens = new CopyOnWriteArrayList<>();
    final List<Received> received = new CopyOnWriteArrayList<>();

    FakeDesk(String crcSecret) throws IOException {
        this.crcSecret = crcSecret;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/webhooks/twitter", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/twitter";
    }

    void crcSecret(String secret) {
        this.crcSecret = secret;
    }

    void answerWith(int status) {
        this.status = status;
    }

    /** The status of the CRC answer (its body stays the right response_token). */
    void answerCrcWith(int status) {
        this.crcStatus = status;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if ("GET".equals(exchange.getRequestMethod())) {
                String query = exchange.getRequestURI().getRawQuery();
                String token = null;
                for (String pair : query == null ? new String[0] : query.split("&")) {
                    if (pair.startsWith("crc_token=")) {
                        token = URLDecoder.decode(pair.substring(10), StandardCharsets.UTF_8);
                    }
                }
                crcTokens.add(token);
                byte[] answer = ("{\"response_token\":\"" + Hooks.signature(crcSecret, token.getBytes(StandardCharsets.UTF_8)) + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(crcStatus, answer.length);
                exchange.getResponseBody().write(answer);
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(body, exchange.getRequestHeaders().getFirst("X-Twitter-Webhooks-Signature-OAuth2"),
                    exchange.getRequestHeaders().getFirst("X-Twitter-Webhooks-Signature")));
            exchange.sendResponseHeaders(status, -1);
        }
    }

    List<com.fasterxml.jackson.databind.JsonNode> bodies() {
        return received.stream().map(Received::json).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static Map<String, String> none() {
        return Map.of();
    }
}
