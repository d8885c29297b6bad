package servicedesk.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import servicedesk.http.HttpRequest;
import servicedesk.http.HttpResponse;

/** API Gateway HTTP API (payload 2.0) events to the desk's {@link HttpRequest}, and its answers back. */
final class HttpEvents {
    private HttpEvents() {
    }

    static HttpRequest request(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        String method = context != null && context.getHttp() != null ? context.getHttp().getMethod() : "";
        return new HttpRequest(event.getRouteKey(), method, event.getRawPath(), event.getHeaders(),
                event.getQueryStringParameters(), event.getPathParameters(), rawBody(event), caller(event),
                context == null ? null : context.getDomainName());
    }

    static APIGatewayV2HTTPResponse response(HttpResponse response) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(response.headers().isEmpty() ? null : response.headers())
                .withBody(response.body())
                .build();
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
