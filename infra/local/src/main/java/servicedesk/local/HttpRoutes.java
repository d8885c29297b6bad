package servicedesk.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** HTTP API routing and the payload-format-2.0 events API Gateway builds for a request. */
final class HttpRoutes {
    private HttpRoutes() {
    }

    /** The path parameters if {@code template} ("/incidents/{number}") matches {@code path}, else null. */
    static Map<String, String> match(String template, String path) {
        String[] expected = template.split("/");
        String[] actual = path.split("/");
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < expected.length; i++) {
            String segment = expected[i];
            if (segment.startsWith("{") && segment.endsWith("+}")) {
                parameters.put(segment.substring(1, segment.length() - 2),
                        String.join("/", java.util.Arrays.copyOfRange(actual, Math.min(i, actual.length), actual.length)));
                return parameters;
            }
            if (i >= actual.length) {
                return null;
            }
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (actual[i].isEmpty()) {
                    return null;
                }
                parameters.put(segment.substring(1, segment.length() - 1), actual[i]);
            } else if (!segment.equals(actual[i])) {
                return null;
            }
        }
        return expected.length == actual.length ? parameters : null;
    }

    /** {@code domainName}: where the API was reached, as API Gateway reports it (whatever Host the client sent). */
    static APIGatewayV2HTTPEvent event(String routeKey, String method, String rawPath, Map<String, String> query,
                                       Map<String, String> headers, String body, Map<String, String> pathParameters,
                                       String domainName) {
        Map<String, String> lowerCaseHeaders = new LinkedHashMap<>();
        headers.forEach((name, value) -> lowerCaseHeaders.put(name.toLowerCase(), value));
        // Payload 2.0 carries the request's cookies apart from its headers.
        String cookieHeader = lowerCaseHeaders.remove("cookie");
        java.util.List<String> cookies = cookieHeader == null ? null
                : java.util.Arrays.stream(cookieHeader.split(";")).map(String::trim).filter(cookie -> !cookie.isEmpty()).toList();
        String rawQuery = query.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining("&"));
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(rawPath)
                .withRawQueryString(rawQuery)
                .withHeaders(lowerCaseHeaders)
                .withCookies(cookies)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey(routeKey)
                        .withStage("$default")
                        .withDomainName(domainName)
                        .withRequestId(UUID.randomUUID().toString())
                        .withTimeEpoch(Instant.now().toEpochMilli())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method)
                                .withPath(rawPath)
                                .withProtocol("HTTP/1.1")
                                .withSourceIp("127.0.0.1")
                                .withUserAgent(lowerCaseHeaders.getOrDefault("user-agent", ""))
                                .build())
                        .build())
                .build();
    }
}
