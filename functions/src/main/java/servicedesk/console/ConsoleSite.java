package servicedesk.console;

import static servicedesk.console.Html.escape;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import servicedesk.admin.Casework;
import servicedesk.broadcast.AnnouncementDraft;
import servicedesk.broadcast.Broadcasts;
import servicedesk.catalog.Service;
import servicedesk.catalog.ServiceCatalog;
import servicedesk.format.Log;
import servicedesk.http.HttpRequest;
import servicedesk.http.HttpResponse;
import servicedesk.incident.Incident;
import servicedesk.incident.IncidentQuery;
import servicedesk.incident.IncidentState;
import servicedesk.incident.IncidentStore;
import servicedesk.incident.Level;
import servicedesk.incident.TimelineEntry;
import servicedesk.notify.OutboxReports;
import servicedesk.outage.OutageStore;
import servicedesk.records.DeskRecords;
import servicedesk.targets.DeskReport;

/**
 * The agent console ({@code GET /console} and the pages under it): server-rendered HTML, one stylesheet and
 * one small script of its own. It trusts no route it is reached on: every request but sign-in and the two
 * assets must carry a session cookie whose access token {@link AgentTokens} verifies (one that is genuine but
 * expired is refreshed with the refresh cookie; no other cookie makes a call to the user pool), every change
 * must come from this origin with the CSRF token, and every answer carries a Content-Security-Policy that
 * allows no inline script.
 */
