package servicedesk.http;

import java.util.Map;

/**
 * An HTTP request as the desk's APIs read it, whoever delivered it (API Gateway, the local gateway, a
 * test): the route it matched ({@code "GET /incidents/{number}"}), its path, headers, query and path
 * parameters, the body's bytes exactly as sent, who the caller was authorised as (or null), and the domain
 * name the API was reached at as the gateway knows it (not the client's {@code Host} header; or null).
 */
public record HttpRequest(String routeKey, String method, String path, Map<String, String> headers,
                          Map<String, String> query, Map<String, String> pathParameters, byte[] body, String caller,
                          String domainName) {

    public HttpRequest {
        headers = headers == null ? Map.of() : headers;
        query = query == null ? Map.of() : query;
        pathParameters = pathParameters == null ? Map.of() : pathParameters;
        body = body == null ? new byte[0] : body;
    }

    /** Header lookup ignoring case: HTTP API lower-cases names, other callers may not. */
    public String header(String name) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    /** A query parameter; an empty one counts as absent. */
    public String query(String name) {
        String value = query.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    public String pathParameter(String name) {
        return pathParameters.get(name);
    }
}
