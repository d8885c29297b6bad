package servicedesk.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The template's HTTP API: a request matched to its route as API Gateway does, and handed to the route's function. */
final class HttpApi {

    record Route(String method, String path, String functionId) {
        String routeKey() {
            return method + " " + path;
        }
    }

    private final List<Route> routes;
    private final FunctionHosting functions;
    /** The API's own domain, as API Gateway puts it in each event's request context. */
    private volatile String domainName = "localhost";

    HttpApi(List<Route> routes, FunctionHosting functions) {
        // As API Gateway does: a greedy {proxy+} route only takes what no other route matches, and the
        // longer of two greedy routes wins (/console/{proxy+} before /{proxy+}).
        this.routes = routes.stream().sorted(Comparator.comparing((Route route) -> route.path().contains("+}"))
                .thenComparing(route -> route.path().contains("+}") ? -route.path().length() : 0)).toList();
        this.functions = functions;
    }

    void servedAt(String domainName) {
        this.domainName = domainName;
    }

    List<Route> routes() {
        return routes;
    }

    /** The route's function's answer, or null when no route matches (the gateway's own 404). */
    APIGatewayV2HTTPResponse handle(String method, String rawPath, Map<String, String> query, Map<String, String> headers,
                                    String body) {
        for (Route route : routes) {
            Map<String, String> pathParameters = HttpRoutes.match(route.path(), rawPath);
            if (route.method().equalsIgnoreCase(method) && pathParameters != null) {
                APIGatewayV2HTTPEvent event = HttpRoutes.event(route.routeKey(), method, rawPath, query, headers, body, pathParameters, domainName);
                return (APIGatewayV2HTTPResponse) functions.invoke(route.functionId(), event);
            }
        }
        return null;
    }
}
