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

    /** On every answer: no script may run, and nothing is sniffed into another type. */
    private static final Map<String, String> SAFETY = Map.of(
            "content-security-policy", StatusHtml.CONTENT_SECURITY_POLICY,
            "x-content-type-options", "nosniff",
            "referrer-policy", "no-referrer");

    private final StatusPage page;
    private final String deskName;
    private final String publicBaseUrl;

    /**
     * @param publicBaseUrl the page's own address ({@code https://status.example.edu}) for the feed's absolute
     *                      links; null to use the domain the gateway says the API was reached at
     */
    public StatusSite(StatusPage page, String deskName, String publicBaseUrl) {
        this.page = page;
        this.deskName = deskName;
        this.publicBaseUrl = publicBaseUrl == null || publicBaseUrl.isBlank() ? null
                : publicBaseUrl.replaceAll("/+$", "");
    }

    public HttpResponse handle(HttpRequest request) {
        String path = request.path() == null ? "" : request.path();
        try {
            if (!path.equals("/status") && !path.equals("/status.json") && !path.equals("/status.atom")) {
                return withSafety(404, Map.of("content-type", "text/html; charset=utf-8",
                        "cache-control", "public, max-age=300"), StatusHtml.notFound());
            }
            StatusBoard board = page.board();
            // A weak validator over the data, not the render time: unchanged data revalidates as 304.
            Map<String, Object> json = StatusJson.of(board);
            Map<String, Object> data = new LinkedHashMap<>(json);
            data.remove("generatedAt");
            String baseUrl = baseUrl(request);
            String etag = "W/\"" + digest(path + baseUrl + Json.MAPPER.writeValueAsString(data)) + "\"";
            if (etag.equals(request.header("if-none-match"))) {
                return withSafety(304, Map.of("etag", etag, "cache-control", CACHE), null);
            }
            return switch (path) {
                case "/status" -> cacheable(etag, "text/html; charset=utf-8", StatusHtml.render(board, deskName));
                case "/status.json" -> cacheable(etag, "application/json", Json.MAPPER.writeValueAsString(json));
                default -> cacheable(etag, "application/atom+xml; charset=utf-8", StatusAtom.render(board, deskName, baseUrl));
            };
        } catch (JsonProcessingException | RuntimeException failure) {
            Log.error("status-page-failed", "path", path, "error", failure.getClass().getSimpleName());
            return HttpResponse.problem(500, "Internal Server Error", null);
        }
    }

    private static HttpResponse cacheable(String etag, String contentType, String body) {
        return withSafety(200, Map.of("content-type", contentType, "cache-control", CACHE, "etag", etag), body);
    }

    private static HttpResponse withSafety(int status, Map<String, String> headers, String body) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(SAFETY);
        return new HttpResponse(status, all, body);
    }

    /**
     * The page's own address, for the feed's absolute links: configured, or the domain the gateway was
     * reached at. Never the request's {@code Host} or {@code X-Forwarded-*} headers: answers are cached for
     * everyone, so one client's forged header would become every reader's link.
     */
    private String baseUrl(HttpRequest request) {
        if (publicBaseUrl != null) {
            return publicBaseUrl;
        }
        String domain = request.domainName();
        if (domain == null || !domain.matches("[A-Za-z0-9.-]{1,253}(:\\d{1,5})?")) {
            domain = "localhost";
        }
        boolean local = domain.equals("localhost") || domain.startsWith("localhost:") || domain.startsWith("127.0.0.1");
        return (local ? "http://" : "https://") + domain;
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
