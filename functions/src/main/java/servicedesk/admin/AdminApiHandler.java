package servicedesk.admin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import servicedesk.broadcast.AnnouncementDraft;
import servicedesk.broadcast.AnnouncementKind;
import servicedesk.broadcast.Broadcasts;
import servicedesk.broadcast.DynamoOutageStore;
import servicedesk.broadcast.OutageStore;
import servicedesk.catalog.DynamoServiceCatalog;
import servicedesk.catalog.Service;
import servicedesk.catalog.ServiceCatalog;
import servicedesk.incident.Level;
import servicedesk.incident.DynamoIncidentStore;
import servicedesk.incident.IncidentPage;
import servicedesk.incident.IncidentQuery;
import servicedesk.incident.IncidentState;
import servicedesk.incident.IncidentStore;
import servicedesk.records.DeskRecords;
import servicedesk.records.DynamoDeskRecords;
import servicedesk.targets.DeskReport;
import servicedesk.wiring.AwsClients;
import servicedesk.wiring.Environment;
import servicedesk.wiring.Http;
import servicedesk.wiring.Json;
import servicedesk.wiring.Log;
import servicedesk.wiring.Timestamps;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The IT team's API (IAM-authorised in the template): incidents with filters and paging and their
 * casework, outages with their updates, announcements made without a tweet, the service catalog, and the
 * desk's figures.
 */
