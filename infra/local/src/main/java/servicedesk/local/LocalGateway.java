package servicedesk.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import servicedesk.format.Log;

/** The template's HTTP API served on a local port, each request handed to the deployment's routes. */
public final class LocalGateway implements AutoCloseable {
    private final HttpServer server;

    private LocalGateway(HttpServer server) {
        this.server = server;
    }

    public static LocalGateway start(int port, LocalDeployment deployment) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        deployment.servedAt("localhost:" + port);
        server.createContext("/", exchange -> serve(exchange, deployment));
        server.start();
        return new LocalGateway(server);
    }

    private static void serve(HttpExchange exchange, LocalDeployment deployment) throws IOException {
        try {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            APIGatewayV2HTTPResponse response = deployment.http(exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), query(exchange.getRequestURI().getRawQuery()), headers,
                    body.isEmpty() ? null : body);
            if (response == null) {
                Exchanges.send(exchange, 404, Map.of("content-type", "application/json"),
                        "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] bytes = response.getBody() == null ? new byte[0]
                    : response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody())
                    : response.getBody().getBytes(StandardCharsets.UTF_8);
            if (response.getCookies() != null) {
                // Each cookie its own Set-Cookie header, as API Gateway sends a payload-2.0 response's cookies.
                response.getCookies().forEach(cookie -> exchange.getResponseHeaders().add("set-cookie", cookie));
            }
            Exchanges.send(exchange, response.getStatusCode(), response.getHeaders() == null ? Map.of() : response.getHeaders(), bytes);
        } catch (RuntimeException failure) {
            Log.error("local-gateway-error", "path", exchange.getRequestURI().getPath(), "error", String.valueOf(failure));
            Exchanges.send(exchange, 500, Map.of("content-type", "application/json"),
                    "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            String[] parts = pair.split("=", 2);
            query.merge(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "",
                    (first, second) -> first + "," + second);
        }
        return query;
    }

    /** The port it serves on (useful after starting on port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
