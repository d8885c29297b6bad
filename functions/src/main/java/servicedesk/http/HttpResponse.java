package servicedesk.http;

import java.util.LinkedHashMap;
import java.util.Map;
import servicedesk.format.Json;

/** An HTTP response as the desk's APIs answer: status, headers, and a text body (or null). */
public record HttpResponse(int status, Map<String, String> headers, String body) {

    public HttpResponse {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
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