public final class AdminApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final int DEFAULT_PAGE = 25;

    private final IncidentStore incidents;
    private final OutageStore outages;
    private final ServiceCatalog catalog;
    private final Broadcasts broadcasts;
    private final Casework casework;
    private final Clock clock;

    public AdminApiHandler() {
        this(Environment.ofProcess());
    }

    public AdminApiHandler(Environment environment) {
        this(environment, Clock.systemUTC());
    }

    public AdminApiHandler(Environment environment, Clock clock) {
        DynamoDbClient dynamo = new AwsClients(environment).dynamoDb();
        String table = environment.require("INCIDENTS_TABLE");
        DeskRecords records = new DynamoDeskRecords(dynamo, table, clock);
        this.incidents = new DynamoIncidentStore(dynamo, table);
        this.outages = new DynamoOutageStore(dynamo, table);
        this.catalog = new DynamoServiceCatalog(dynamo, environment.require("SERVICES_TABLE"), clock);
        this.broadcasts = new Broadcasts(catalog, outages, records, clock);
        this.casework = new Casework(incidents, records, clock);
        this.clock = clock;
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
            case "PATCH /incidents/{number}" -> edit(event, Http.pathParameter(event, "number"));
            case "GET /services" -> Http.json(200, Map.of("services", catalog.all().stream().map(AdminApiHandler::service).toList()));
            case "GET /services/{hashtag}" -> catalog.find(Http.pathParameter(event, "hashtag"))
                    .map(found -> Http.json(200, service(found)))
                    .orElseGet(() -> Http.problem(404, "Not Found", "No service #" + Http.pathParameter(event, "hashtag")));
            case "PUT /services/{hashtag}" -> putService(event, Http.pathParameter(event, "hashtag"));
            case "DELETE /services/{hashtag}" -> catalog.remove(Http.pathParameter(event, "hashtag"))
                    ? APIGatewayV2HTTPResponse.builder().withStatusCode(204).build()
                    : Http.problem(404, "Not Found", "No service #" + Http.pathParameter(event, "hashtag"));
            case "GET /outages" -> outages(event);
            case "POST /announcements" -> announce(event);
            case "GET /reports" -> Http.json(200, DeskReport.of(incidents.listAll(IncidentQuery.everything())));
            default -> Http.problem(404, "Not Found", "No route " + route);
        };
    }

    private APIGatewayV2HTTPResponse list(APIGatewayV2HTTPEvent event) {
        String state = Http.query(event, "state");
        IncidentPage page = incidents.list(new IncidentQuery(
                state == null ? null : IncidentState.parse(state),
                Http.query(event, "service"),
                Http.query(event, "reporterId"),
                "true".equalsIgnoreCase(Http.query(event, "open")),
                Http.query(event, "outageId"),
                limit(event),
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

    private APIGatewayV2HTTPResponse outages(APIGatewayV2HTTPEvent event) {
        Instant now = clock.instant();
        return Http.json(200, Map.of("outages", outages.recent(limit(event)).stream()
                .map(outage -> OutageView.of(outage, outages.updates(outage.id()), now)).toList()));
    }

    /**
     * {@code POST /announcements} with {@code {"kind", "service", "text", "eta", "windowStart", "windowEnd", "link"}};
     * an {@code Idempotency-Key} header makes a retried request announce once.
     */
    private APIGatewayV2HTTPResponse announce(APIGatewayV2HTTPEvent event) {
        JsonNode body = jsonBody(event);
        if (body == null || !body.path("kind").isTextual() || !body.path("text").isTextual()) {
            return Http.problem(400, "Bad Request", "kind, service and text are required");
        }
        AnnouncementKind kind = AnnouncementKind.parse(body.path("kind").asText());
        String service = body.path("service").asText(null);
        String text = body.path("text").asText();
        String eta = body.path("eta").asText(null);
        String link = body.path("link").asText(null);
        AnnouncementDraft draft = new AnnouncementDraft(kind, service, publicText(kind, service, text, eta, link), eta,
                instant(body, "windowStart"), instant(body, "windowEnd"), link, caller(event), null);
        String key = Http.header(event, "idempotency-key");
        String announcementId = "api-" + (key == null || key.isBlank() ? UUID.randomUUID() : key.trim());
        return switch (broadcasts.announce(draft, announcementId)) {
            case Broadcasts.Result.Announced announced -> Http.json(201, AnnouncementView.of(announced.announcement()));
            case Broadcasts.Result.AlreadyAnnounced already ->
                    Http.json(200, Map.of("announcementId", announcementId, "status", "already announced"));
            case Broadcasts.Result.Rejected rejected -> Http.problem(422, "Unprocessable Content", rejected.reason());
        };
    }

    /** {@code PATCH /incidents/{number}} with {@code {"state", "assignee", "note", "resolution"}}. */
    private APIGatewayV2HTTPResponse edit(APIGatewayV2HTTPEvent event, String number) {
        if (number == null || !number.matches("INC\\d{7}")) {
            return Http.problem(400, "Bad Request", "An incident number looks like INC0001042");
        }
        JsonNode body = jsonBody(event);
        if (body == null) {
            return Http.problem(400, "Bad Request", "The body must be a JSON object");
        }
        Casework.Edit edit = new Casework.Edit(
                body.path("state").isTextual() ? IncidentState.parse(body.path("state").asText()) : null,
                text(body, "assignee"), text(body, "note"), text(body, "resolution"));
        String key = Http.header(event, "idempotency-key");
        String requestKey = key == null || key.isBlank() ? UUID.randomUUID().toString() : key.trim();
        return switch (casework.edit(number, edit, caller(event), requestKey)) {
            case Casework.Result.Updated updated -> Http.json(200, IncidentView.detail(updated.incident(), incidents.timeline(number)));
            case Casework.Result.NotFound notFound -> Http.problem(404, "Not Found", "No incident " + number);
            case Casework.Result.Refused refused -> Http.problem(refused.status(),
                    refused.status() == 409 ? "Conflict" : "Unprocessable Content", refused.reason());
        };
    }

    /** {@code PUT /services/{hashtag}} with {@code {"name", "impact"}} (impact 1 high … 3 low). */
    private APIGatewayV2HTTPResponse putService(APIGatewayV2HTTPEvent event, String hashtag) {
        JsonNode body = jsonBody(event);
        if (body == null || !body.path("name").isTextual() || body.path("name").asText().isBlank()) {
            return Http.problem(400, "Bad Request", "A service needs a name");
        }
        int impact = body.path("impact").asInt(2);
        if (impact < 1 || impact > 3) {
            return Http.problem(400, "Bad Request", "impact is 1 (high), 2 or 3 (low)");
        }
        Service service = new Service(hashtag, body.path("name").asText().trim(), Level.ofRank(impact));
        boolean existed = catalog.find(service.hashtag()).isPresent();
        catalog.put(service);
        return Http.json(existed ? 200 : 201, service(service));
    }

    private static Map<String, Object> service(Service service) {
        return Map.of("hashtag", service.hashtag(), "name", service.name(), "impact", service.impact().rank());
    }

    private static JsonNode jsonBody(APIGatewayV2HTTPEvent event) {
        try {
            JsonNode body = Json.MAPPER.readTree(new String(Http.rawBody(event), StandardCharsets.UTF_8));
            return body != null && body.isObject() ? body : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode body, String field) {
        return body.path(field).isTextual() ? body.path(field).asText() : null;
    }

    /** The words to post, with the command and service hashtags, ETA and link when the text lacks them. */
    static String publicText(AnnouncementKind kind, String service, String text, String eta, String link) {
        StringBuilder post = new StringBuilder();
        if (!text.contains("#" + kind.hashtag())) {
            post.append('#').append(kind.hashtag()).append(' ');
        }
        if (service != null && !text.toLowerCase().contains("#" + service.toLowerCase())) {
            post.append('#').append(service.toLowerCase()).append(' ');
        }
        post.append(text.trim());
        if (eta != null && !text.contains(eta)) {
            post.append(" ETA ").append(eta);
        }
        if (link != null && !text.contains(link)) {
            post.append(' ').append(link);
        }
        return post.toString();
    }

    private static Instant instant(JsonNode body, String field) {
        if (!body.path(field).isTextual()) {
            return null;
        }
        try {
            return Timestamps.parse(body.path(field).asText());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 instant, like 2025-11-29T22:00:00Z");
        }
    }

    /** Who called, as IAM authorised them: recorded as the announcement's author. */
    private static String caller(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        if (context != null && context.getAuthorizer() != null && context.getAuthorizer().getIam() != null
                && context.getAuthorizer().getIam().getUserArn() != null) {
            return context.getAuthorizer().getIam().getUserArn();
        }
        return "admin-api";
    }

    private static int limit(APIGatewayV2HTTPEvent event) {
        String text = Http.query(event, "limit");
        int limit;
        try {
            limit = text == null ? DEFAULT_PAGE : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a number");
        }
        if (limit < 1 || limit > 100) {
            throw new IllegalArgumentException("limit must be between 1 and 100");
        }
        return limit;
    }
}
