package servicedesk.status;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import servicedesk.broadcast.DynamoOutageStore;
import servicedesk.catalog.DynamoServiceCatalog;
import servicedesk.wiring.AwsClients;
import servicedesk.wiring.Environment;
import servicedesk.wiring.Http;
import servicedesk.wiring.Json;
import servicedesk.wiring.Log;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The public status page: {@code GET /status} (HTML), {@code /status.json} and {@code /status.atom}; every
 * other path is a 404 page. Answers are cacheable for half a minute and carry an ETag, so browsers and
 * proxies revalidate cheaply.
 */
public final class StatusHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final String CACHE = "public, max-age=30, stale-while-revalidate=30";

    private final StatusPage page;
    private final String deskName;

    public StatusHandler() {
        this(Environment.ofProcess());
    }

    public StatusHandler(Environment environment) {
        this(environment, Clock.systemUTC());
    }

    public StatusHandler(Environment environment, Clock clock) {
        DynamoDbClient dynamo = new AwsClients(environment).dynamoDb();
        this.page = new StatusPage(new DynamoServiceCatalog(dynamo, environment.require("SERVICES_TABLE"), clock),
                new DynamoOutageStore(dynamo, environment.require("INCIDENTS_TABLE")), clock);
        this.deskName = environment.orDefault("DESK_NAME", "IT service desk");
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String path = event.getRawPath() == null ? "" : event.getRawPath();
        try {
            if (!path.equals("/status") && !path.equals("/status.json") && !path.equals("/status.atom")) {
                return APIGatewayV2HTTPResponse.builder().withStatusCode(404)
                        .withHeaders(Map.of("content-type", "text/html; charset=utf-8", "cache-control", "public, max-age=300"))
                        .withBody(StatusHtml.notFound()).build();
            }
            StatusBoard board = page.board();
            // A weak validator over the data, not the render time: unchanged data revalidates as 304.
            Map<String, Object> json = StatusJson.of(board);
            Map<String, Object> data = new java.util.LinkedHashMap<>(json);
            data.remove("generatedAt");
            String etag = "W/\"" + digest(path + Json.MAPPER.writeValueAsString(data)) + "\"";
            if (etag.equals(Http.header(event, "if-none-match"))) {
                return APIGatewayV2HTTPResponse.builder().withStatusCode(304)
                        .withHeaders(Map.of("etag", etag, "cache-control", CACHE)).build();
            }
            return switch (path) {
                case "/status" -> cacheable(etag, "text/html; charset=utf-8", StatusHtml.render(board, deskName));
                case "/status.json" -> cacheable(etag, "application/json", Json.MAPPER.writeValueAsString(json));
                default -> cacheable(etag, "application/atom+xml; charset=utf-8", StatusAtom.render(board, deskName, baseUrl(event)));
            };
        } catch (JsonProcessingException | RuntimeException failure) {
            Log.error("status-page-failed", "path", path, "error", failure.getClass().getSimpleName());
            return Http.problem(500, "Internal Server Error", null);
        }
    }

    private static APIGatewayV2HTTPResponse cacheable(String etag, String contentType, String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("content-type", contentType, "cache-control", CACHE, "etag", etag))
                .withBody(body).build();
    }

    /** The address the page was asked for, so the feed's links point back to it. */
    private static String baseUrl(APIGatewayV2HTTPEvent event) {
        String host = Http.header(event, "host");
        String scheme = Http.header(event, "x-forwarded-proto");
        return (scheme == null ? "https" : scheme) + "://" + (host == null ? "localhost" : host);
    }

    private static String digest(String body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
