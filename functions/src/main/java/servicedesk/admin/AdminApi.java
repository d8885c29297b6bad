package servicedesk.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import servicedesk.broadcast.AnnouncementDraft;
import servicedesk.broadcast.AnnouncementText;
import servicedesk.broadcast.Broadcasts;
import servicedesk.catalog.Service;
import servicedesk.catalog.ServiceCatalog;
import servicedesk.format.Json;
import servicedesk.format.Log;
import servicedesk.format.Timestamps;
import servicedesk.format.WebLink;
import servicedesk.http.HttpRequest;
import servicedesk.http.HttpResponse;
import servicedesk.incident.IncidentPage;
import servicedesk.incident.IncidentQuery;
import servicedesk.incident.IncidentState;
import servicedesk.incident.IncidentStore;
import servicedesk.incident.Level;
import servicedesk.notify.OutboxReports;
import servicedesk.outage.AnnouncementKind;
import servicedesk.outage.OutageStore;
import servicedesk.records.DeskRecords;
import servicedesk.targets.DeskReport;

/**
 * The IT team's API (IAM-authorised in the template): incidents with filters and paging and their
 * casework, outages with their updates, announcements made without a tweet, the service catalog, the desk's
 * figures (with its estimated spend on X), and the outbox: what waits to go out and within which of X's
 * budgets. Errors are RFC 9457 problem documents.
 */
public final class AdminApi {
    private static final int DEFAULT_PAGE = 25;
    /** The largest body any admin request needs (a note at its limit, escaped, is well under it). */
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final int MAX_NOTE = 10_000;
    static final int MAX_RESOLUTION = 2_000;
    static final int MAX_ASSIGNEE = 200;
    static final int MAX_SERVICE_NAME = 100;
    static final int MAX_ETA = 40;
    static final int MAX_QUERY_VALUE = 200;
    static final int MAX_PAGE_TOKEN = 2_000;
    /** Printable ASCII, as UUIDs and the usual client keys are. */
    private static final String IDEMPOTENCY_KEY = "[\\x21-\\x7E]{1,200}";

    private final IncidentStore incidents;
    private final OutageStore outages;
    private final ServiceCatalog catalog;
    private final Broadcasts broadcasts;
    private final Casework casework;
    private final OutboxReports sending;
    private final Clock clock;

    public AdminApi(IncidentStore incidents, OutageStore outages, ServiceCatalog catalog, DeskRecords records,
                    OutboxReports sending, Clock clock) {
        this.incidents = incidents;
        this.outages = outages;
        this.catalog = catalog;
        this.broadcasts = new Broadcasts(catalog, outages, records, clock);
        this.casework = new Casework(incidents, records, clock);
        this.sending = sending;
        this.clock = clock;
    }

    public HttpResponse handle(HttpRequest request) {
        try {
            return route(request);
        } catch (IllegalArgumentException badRequest) {
            return HttpResponse.problem(400, "Bad Request", badRequest.getMessage());
        } catch (RuntimeException failure) {
            Log.error("admin-api-failed", "route", request.routeKey(), "error", failure.getClass().getSimpleName());
            return HttpResponse.problem(500, "Internal Server Error", null);
        }
    }

    private HttpResponse route(HttpRequest request) {
        String route = request.routeKey() == null ? "" : request.routeKey();
        if (request.body().length > MAX_BODY_BYTES) {
            return HttpResponse.problem(413, "Content Too Large", "A request body holds at most " + MAX_BODY_BYTES + " bytes");
        }
        return switch (route) {
            case "GET /incidents" -> list(request);
            case "GET /incidents/{number}" -> show(request.pathParameter("number"));
            case "PATCH /incidents/{number}" -> edit(request, request.pathParameter("number"));
            case "GET /services" -> HttpResponse.json(200, Map.of("services", catalog.all().stream().map(AdminApi::service).toList()));
            case "GET /services/{hashtag}" -> catalog.find(hashtag(request))
                    .map(found -> HttpResponse.json(200, service(found)))
                    .orElseGet(() -> HttpResponse.problem(404, "Not Found", "No service #" + hashtag(request)));
            case "PUT /services/{hashtag}" -> putService(request, hashtag(request));
            case "DELETE /services/{hashtag}" -> catalog.remove(hashtag(request))
                    ? HttpResponse.empty(204)
                    : HttpResponse.problem(404, "Not Found", "No service #" + hashtag(request));
            case "GET /outages" -> outages(request);
            case "POST /announcements" -> announce(request);
            case "GET /reports" -> reports();
            case "GET /outbox" -> HttpResponse.json(200, OutboxView.of(sending.outbox()));
            default -> HttpResponse.problem(404, "Not Found", "No route " + route);
        };
    }