public final class ConsoleSite {
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            "content-security-policy", CONTENT_SECURITY_POLICY,
            "x-content-type-options", "nosniff",
            "x-frame-options", "DENY",
            // same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on the console's own forms.
            "referrer-policy", "same-origin",
            "strict-transport-security", "max-age=31536000");
    private static final int MAX_FORM_BYTES = 64 * 1024;
    /** Without a session the refresh cookie is of no use: it renews only a genuine session's token. */
    private static final List<String> SESSION_ENDED = List.of(Cookies.clear(Cookies.SESSION), Cookies.clear(Cookies.REFRESH));
    private static final Map<String, String> DONE = Map.of(
            "assign", "Assigned.", "note", "Note added.", "answer", "Answer queued: it is sent within X's limits.",
            "move", "State changed.", "resolve", "Resolved: the reporter is being told.",
            "announced", "Announced: the post and the messages are on their way.", "service", "Catalog saved.");

    private final IncidentStore incidents;
    private final OutageStore outages;
    private final ServiceCatalog catalog;
    private final AgentTokens tokens;
    private final AgentSignIn signIn;
    private final Casework casework;
    private final Broadcasts broadcasts;
    private final QueueScreen queue;
    private final AnnouncementScreen announcements;
    private final OutboxReports sending;
    private final Clock clock;

    public ConsoleSite(IncidentStore incidents, OutageStore outages, ServiceCatalog catalog, DeskRecords records,
                       AgentTokens tokens, AgentSignIn signIn, OutboxReports sending, Clock clock) {
        this.incidents = incidents;
        this.outages = outages;
        this.catalog = catalog;
        this.tokens = tokens;
        this.signIn = signIn;
        this.casework = new Casework(incidents, records, clock);
        this.broadcasts = new Broadcasts(catalog, outages, records, clock);
        this.queue = new QueueScreen(incidents);
        this.announcements = new AnnouncementScreen(catalog, outages, incidents);
        this.sending = sending;
        this.clock = clock;
    }

    public HttpResponse handle(HttpRequest request) {
        HttpResponse response;
        try {
            response = route(request);
        } catch (IllegalArgumentException bad) {
            response = html(400, Html.page("Bad request", null, null, "<h1>Bad request</h1><p>" + escape(bad.getMessage()) + "</p>"));
        } catch (RuntimeException failure) {
            Log.error("console-failed", "path", request.path(), "error", failure.getClass().getSimpleName());
            response = html(500, Html.page("Error", null, null, "<h1>Something went wrong</h1><p>Nothing was lost; try again.</p>"));
        }
        return response.withHeaders(SECURITY_HEADERS);
    }

    private HttpResponse route(HttpRequest request) {
        String path = request.path() == null ? "" : request.path().replaceAll("/+$", "");
        String method = request.method() == null ? "" : request.method().toUpperCase();
        if (method.equals("GET") && path.startsWith("/console/assets/")) {
            HttpResponse asset = Assets.serve(path.substring("/console/assets/".length()));
            return asset != null ? asset : notFound(null);
        }
        Map<String, String> cookies = Cookies.parse(request.header("cookie"));
        Map<String, String> form = method.equals("POST") ? form(request) : Map.of();
        String crossSite = method.equals("POST") ? crossSite(request, cookies, form) : null;
        if (crossSite != null) {
            Log.info("console-change-refused", "path", path, "reason", crossSite);
            return html(403, Html.page("Refused", null, null, "<h1>Refused</h1><p>This form was not sent from the console's own "
                    + "page (its security token is missing or wrong). Go back, reload the page and try again.</p>"));
        }
        switch (method + " " + path) {
            case "GET /console/sign-in":
                return signInPage(cookies, null, 200);
            case "POST /console/sign-in":
                return signIn(form);
            case "POST /console/new-password":
                return newPassword(cookies, form);
            case "POST /console/sign-out":
                return signOut(cookies);
            default:
                break;
        }
        Session session = authenticate(cookies);
        if (session == null) {
            if (method.equals("GET") && !path.endsWith("/version") && !path.equals("/console/queue/results")
                    && !path.equals("/console/announcements/preview")) {
                return redirect("/console/sign-in").withCookies(SESSION_ENDED);
            }
            return html(401, Html.page("Signed out", null, null,
                    "<h1>Your session has ended</h1><p><a href=\"/console/sign-in\">Sign in again</a>. Nothing was changed.</p>"))
                    .withCookies(SESSION_ENDED);
        }
        return withSessionCookies(routeSignedIn(request, method, path, form, session), session);
    }

    private HttpResponse routeSignedIn(HttpRequest request, String method, String path, Map<String, String> form, Session session) {
        String[] segments = path.split("/");
        if (segments.length >= 4 && segments[2].equals("incidents") && segments[3].matches("INC\\d{7}")) {
            String number = segments[3];
            if (segments.length == 4 && method.equals("GET")) {
                return incidentPage(number, session, request.query("done"), null, Map.of(), 200);
            }
            if (segments.length == 5 && segments[4].equals("version") && method.equals("GET")) {
                return version(number, request);
            }
            if (segments.length == 4 && method.equals("POST")) {
                return act(number, form, session);
            }
        }
        return switch (method + " " + path) {
            case "GET /console" -> html(200, Html.page("Queue", "Queue", session, queue.page(QueueFilter.from(request.query()),
                    catalog.all(), session, clock.instant())));
            case "GET /console/queue/results" -> queueResults(request, session);
            case "GET /console/outages" -> html(200, Html.page("Outages", "Outages", session,
                    announcements.page(session, clock.instant(), Map.of(), null, done(request.query("done")), null)));
            case "GET /console/announcements/preview" -> previewFragment(request, session);
            case "POST /console/announcements" -> announce(form, session);
            case "GET /console/reports" -> reports(session);
            case "GET /console/outbox" -> html(200, Html.page("Outbox", "Outbox", session, OutboxScreen.render(sending.outbox())));
            case "GET /console/services" -> services(session, request.query("done"), null, 200);
            case "POST /console/services" -> saveService(form, session);
            default -> notFound(session);
        };
    }

    // ---- signing in ----------------------------------------------------------------------------------

    /**
     * The agent of a session cookie the pool signed and that has not expired, or, if it has merely expired, of
     * the access token its refresh cookie renews. Anything else (no cookie, a forged or made-up one) is no
     * session, decided without asking the pool: a stranger's cookies cost no Cognito call.
     */
    private Session authenticate(Map<String, String> cookies) {
        List<String> setCookies = new ArrayList<>();
        Agent agent = switch (verdict(cookies.get(Cookies.SESSION))) {
            case AgentTokens.Verdict.Valid valid -> valid.agent();
            case AgentTokens.Verdict.Expired expired -> refreshed(cookies.get(Cookies.REFRESH), setCookies);
            case AgentTokens.Verdict.Refused refused -> null;
        };
        if (agent == null) {
            return null;
        }
        String csrf = cookies.get(Cookies.CSRF);
        if (csrf == null) {
            csrf = Cookies.randomToken();
            setCookies.add(Cookies.set(Cookies.CSRF, csrf, null));
        }
        return new Session(agent, csrf, setCookies);
    }

    private AgentTokens.Verdict verdict(String accessToken) {
        return accessToken == null ? new AgentTokens.Verdict.Refused() : tokens.check(accessToken);
    }

    private Agent refreshed(String refreshToken, List<String> setCookies) {
        if (!plausibleRefreshToken(refreshToken)) {
            return null;
        }
        if (signIn.refresh(refreshToken) instanceof AgentSignIn.Result.SignedIn renewed
                && tokens.check(renewed.accessToken()) instanceof AgentTokens.Verdict.Valid valid) {
            setCookies.add(Cookies.set(Cookies.SESSION, renewed.accessToken(), null));
            return valid.agent();
        }
        return null;
    }

    /**
     * Signs out here whatever the pool answers, and on the pool's side too when the session is the pool's
     * (valid or expired): its refresh token and the access tokens made from it stop working.
     */
    private HttpResponse signOut(Map<String, String> cookies) {
        String refreshToken = cookies.get(Cookies.REFRESH);
        if (plausibleRefreshToken(refreshToken) && !(verdict(cookies.get(Cookies.SESSION)) instanceof AgentTokens.Verdict.Refused)) {
            try {
                signIn.signOut(refreshToken);
            } catch (RuntimeException failed) {
                Log.error("agent-sign-out-not-revoked", "error", failed.getClass().getSimpleName());
            }
        }
        return redirect("/console/sign-in").withCookies(List.of(Cookies.clear(Cookies.SESSION), Cookies.clear(Cookies.REFRESH),
                Cookies.clear(Cookies.CSRF)));
    }

    /** What RevokeToken accepts as a token ([A-Za-z0-9-_=.]+), and no longer than a cookie the console sets. */
    private static boolean plausibleRefreshToken(String token) {
        return token != null && token.length() <= 4_096 && token.matches("[A-Za-z0-9._=-]+");
    }

    private HttpResponse signInPage(Map<String, String> cookies, String problem, int status) {
        String csrf = cookies.get(Cookies.CSRF);
        List<String> setCookies = new ArrayList<>();
        if (csrf == null) {
            csrf = Cookies.randomToken();
            setCookies.add(Cookies.set(Cookies.CSRF, csrf, null));
        }
        StringBuilder main = new StringBuilder("<h1>Sign in</h1><p class=\"muted\">For IT staff of this service desk.</p>");
        if (problem != null) {
            main.append("<p class=\"banner bad\" role=\"alert\" id=\"problem\">").append(escape(problem)).append("</p>");
        }
        main.append("<form class=\"signin\" method=\"post\" action=\"/console/sign-in\"><input type=\"hidden\" name=\"csrf\" value=\"")
                .append(escape(csrf)).append("\"><p><label for=\"email\">Email address</label><input id=\"email\" name=\"email\" ")
                .append("type=\"email\" autocomplete=\"username\" required maxlength=\"254\"></p><p><label for=\"password\">Password</label>")
                .append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required maxlength=\"256\">")
                .append("</p><p><button type=\"submit\">Sign in</button></p></form>");
        return html(status, Html.page("Sign in", null, null, main.toString())).withCookies(setCookies);
    }

    private HttpResponse signIn(Map<String, String> form) {
        String email = form.getOrDefault("email", "").strip();
        String password = form.getOrDefault("password", "");
        if (email.isEmpty() || password.isEmpty() || email.length() > 254 || password.length() > 256) {
            return signInPage(Map.of(), "Give your email address and password.", 400);
        }
        return signedIn(signIn.signIn(email, password), email);
    }

    private HttpResponse newPassword(Map<String, String> cookies, Map<String, String> form) {
        String challenge = cookies.get(Cookies.CHALLENGE);
        String email = form.getOrDefault("email", "");
        String password = form.getOrDefault("password", "");
        if (challenge == null) {
            return signInPage(cookies, "The sign-in took too long; sign in again with your temporary password.", 400);
        }
        if (!password.equals(form.get("confirm"))) {
            return newPasswordPage(email, cookies.get(Cookies.CSRF), "The two passwords differ.");
        }
        return signedIn(signIn.chooseNewPassword(email, decode(challenge), password), email);
    }

    private HttpResponse signedIn(AgentSignIn.Result result, String email) {
        String csrf = Cookies.randomToken();
        return switch (result) {
            case AgentSignIn.Result.SignedIn tokens -> {
                // A new CSRF token with every sign-in: one planted before it is worth nothing after.
                List<String> set = new ArrayList<>(List.of(Cookies.set(Cookies.SESSION, tokens.accessToken(), null),
                        Cookies.set(Cookies.CSRF, csrf, null), Cookies.clear(Cookies.CHALLENGE)));
                if (tokens.refreshToken() != null) {
                    set.add(Cookies.set(Cookies.REFRESH, tokens.refreshToken(), null));
                }
                Log.info("agent-signed-in");
                yield redirect("/console").withCookies(set);
            }
            case AgentSignIn.Result.NewPasswordRequired challenge -> newPasswordPage(email, csrf, null).withCookies(List.of(
                    Cookies.set(Cookies.CHALLENGE, encode(challenge.session()), 180), Cookies.set(Cookies.CSRF, csrf, null)));
            case AgentSignIn.Result.Refused refused -> signInPage(Map.of(Cookies.CSRF, csrf), refused.reason(), 401)
                    .withCookies(List.of(Cookies.set(Cookies.CSRF, csrf, null)));
        };
    }

    private HttpResponse newPasswordPage(String email, String csrf, String problem) {
        StringBuilder main = new StringBuilder("<h1>Choose your password</h1><p>This is your first sign-in: choose a password ")
                .append("of at least 12 characters with upper and lower case letters, a number and a symbol.</p>");
        if (problem != null) {
            main.append("<p class=\"banner bad\" role=\"alert\" id=\"problem\">").append(escape(problem)).append("</p>");
        }
        main.append("<form class=\"signin\" method=\"post\" action=\"/console/new-password\"><input type=\"hidden\" name=\"csrf\" value=\"")
                .append(escape(csrf)).append("\"><input type=\"hidden\" name=\"email\" value=\"").append(escape(email)).append("\">")
                .append("<p><label for=\"password\">New password</label><input id=\"password\" name=\"password\" type=\"password\" ")
                .append("autocomplete=\"new-password\" required minlength=\"12\" maxlength=\"256\"></p><p><label for=\"confirm\">")
                .append("The same again</label><input id=\"confirm\" name=\"confirm\" type=\"password\" autocomplete=\"new-password\" ")
                .append("required minlength=\"12\" maxlength=\"256\"></p><p><button type=\"submit\">Save and sign in</button></p></form>");
        return html(200, Html.page("Choose your password", null, null, main.toString()));
    }

    /**
     * Why a change is not accepted, or null: it must come from this origin (the browser's {@code Origin}, or
     * {@code Sec-Fetch-Site}) and carry the CSRF cookie's token in the form (or the {@code X-CSRF-Token}
     * header), compared in constant time.
     */
    private static String crossSite(HttpRequest request, Map<String, String> cookies, Map<String, String> form) {
        String origin = request.header("origin");
        if (origin != null) {
            try {
                URI uri = URI.create(origin);
                String host = uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
                if (!host.equalsIgnoreCase(request.header("host"))) {
                    return "another origin";
                }
            } catch (IllegalArgumentException unreadable) {
                return "unreadable origin";
            }
        } else if (request.header("sec-fetch-site") != null && !"same-origin".equals(request.header("sec-fetch-site"))) {
            return "another site";
        }
        String expected = cookies.get(Cookies.CSRF);
        String given = form.getOrDefault("csrf", request.header("x-csrf-token"));
        if (expected == null || given == null) {
            return "no CSRF token";
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))
                ? null : "wrong CSRF token";
    }

    // ---- the queue and incidents -----------------------------------------------------------------------

    private HttpResponse queueResults(HttpRequest request, Session session) {
        QueueScreen.Results results = queue.results(QueueFilter.from(request.query()), session.agent(), clock.instant());
        if (results.etag().equals(request.header("if-none-match"))) {
            return new HttpResponse(304, Map.of("etag", results.etag(), "cache-control", "no-cache, private"), null);
        }
        return new HttpResponse(200, Map.of("content-type", "text/html; charset=utf-8", "etag", results.etag(),
                "cache-control", "no-cache, private"), results.html());
    }

    private HttpResponse incidentPage(String number, Session session, String done, String problem, Map<String, String> kept,
                                      int status) {
        Optional<Incident> incident = incidents.find(number);
        if (incident.isEmpty()) {
            return notFound(session);
        }
        List<TimelineEntry> timeline = incidents.timeline(number);
        return html(status, Html.page(number, "Queue", session, IncidentScreen.render(incident.get(), timeline, session,
                clock.instant(), done(done), problem, kept)));
    }

    private HttpResponse version(String number, HttpRequest request) {
        Optional<Incident> incident = incidents.find(number);
        if (incident.isEmpty()) {
            return new HttpResponse(404, Map.of("cache-control", "no-store"), null);
        }
        String tag = IncidentScreen.versionTag(incident.get(), incidents.timeline(number));
        String etag = "W/\"" + tag + "\"";
        if (etag.equals(request.header("if-none-match"))) {
            return new HttpResponse(304, Map.of("etag", etag, "cache-control", "no-cache, private"), null);
        }
        return new HttpResponse(200, Map.of("content-type", "application/json", "etag", etag,
                "cache-control", "no-cache, private"), "{\"version\":\"" + tag + "\"}");
    }

    /** One action of the incident page's forms, made on the version the page showed. */
    private HttpResponse act(String number, Map<String, String> form, Session session) {
        String action = form.getOrDefault("action", "");
        Long version;
        try {
            version = Long.parseLong(form.getOrDefault("version", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The form lacks the incident's version: reload the page");
        }
        String requestKey = form.getOrDefault("request", "");
        if (!requestKey.matches("[0-9a-f-]{36}")) {
            throw new IllegalArgumentException("The form lacks its request key: reload the page");
        }
        Casework.Edit edit = switch (action) {
            case "assign" -> new Casework.Edit(null, limited(form, "assignee", 128, session.agent().username()), null, null, null, version);
            case "note" -> new Casework.Edit(null, null, limited(form, "note", 5_000, null), null, null, version);
            case "answer" -> new Casework.Edit(null, null, null, null, limited(form, "reply", 10_000, null), version);
            case "move" -> {
                IncidentState state = IncidentState.parse(form.getOrDefault("state", ""));
                if (state == IncidentState.RESOLVED) {
                    throw new IllegalArgumentException("Resolve with a resolution");
                }
                yield new Casework.Edit(state, null, null, null, null, version);
            }
            case "resolve" -> new Casework.Edit(IncidentState.RESOLVED, null, null, resolution(form), null, version);
            default -> throw new IllegalArgumentException("Unknown action");
        };
        return switch (casework.edit(number, edit, session.agent().username(), requestKey)) {
            case Casework.Result.Updated updated -> redirect("/console/incidents/" + number + "?done=" + action);
            case Casework.Result.NotFound missing -> notFound(session);
            case Casework.Result.Refused refused -> incidentPage(number, session, null, refused.reason(), form, refused.status());
        };
    }

    private static String resolution(Map<String, String> form) {
        String text = form.getOrDefault("resolution", "").strip();
        String link = form.getOrDefault("link", "").strip();
        if (!link.isEmpty() && !IncidentScreen.safeLink(link)) {
            throw new IllegalArgumentException("A knowledge article link starts with https:// or http://");
        }
        String resolution = (text + (link.isEmpty() ? "" : " " + link)).strip();
        if (resolution.length() > 2_500) {
            throw new IllegalArgumentException("A resolution is at most 2,000 characters and a link");
        }
        return resolution.isEmpty() ? null : resolution;
    }

    // ---- outages and announcements ---------------------------------------------------------------------

    private HttpResponse previewFragment(HttpRequest request, Session session) {
        try {
            AnnouncementDraft draft = AnnouncementScreen.draft(request.query(), session.agent().username());
            return new HttpResponse(200, Map.of("content-type", "text/html; charset=utf-8", "cache-control", "no-store"),
                    announcements.preview(draft, clock.instant()));
        } catch (IllegalArgumentException incomplete) {
            return new HttpResponse(200, Map.of("content-type", "text/html; charset=utf-8", "cache-control", "no-store"),
                    "<h3 id=\"preview-title\">Preview</h3><p class=\"muted\">" + escape(incomplete.getMessage()) + "</p>");
        }
    }

    private HttpResponse announce(Map<String, String> form, Session session) {
        AnnouncementDraft draft;
        try {
            draft = AnnouncementScreen.draft(form, session.agent().username());
        } catch (IllegalArgumentException incomplete) {
            return outagesPage(session, form, null, incomplete.getMessage(), 400);
        }
        if (!"post".equals(form.get("step"))) {
            return outagesPage(session, form, announcements.preview(draft, clock.instant()), null, 200);
        }
        String requestKey = form.getOrDefault("request", "");
        if (!requestKey.matches("[0-9a-f-]{36}")) {
            throw new IllegalArgumentException("The form lacks its request key: reload the page");
        }
        return switch (broadcasts.announce(draft, "console-" + requestKey)) {
            case Broadcasts.Result.Announced announced -> redirect("/console/outages?done=announced");
            case Broadcasts.Result.AlreadyAnnounced already -> redirect("/console/outages?done=announced");
            case Broadcasts.Result.Rejected rejected -> outagesPage(session, form, null, rejected.reason(), 422);
        };
    }

    private HttpResponse outagesPage(Session session, Map<String, String> kept, String preview, String problem, int status) {
        return html(status, Html.page("Outages", "Outages", session,
                announcements.page(session, clock.instant(), kept, preview, null, problem)));
    }

    /** As {@code GET /reports} reads: the incidents being worked, one state at a time, and the closed ones' totals. */
    private HttpResponse reports(Session session) {
        List<Incident> working = new ArrayList<>();
        for (IncidentState state : DeskReport.WORKING) {
            working.addAll(incidents.listAll(IncidentQuery.inState(state)));
        }
        return html(200, Html.page("Reports", "Reports", session,
                ReportScreen.render(DeskReport.of(incidents.closedTotals(), working), working)));
    }

    // ---- the service catalog (admins) ---------------------------------------------------------------------

    private HttpResponse services(Session session, String done, String problem, int status) {
        if (!session.agent().isAdmin()) {
            return html(403, Html.page("Services", null, session, "<h1>Services</h1><p>Only desk administrators ("
                    + Agent.ADMINS + " in the user pool) change the catalog.</p>"));
        }
        StringBuilder main = new StringBuilder("<h1>Services</h1>");
        if (problem != null) {
            main.append("<p class=\"banner bad\" role=\"alert\" id=\"problem\">").append(escape(problem)).append("</p>");
        } else if (done(done) != null) {
            main.append("<p class=\"banner ok\" role=\"status\">").append(done(done)).append("</p>");
        }
        main.append("<table><caption>The hashtags reporters use</caption><thead><tr><th scope=\"col\">Hashtag</th>")
                .append("<th scope=\"col\">Name</th><th scope=\"col\">Impact</th></tr></thead><tbody>");
        for (Service service : catalog.all()) {
            main.append("<tr><td>#").append(escape(service.hashtag())).append("</td><td>").append(escape(service.name()))
                    .append("</td><td>").append(service.impact().rank()).append("</td></tr>");
        }
        main.append("</tbody></table><form class=\"action\" method=\"post\" action=\"/console/services\"><fieldset>")
                .append("<legend>Add or change a service</legend>").append(Html.csrfField(session))
                .append("<p><label for=\"hashtag\">Hashtag (without #)</label><input id=\"hashtag\" name=\"hashtag\" required ")
                .append("pattern=\"[A-Za-z0-9_]{1,50}\" maxlength=\"50\"></p><p><label for=\"name\">Name</label><input id=\"name\" ")
                .append("name=\"name\" required maxlength=\"100\"></p><p><label for=\"impact\">Impact</label><select id=\"impact\" ")
                .append("name=\"impact\"><option value=\"1\">1 High</option><option value=\"2\" selected>2 Medium</option>")
                .append("<option value=\"3\">3 Low</option></select></p><p><button type=\"submit\">Save</button></p></fieldset></form>");
        return html(status, Html.page("Services", "Services", session, main.toString()));
    }

    private HttpResponse saveService(Map<String, String> form, Session session) {
        if (!session.agent().isAdmin()) {
            return services(session, null, null, 403);
        }
        String hashtag = form.getOrDefault("hashtag", "").strip().toLowerCase();
        String name = form.getOrDefault("name", "").strip();
        if (!hashtag.matches("[a-z0-9_]{1,50}") || name.isEmpty() || name.length() > 100) {
            return services(session, null, "A hashtag is letters, digits or _ (up to 50), and a service needs a name.", 400);
        }
        int impact;
        try {
            impact = Integer.parseInt(form.getOrDefault("impact", "2"));
        } catch (NumberFormatException e) {
            impact = 0;
        }
        if (impact < 1 || impact > 3) {
            return services(session, null, "Impact is 1 (high), 2 or 3 (low).", 400);
        }
        catalog.put(new Service(hashtag, name, Level.ofRank(impact)));
        Log.info("console-service-saved", "hashtag", hashtag);
        return redirect("/console/services?done=service");
    }

    // ---- plumbing ------------------------------------------------------------------------------------

    private static HttpResponse withSessionCookies(HttpResponse response, Session session) {
        if (session.setCookies().isEmpty()) {
            return response;
        }
        List<String> all = new ArrayList<>(session.setCookies());
        all.addAll(response.cookies());
        return response.withCookies(all);
    }

    private static String done(String code) {
        return code == null ? null : DONE.get(code);
    }

    private static String limited(Map<String, String> form, String name, int limit, String fallback) {
        String value = form.getOrDefault(name, "").strip();
        if (value.isEmpty()) {
            if (fallback != null) {
                return fallback;
            }
            throw new IllegalArgumentException("Write something first");
        }
        if (value.codePointCount(0, value.length()) > limit) {
            throw new IllegalArgumentException(name + " is at most " + limit + " characters");
        }
        return value;
    }

    /** An {@code application/x-www-form-urlencoded} body; a bigger one than any form here makes is refused. */
    private static Map<String, String> form(HttpRequest request) {
        if (request.body().length > MAX_FORM_BYTES) {
            throw new IllegalArgumentException("The form is too large");
        }
        Map<String, String> form = new LinkedHashMap<>();
        String body = new String(request.body(), StandardCharsets.UTF_8);
        if (body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            String[] parts = pair.split("=", 2);
            form.putIfAbsent(decode(parts[0]), parts.length > 1 ? decode(parts[1]) : "");
        }
        return form;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static HttpResponse html(int status, String html) {
        return new HttpResponse(status, Map.of("content-type", "text/html; charset=utf-8", "cache-control", "no-store"), html);
    }

    private static HttpResponse redirect(String location) {
        return new HttpResponse(303, new HashMap<>(Map.of("location", location, "cache-control", "no-store")), null);
    }

    private static HttpResponse notFound(Session session) {
        return html(404, Html.page("Not found", null, session, "<h1>Not found</h1><p><a href=\"/console\">Back to the queue</a></p>"));
    }
}
