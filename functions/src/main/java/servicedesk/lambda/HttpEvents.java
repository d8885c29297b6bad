package servicedesk.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import servicedesk.http.HttpRequest;
import servicedesk.http.HttpResponse;

/** API Gateway HTTP API (payload 2.0) events to the desk's {@link HttpRequest}, and its answers back. */
final class HttpEvents {
    private HttpEvents() {
    }

    static HttpRequest request(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        String method = context != null && context.getHttp() != null ? context.getHttp().getMethod() : "";
        return new HttpRequest(event.getRouteKey(), method, event.getRawPath(), headers(event),
                event.getQueryStringParameters(), event.getPathParameters(), rawBody(event), caller(event),
                context == null ? null : context.getDomainName());
    }

    static APIGatewayV2HTTPResponse response(HttpResponse response) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(response.headers().isEmpty() ? null : response.headers())
                .withCookies(response.cookies().isEmpty() ? null : response.cookies())
                .withBody(response.body())
                .build();
    }

    /** Payload 2.0 moves the request's cookies out of its headers; they go back as one {@code cookie} header. */
    private static Map<String, String> headers(APIGatewayV2HTTPEvent event) {
        if (event.getCookies() == null || event.getCookies().isEmpty()) {
            return event.getHeaders();
        }
        Map<String, String> headers = new HashMap<>(event.getHeaders() == null ? Map.of() : event.getHeaders());
        headers.put("cookie", String.join("; ", event.getCookies()));
        return headers;
    }

    /** The body exactly as the client sent it: API Gateway base64-encodes bodies it considers binary. */
    private static byte[] rawBody(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        return event.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }

    /** Who called, as IAM authorised them (the admin API's routes); null when nobody was. */
    private static String caller(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        if (context != null && context.getAuthorizer() != null && context.getAuthorizer().getIam() != null) {
            return context.getAuthorizer().getIam().getUserArn();
        }
        return null;
    }
}
