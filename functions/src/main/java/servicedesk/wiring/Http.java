package servicedesk.wiring;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading API Gateway HTTP API (payload 2.0) requests and writing their responses. */
public final class Http {
    private Http() {
    }

    public static String method(APIGatewayV2HTTPEvent event) {
        return event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                ? event.getRequestContext().getHttp().getMethod() : "";
    }

    /** Header lookup ignoring case: HTTP API lower-cases names, other callers may not. */
    public static String header(APIGatewayV2HTTPEvent event, String name) {
        if (event.getHeaders() == null) {
            return null;
        }
        for (Map.Entry<String, String> header : event.getHeaders().entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    /** A query parameter; an empty one counts as absent. */
    public static String query(APIGatewayV2HTTPEvent event, String name) {
        String value = event.getQueryStringParameters() == null ? null : event.getQueryStringParameters().get(name);
        return value == null || value.isBlank() ? null : value;
    }

    public static String pathParameter(APIGatewayV2HTTPEvent event, String name) {
        return event.getPathParameters() == null ? null : event.getPathParameters().get(name);
    }

    /** The body exactly as the client sent it: API Gateway base64-encodes bodies it considers binary. */
    public static byte[] rawBody(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        return event.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        return respond(status, "application/json", write(body));
    }

    /** An RFC 9457 problem document. */
    public static APIGatewayV2HTTPResponse problem(int status, String title, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        if (detail != null) {
            problem.put("detail", detail);
        }
        return respond(status, "application/problem+json", write(problem));
    }

    public static APIGatewayV2HTTPResponse respond(int status, String contentType, String body) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(Map.of("content-type", contentType, "cache-control", "no-store"))
                .withBody(body)
                .build();
    }

    private static String write(Object body) {
        try {
            return Json.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Response not serialisable", e);
        }
    }
}
