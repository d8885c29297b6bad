package servicedesk.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import servicedesk.format.Json;
import servicedesk.format.Log;
import servicedesk.http.HttpRequest;
import servicedesk.http.HttpResponse;

/**
 * The public status page: {@code GET /status} (HTML), {@code /status.json} and {@code /status.atom}; every
 * other path is a 404 page. Answers are cacheable for half a minute and carry an ETag, so browsers and
 * proxies revalidate cheaply.
 */
public final class StatusSite {
    private static final String CACHE = "public, max-age=30, stale-while-revalidate=30";

    private final StatusPage page;
    private final String deskName;

    public StatusSite(StatusPage page, String deskName) {
        this.page = page;
        this.deskName = deskName;
    }

    public HttpResponse handle(HttpRequest request) {
        String path = request.path() == null ? "" : request.path();
        try {
            if (!path.equals("/status") && !path.equals("/status.json") && !path.equals("/status.atom")) {
                return new HttpResponse(404, Map.of("content-type", "text/html; charset=utf-8",
                        "cache-control", "public, max-age=300"), StatusHtml.notFound());
            }
            StatusBoard board = page.board();
            // A weak validator over the data, not the render time: unchanged data revalidates as 304.
            Map<String, Object> json = StatusJson.of(board);
            Map<String, Object> data = new LinkedHashMap<>(json);
            data.remove("generatedAt");
            String etag = "W/\"" + digest(path + Json.MAPPER.writeValueAsString(data)) + "\"";
            if (etag.equals(request.header("if-none-match"))) {
                return new HttpResponse(304, Map.of("etag", etag, "cache-control", CACHE), null);
            }
            return switch (path) {
                case "/status" -> cacheable(etag, "text/html; charset=utf-8", StatusHtml.render(board, deskName));
                case "/status.json" -> cacheable(etag, "application/json", Json.MAPPER.writeValueAsString(json));
                default -> cacheable(etag, "application/atom+xml; charset=utf-8", StatusAtom.render(board, deskName, baseUrl(request)));
            };
        } catch (JsonProcessingException | RuntimeException failure) {
            Log.error("status-page-failed", "path", path, "error", failure.getClass().getSimpleName());
            return HttpResponse.problem(500, "Internal Server Error", null);
        }
    }

    private static HttpResponse cacheable(String etag, String contentType, String body) {
        return new HttpResponse(200, Map.of("content-type", contentType, "cache-control", CACHE, "etag", etag), body);
    }

    /** The address the page was asked for, so the feed's links point back to it. */
    private static String baseUrl(HttpRequest request) {
        String host = request.header("host");
        String scheme = request.header("x-forwarded-proto");
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
