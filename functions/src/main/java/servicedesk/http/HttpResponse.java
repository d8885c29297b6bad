package servicedesk.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import servicedesk.format.Json;

/**
 * An HTTP response as the desk's APIs answer: status, headers, a text body (or null), and the cookies it sets
 * (each a whole {@code Set-Cookie} value: HTTP API payload 2.0 carries them apart from the headers).
 */
public record HttpResponse(int status, Map<String, String> headers, String body, List<String> cookies) {

    public HttpResponse {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        cookies = cookies == null ? List.of() : List.copyOf(cookies);
    }

    public HttpResponse(int status, Map<String, String> headers, String body) {
        this(status, headers, body, List.of());
    }

    /** The same response with more headers (replacing any of the same name). */
    public HttpResponse withHeaders(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return new HttpResponse(status, all, body, cookies);
    }

    public HttpResponse withCookies(List<String> setCookies) {
        return new HttpResponse(status, headers, body, setCookies);
    }

    public static HttpResponse json(int status, Object body) {
        return respond(status, "application/json", Json.text(body));
    }

    /** An RFC 9457 problem document. */
    public static HttpResponse problem(int status, String title, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        if (detail != null) {
            problem.put("detail", detail);
        }
        return respond(status, "application/problem+json", Json.text(problem));
    }

    /** A response nobody may cache: the APIs' answers change with every write. */
    public static HttpResponse respond(int status, String contentType, String body) {
        return new HttpResponse(status, Map.of("content-type", contentType, "cache-control", "no-store"), body);
    }

    /** A status without headers or body (204 No Content). */
    public static HttpResponse empty(int status) {
        return new HttpResponse(status, Map.of(), null);
    }
}
