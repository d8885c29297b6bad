package servicedesk.admin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import servicedesk.incident.DynamoIncidentStore;
import servicedesk.incident.IncidentPage;
import servicedesk.incident.IncidentQuery;
import servicedesk.incident.IncidentState;
import servicedesk.incident.IncidentStore;
import servicedesk.wiring.AwsClients;
import servicedesk.wiring.Environment;
import servicedesk.wiring.Http;
import servicedesk.wiring.Log;

/**
 * The IT team's API (IAM-authorised in the template): {@code GET /incidents} with filters and paging,
 * and {@code GET /incidents/{number}} with the incident's timeline.
 */
public final class AdminApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final int DEFAULT_PAGE = 25;

    private final IncidentStore incidents;

    public AdminApiHandler() {
        this(Environment.ofProcess());
    }

    public AdminApiHandler(Environment environment) {
        this.incidents = new DynamoIncidentStore(new AwsClients(environment).dynamoDb(),
                environment.require("INCIDENTS_TABLE"), Clock.systemUTC());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try {
            return route(event);
        } catch (IllegalArgumentException badRequest) {
            return Http.problem(400, "Bad Request", badRequest.getMessage());
        } catch (RuntimeException failure) {
            Log.error("admin-api-failed", "route", event.getRouteKey(), "error", failure.getClass().getSimpleName());
            return Http.problem(500, "Internal Server Error", null);
        }
    }

    private APIGatewayV2HTTPResponse route(APIGatewayV2HTTPEvent event) {
        String route = event.getRouteKey() == null ? "" : event.getRouteKey();
        return switch (route) {
            case "GET /incidents" -> list(event);
            case "GET /incidents/{number}" -> show(Http.pathParameter(event, "number"));
            default -> Http.problem(404, "Not Found", "No route " + route);
        };
    }

    private APIGatewayV2HTTPResponse list(APIGatewayV2HTTPEvent event) {
        String state = Http.query(event, "state");
        String limit = Http.query(event, "limit");
        IncidentPage page = incidents.list(new IncidentQuery(
                state == null ? null : IncidentState.parse(state),
                Http.query(event, "service"),
                Http.query(event, "reporterId"),
                limit == null ? DEFAULT_PAGE : parseLimit(limit),
                Http.query(event, "pageToken")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("incidents", page.incidents().stream().map(IncidentView::summary).toList());
        body.put("nextPageToken", page.nextPageToken());
        return Http.json(200, body);
    }

    private APIGatewayV2HTTPResponse show(String number) {
        if (number == null || !number.matches("INC\\d{7}")) {
            return Http.problem(400, "Bad Request", "An incident number looks like INC0001042");
        }
        return incidents.find(number)
                .map(incident -> Http.json(200, IncidentView.detail(incident, incidents.timeline(number))))
                .orElseGet(() -> Http.problem(404, "Not Found", "No incident " + number));
    }

    private static int parseLimit(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a number");
        }
    }
}