    /** The desk's figures, with the estimated spend on X of the last week and per incident. */
    private HttpResponse reports() {
        Map<String, Object> body = new LinkedHashMap<>(Json.MAPPER.convertValue(
                DeskReport.current(incidents),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { }));
        body.put("cost", OutboxView.cost(sending.spend(7)));
        return HttpResponse.json(200, body);
    }

    private HttpResponse list(HttpRequest request) {
        String state = request.query("state");
        IncidentPage page = incidents.list(new IncidentQuery(
                state == null ? null : IncidentState.parse(bounded(state, "state", MAX_QUERY_VALUE)),
                bounded(request.query("service"), "service", MAX_QUERY_VALUE),
                bounded(request.query("reporterId"), "reporterId", MAX_QUERY_VALUE),
                "true".equalsIgnoreCase(request.query("open")),
                bounded(request.query("outageId"), "outageId", MAX_QUERY_VALUE),
                limit(request),
                bounded(request.query("pageToken"), "pageToken", MAX_PAGE_TOKEN)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("incidents", page.incidents().stream().map(IncidentView::summary).toList());
        body.put("nextPageToken", page.nextPageToken());
        return HttpResponse.json(200, body);
    }

    private HttpResponse show(String number) {
        if (number == null || !number.matches("INC\\d{7}")) {
            return HttpResponse.problem(400, "Bad Request", "An incident number looks like INC0001042");
        }
        return incidents.find(number)
                .map(incident -> HttpResponse.json(200, IncidentView.detail(incident, incidents.timeline(number))))
                .orElseGet(() -> HttpResponse.problem(404, "Not Found", "No incident " + number));
    }

    private HttpResponse outages(HttpRequest request) {
        Instant now = clock.instant();
        return HttpResponse.json(200, Map.of("outages", outages.recent(limit(request)).stream()
                .map(outage -> OutageView.of(outage, outages.updates(outage.id()), now)).toList()));
    }

    /**
     * {@code POST /announcements} with {@code {"kind", "service", "text", "eta", "windowStart", "windowEnd", "link"}};
     * an {@code Idempotency-Key} header makes a retried request announce once.
     */
    private HttpResponse announce(HttpRequest request) {
        JsonNode body = jsonBody(request);
        if (body == null || !body.path("kind").isTextual() || !body.path("text").isTextual()) {
            return HttpResponse.problem(400, "Bad Request", "kind, service and text are required");
        }
        AnnouncementKind kind = AnnouncementKind.parse(bounded(body.path("kind").asText(), "kind", MAX_QUERY_VALUE));
        String service = bounded(text(body, "service"), "service", MAX_QUERY_VALUE);
        // The text is held to one post by the announcement's own rule (422); the body limit caps it before that.
        String text = body.path("text").asText();
        String eta = bounded(text(body, "eta"), "eta", MAX_ETA);
        String link = text(body, "link");
        if (link != null && !WebLink.isSafe(link)) {
            throw new IllegalArgumentException("link must be an http or https URL of at most " + WebLink.MAX_LENGTH + " characters");
        }
        AnnouncementDraft draft = AnnouncementText.fromApi(kind, service, text, eta, instant(body, "windowStart"),
                instant(body, "windowEnd"), link, caller(request));
        String announcementId = "api-" + idempotencyKey(request).orElseGet(() -> UUID.randomUUID().toString());
        return switch (broadcasts.announce(draft, announcementId)) {
            case Broadcasts.Result.Announced announced -> HttpResponse.json(201, AnnouncementView.of(announced.announcement()));
            case Broadcasts.Result.AlreadyAnnounced already ->
                    HttpResponse.json(200, Map.of("announcementId", announcementId, "status", "already announced"));
            case Broadcasts.Result.Rejected rejected -> HttpResponse.problem(422, "Unprocessable Content", rejected.reason());
        };
    }

    /** {@code PATCH /incidents/{number}} with {@code {"state", "assignee", "note", "resolution"}}. */
    private HttpResponse edit(HttpRequest request, String number) {
        if (number == null || !number.matches("INC\\d{7}")) {
            return HttpResponse.problem(400, "Bad Request", "An incident number looks like INC0001042");
        }
        JsonNode body = jsonBody(request);
        if (body == null) {
            return HttpResponse.problem(400, "Bad Request", "The body must be a JSON object");
        }
        Casework.Edit edit = new Casework.Edit(
                body.path("state").isTextual() ? IncidentState.parse(bounded(body.path("state").asText(), "state", MAX_QUERY_VALUE)) : null,
                bounded(text(body, "assignee"), "assignee", MAX_ASSIGNEE), bounded(text(body, "note"), "note", MAX_NOTE),
                bounded(text(body, "resolution"), "resolution", MAX_RESOLUTION));
        String requestKey = idempotencyKey(request).orElseGet(() -> UUID.randomUUID().toString());
        return switch (casework.edit(number, edit, caller(request), requestKey)) {
            case Casework.Result.Updated updated -> HttpResponse.json(200, IncidentView.detail(updated.incident(), incidents.timeline(number)));
            case Casework.Result.NotFound notFound -> HttpResponse.problem(404, "Not Found", "No incident " + number);
            case Casework.Result.Refused refused -> HttpResponse.problem(refused.status(),
                    refused.status() == 409 ? "Conflict" : "Unprocessable Content", refused.reason());
        };
    }

    /** {@code PUT /services/{hashtag}} with {@code {"name", "impact"}} (impact 1 high … 3 low). */
    private HttpResponse putService(HttpRequest request, String hashtag) {
        JsonNode body = jsonBody(request);
        if (body == null || !body.path("name").isTextual() || body.path("name").asText().isBlank()) {
            return HttpResponse.problem(400, "Bad Request", "A service needs a name");
        }
        bounded(body.path("name").asText(), "name", MAX_SERVICE_NAME);
        int impact = body.path("impact").asInt(2);
        if (impact < 1 || impact > 3) {
            return HttpResponse.problem(400, "Bad Request", "impact is 1 (high), 2 or 3 (low)");
        }
        Service service = new Service(hashtag, body.path("name").asText().trim(), Level.ofRank(impact));
        boolean existed = catalog.find(service.hashtag()).isPresent();
        catalog.put(service);
        return HttpResponse.json(existed ? 200 : 201, service(service));
    }

    private static Map<String, Object> service(Service service) {
        return Map.of("hashtag", service.hashtag(), "name", service.name(), "impact", service.impact().rank());
    }

    private static JsonNode jsonBody(HttpRequest request) {
        try {
            JsonNode body = Json.MAPPER.readTree(new String(request.body(), StandardCharsets.UTF_8));
            return body != null && body.isObject() ? body : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The path's service hashtag, lower-case; a 400 unless it is 1 to 50 letters, digits or _. */
    private static String hashtag(HttpRequest request) {
        String hashtag = Service.normalise(String.valueOf(request.pathParameter("hashtag")));
        if (!Service.isHashtag(hashtag)) {
            throw new IllegalArgumentException("A service hashtag is 1 to 50 letters, digits or _");
        }
        return hashtag;
    }

    /** The value, or a 400 naming the field when it is longer than {@code max} characters. */
    private static String bounded(String value, String field, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException(field + " is longer than " + max + " characters");
        }
        return value;
    }

    /** The request's {@code Idempotency-Key}, if it sent one; a 400 if it is not 1 to 200 printable ASCII characters. */
    private static Optional<String> idempotencyKey(HttpRequest request) {
        String key = request.header("idempotency-key");
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        if (!key.trim().matches(IDEMPOTENCY_KEY)) {
            throw new IllegalArgumentException("Idempotency-Key is 1 to 200 printable ASCII characters");
        }
        return Optional.of(key.trim());
    }

    private static String text(JsonNode body, String field) {
        return body.path(field).isTextual() ? body.path(field).asText() : null;
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
    private static String caller(HttpRequest request) {
        return request.caller() != null ? request.caller() : "admin-api";
    }

    private static int limit(HttpRequest request) {
        String text = request.query("limit");
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
