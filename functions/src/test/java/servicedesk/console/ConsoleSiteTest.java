package servicedesk.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import servicedesk.admin.AdminApi;
import servicedesk.format.Json;
import servicedesk.http.HttpRequest;
import servicedesk.http.HttpResponse;
import servicedesk.incident.Incident;
import servicedesk.incident.IncidentState;
import servicedesk.incident.Level;
import servicedesk.incident.Priority;
import servicedesk.incident.Reporter;
import servicedesk.incident.ResponseTargets;
import servicedesk.notify.Delivery;
import servicedesk.notify.Lane;
import servicedesk.notify.LaneBudget;
import servicedesk.notify.MemorySending;
import servicedesk.notify.OutboundMessage;
import servicedesk.notify.OutboxReports;
import servicedesk.notify.Pause;
import servicedesk.notify.SendingPolicy;
import servicedesk.notify.Spend;
import servicedesk.records.Change;
import servicedesk.records.Claim;
import servicedesk.testing.MemoryCatalog;
import servicedesk.testing.MemoryDesk;
import servicedesk.testing.MutableClock;

/**
 * The console's rules on an in-memory desk, with the user pool stood in for by two tokens: who may in,
 * what a change must carry, how the queue filters and orders, and that nothing from outside is rendered as markup.
 */
class ConsoleSiteTest {
    private static final String HOST = "desk.example.edu";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final MemoryDesk desk = new MemoryDesk();
    private final Map<String, Agent> issued = new HashMap<>();
    /** The refresh tokens the pool was asked to renew, and those it was asked to revoke, in order. */
    private final List<String> refreshed = new java.util.ArrayList<>();
    private final List<String> revoked = new java.util.ArrayList<>();
    private boolean revokeFails;
    private final AgentTokens tokens = token -> Optional.ofNullable(issued.get(token))
            .<AgentTokens.Verdict>map(agent -> agent.expiresAt().isAfter(clock.instant())
                    ? new AgentTokens.Verdict.Valid(agent) : new AgentTokens.Verdict.Expired())
            .orElse(new AgentTokens.Verdict.Refused());
    private final AgentSignIn pool = new AgentSignIn() {
        @Override
        public Result signIn(String username, String password) {
            return switch (password) {
                case "right" -> new Result.SignedIn("token-" + username, "refresh-" + username, 3600);
                case "temporary" -> new Result.NewPasswordRequired("pool-session");
                default -> new Result.Refused("That email address and password do not match an agent of this desk.");
            };
        }

        @Override
        public Result chooseNewPassword(String username, String session, String newPassword) {
            return session.equals("pool-session") && newPassword.length() >= 12
                    ? new Result.SignedIn("token-" + username, "refresh-" + username, 3600)
                    : new Result.Refused("That password is not allowed: too short");
        }

        @Override
        public Result refresh(String refreshToken) {
            refreshed.add(refreshToken);
            issued.put("renewed", new Agent("dana@example.edu", Set.of(), clock.instant().plusSeconds(3600)));
            return refreshToken.equals("refresh-dana") ? new Result.SignedIn("renewed", null, 3600) : new Result.Refused("no");
        }

        @Override
        public void signOut(String refreshToken) {
            revoked.add(refreshToken);
            if (revokeFails) {
                throw new IllegalStateException("the pool is unreachable");
            }
        }
    };
    private final MemorySending.MemoryOutbox outbox = new MemorySending.MemoryOutbox();
    private final MemorySending.MemoryState sending = new MemorySending.MemoryState();
    private final MemorySending.MemorySpend spend = new MemorySending.MemorySpend();
    private final OutboxReports plan = new OutboxReports(outbox, sending, spend, SendingPolicy.defaults(), clock);
    private final ConsoleSite site = new ConsoleSite(desk.incidents(), desk.outages(), new MemoryCatalog(), desk, tokens, pool,
            plan, clock);

    ConsoleSiteTest() {
        issued.put("dana", new Agent("dana@example.edu", Set.of(), clock.instant().plusSeconds(3600)));
        issued.put("admin", new Agent("ada@example.edu", Set.of(Agent.ADMINS), clock.instant().plusSeconds(3600)));
        issued.put("dana-expired", new Agent("dana@example.edu", Set.of(), clock.instant().minusSeconds(1)));
    }

    @Test
    void withoutASessionEveryPageLeadsToSignInAndEveryAnswerCarriesTheSecurityHeaders() {
        HttpResponse queue = get("/console", null);
        assertThat(queue.status()).isEqualTo(303);
        assertThat(queue.headers()).containsEntry("location", "/console/sign-in")
                .containsEntry("content-security-policy", ConsoleSite.CONTENT_SECURITY_POLICY)
                .containsEntry("x-frame-options", "DENY").containsEntry("x-content-type-options", "nosniff");
        assertThat(ConsoleSite.CONTENT_SECURITY_POLICY).contains("script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(get("/console/queue/results", null).status()).isEqualTo(401);
        assertThat(get("/console/incidents/INC0000001/version", null).status()).isEqualTo(401);
        assertThat(get("/console/assets/console.js", null).status()).isEqualTo(200);
        assertThat(get("/console", "expired-or-unknown").status()).isEqualTo(303);
    }

    @Test
    void signingInSetsHostOnlySecureHttpOnlyStrictCookiesAndANewCsrfToken() {
        HttpResponse page = get("/console/sign-in", null);
        String csrf = cookie(page, "__Host-desk-csrf");

        HttpResponse wrong = post("/console/sign-in", Map.of("__Host-desk-csrf", csrf), "csrf=" + csrf + "&email=dana@example.edu&password=nope");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("do not match");
        assertThat(wrong.cookies()).noneMatch(cookie -> cookie.startsWith("__Host-desk-session="));

        HttpResponse right = post("/console/sign-in", Map.of("__Host-desk-csrf", csrf), "csrf=" + csrf + "&email=dana@example.edu&password=right");
        assertThat(right.status()).isEqualTo(303);
        assertThat(right.cookies()).anySatisfy(cookie -> assertThat(cookie)
                .isEqualTo("__Host-desk-session=token-dana@example.edu; Path=/; Secure; HttpOnly; SameSite=Strict"));
        assertThat(right.cookies()).allSatisfy(cookie -> assertThat(cookie).startsWith("__Host-")
                .contains("; Path=/; Secure; HttpOnly; SameSite=Strict"));
        assertThat(cookie(right, "__Host-desk-csrf")).isNotEqualTo(csrf);
        assertThat(post("/console/sign-in", Map.of(), "email=dana@example.edu&password=right").status())
                .as("a sign-in without the token (login CSRF)").isEqualTo(403);
    }

    @Test
    void aFirstSignInWithATemporaryPasswordAsksForANewOne() {
        String csrf = cookie(get("/console/sign-in", null), "__Host-desk-csrf");
        HttpResponse asked = post("/console/sign-in", Map.of("__Host-desk-csrf", csrf),
                "csrf=" + csrf + "&email=new@example.edu&password=temporary");
        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.body()).contains("Choose your password");
        String challenge = cookie(asked, "__Host-desk-challenge");
        String next = cookie(asked, "__Host-desk-csrf");
        assertThat(asked.cookies()).noneMatch(cookie -> cookie.startsWith("__Host-desk-session="))
                .anyMatch(cookie -> cookie.startsWith("__Host-desk-challenge=") && cookie.endsWith("Max-Age=180"));

        Map<String, String> cookies = Map.of("__Host-desk-csrf", next, "__Host-desk-challenge", challenge);
        HttpResponse differ = post("/console/new-password", cookies,
                "csrf=" + next + "&email=new@example.edu&password=Long-enough-1!&confirm=Another-one-1!");
        assertThat(differ.body()).contains("The two passwords differ");
        HttpResponse chosen = post("/console/new-password", cookies,
                "csrf=" + next + "&email=new@example.edu&password=Long-enough-1!&confirm=Long-enough-1!");
        assertThat(chosen.status()).isEqualTo(303);
        assertThat(cookie(chosen, "__Host-desk-session")).isEqualTo("token-new@example.edu");
        assertThat(post("/console/new-password", Map.of("__Host-desk-csrf", next),
                "csrf=" + next + "&email=new@example.edu&password=Long-enough-1!&confirm=Long-enough-1!").body())
                .as("without the pool's session").contains("took too long");
    }

    @Test
    void maintenanceIsScheduledWithAWindowInUtc() {
        Map<String, String> cookies = Map.of("__Host-desk-session", "dana", "__Host-desk-csrf", "t");
        String form = "csrf=t&step=post&kind=maintenance&service=vpn&text=VPN+upgrade";
        HttpResponse noWindow = request("POST", "/console/announcements", cookies, form + "&request=" + java.util.UUID.randomUUID(),
                Map.of("origin", "https://" + HOST));
        assertThat(noWindow.status()).isEqualTo(422);
        assertThat(noWindow.body()).contains("#maintenance needs a window");

        HttpResponse scheduled = request("POST", "/console/announcements", cookies, form + "&windowStart=2026-12-05T22%3A00"
                + "&windowEnd=2026-12-05T23%3A30&request=" + java.util.UUID.randomUUID(), Map.of("origin", "https://" + HOST));
        assertThat(scheduled.status()).isEqualTo(303);
        assertThat(desk.outages().recent(1)).singleElement().satisfies(outage -> {
            assertThat(outage.windowStart()).isEqualTo(Instant.parse("2026-12-05T22:00:00Z"));
            assertThat(outage.windowEnd()).isEqualTo(Instant.parse("2026-12-05T23:30:00Z"));
            assertThat(outage.service()).isEqualTo("vpn");
        });
        assertThat(get("/console/outages", "dana").body()).contains("VPN: Scheduled", "Post an update", "Resolve");
    }

    @Test
    void aGenuineButExpiredSessionIsRenewedOnceWithTheRefreshCookie() {
        HttpResponse queue = request("GET", "/console", Map.of("__Host-desk-session", "dana-expired",
                "__Host-desk-refresh", "refresh-dana"), null, Map.of());

        assertThat(queue.status()).isEqualTo(200);
        assertThat(queue.cookies()).anyMatch(cookie -> cookie.startsWith("__Host-desk-session=renewed;"));
        assertThat(refreshed).containsExactly("refresh-dana");

        HttpResponse refused = request("GET", "/console", Map.of("__Host-desk-session", "dana-expired",
                "__Host-desk-refresh", "revoked-or-stolen"), null, Map.of());
        assertThat(refused.headers()).containsEntry("location", "/console/sign-in");
        assertThat(refused.cookies()).contains("__Host-desk-session=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0",
                "__Host-desk-refresh=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0");
        assertThat(refreshed).containsExactly("refresh-dana", "revoked-or-stolen");
    }

    @Test
    void aStrangersRefreshCookieLeadsToSignInWithoutAskingThePool() {
        String garbage = "A".repeat(4_000);
        for (Map<String, String> cookies : List.of(Map.of("__Host-desk-refresh", garbage),
                Map.of("__Host-desk-session", "made-up", "__Host-desk-refresh", garbage),
                Map.of("__Host-desk-session", "made-up.eyJ9.sig", "__Host-desk-refresh", "refresh-dana"))) {
            HttpResponse page = request("GET", "/console", cookies, null, Map.of());
            assertThat(page.status()).isEqualTo(303);
            assertThat(page.headers()).containsEntry("location", "/console/sign-in");
            assertThat(page.cookies()).anyMatch(cookie -> cookie.startsWith("__Host-desk-refresh=;") && cookie.endsWith("Max-Age=0"));
            assertThat(request("GET", "/console/queue/results", cookies, null, Map.of()).status()).isEqualTo(401);
        }
        // Nor does the sign-in page itself, even with a genuine expired session and its refresh cookie.
        assertThat(request("GET", "/console/sign-in", Map.of("__Host-desk-session", "dana-expired",
                "__Host-desk-refresh", "refresh-dana"), null, Map.of()).status()).isEqualTo(200);
        assertThat(refreshed).isEmpty();
    }

    @Test
    void signingOutRevokesTheRefreshTokenAndSignsOutHereWhateverThePoolAnswers() {
        Map<String, String> cookies = Map.of("__Host-desk-session", "dana", "__Host-desk-refresh", "refresh-dana",
                "__Host-desk-csrf", "token");
        HttpResponse out = post("/console/sign-out", cookies, "csrf=token");
        assertThat(out.headers()).containsEntry("location", "/console/sign-in");
        assertThat(out.cookies()).containsExactlyInAnyOrder(
                "__Host-desk-session=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0",
                "__Host-desk-refresh=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0",
                "__Host-desk-csrf=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0");
        assertThat(revoked).containsExactly("refresh-dana");

        revokeFails = true;
        HttpResponse anyway = post("/console/sign-out", Map.of("__Host-desk-session", "dana-expired",
                "__Host-desk-refresh", "refresh-dana", "__Host-desk-csrf", "token"), "csrf=token");
        assertThat(anyway.status()).isEqualTo(303);
        assertThat(anyway.cookies()).isEqualTo(out.cookies());
        assertThat(revoked).as("an expired session is still the agent's").containsExactly("refresh-dana", "refresh-dana");

        HttpResponse stranger = post("/console/sign-out", Map.of("__Host-desk-session", "made-up",
                "__Host-desk-refresh", "refresh-dana", "__Host-desk-csrf", "token"), "csrf=token");
        assertThat(stranger.cookies()).isEqualTo(out.cookies());
        assertThat(revoked).as("a stranger's cookies cost no call").hasSize(2);
        assertThat(post("/console/sign-out", Map.of("__Host-desk-session", "dana", "__Host-desk-refresh", "not a token!",
                "__Host-desk-csrf", "token"), "csrf=token").status()).isEqualTo(303);
        assertThat(revoked).hasSize(2);
    }

    @Test
    void changesNeedTheCsrfTokenAndThisOrigin() {
        open("INC0000001", Priority.P3, "wifi", clock.instant());
        String form = "action=note&version=1&request=" + java.util.UUID.randomUUID() + "&note=hello";
        Map<String, String> cookies = Map.of("__Host-desk-session", "dana", "__Host-desk-csrf", "token");

        assertThat(request("POST", "/console/incidents/INC0000001", cookies, form, Map.of("origin", "https://" + HOST)).status())
                .isEqualTo(403);
        assertThat(request("POST", "/console/incidents/INC0000001", cookies, "csrf=token&" + form,
                Map.of("origin", "https://evil.example")).status()).isEqualTo(403);
        assertThat(request("POST", "/console/incidents/INC0000001", cookies, "csrf=token&" + form,
                Map.of("sec-fetch-site", "cross-site")).status()).isEqualTo(403);
        assertThat(desk.incidents().timeline("INC0000001")).isEmpty();

        HttpResponse made = request("POST", "/console/incidents/INC0000001", cookies, "csrf=token&" + form,
                Map.of("origin", "https://" + HOST));
        assertThat(made.status()).isEqualTo(303);
        assertThat(made.headers()).containsEntry("location", "/console/incidents/INC0000001?done=note");
        assertThat(desk.incidents().timeline("INC0000001")).singleElement()
                .satisfies(entry -> assertThat(entry.actorId()).isEqualTo("dana@example.edu"));
    }

    @Test
    void aStaleChangeIsRefusedAndWhatTheAgentTypedIsKept() {
        open("INC0000001", Priority.P3, "wifi", clock.instant());
        Map<String, String> cookies = Map.of("__Host-desk-session", "dana", "__Host-desk-csrf", "token");
        String page = get("/console/incidents/INC0000001", "dana").body();
        assertThat(page).contains("name=\"version\" value=\"1\"", "data-version=\"1-0\"");
        desk.commit(Claim.expiring("elsewhere", null), Change.of(new Change.EditIncident("INC0000001", IncidentState.NEW,
                IncidentState.IN_PROGRESS, null, "sam@example.edu", clock.instant())));

        HttpResponse refused = request("POST", "/console/incidents/INC0000001", cookies, "csrf=token&action=answer&version=1&request="
                + java.util.UUID.randomUUID() + "&reply=Try+again+now", Map.of("origin", "https://" + HOST));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("was changed by someone else", "assigned to sam@example.edu", ">Try again now</textarea>");
        assertThat(desk.queued()).isEmpty();
        assertThat(get("/console/incidents/INC0000001/version", "dana").body()).isEqualTo("{\"version\":\"2-0\"}");
    }

    @Test
    void theQueueFiltersOrdersAndPages() {
        Instant t = clock.instant();
        open("INC0000001", Priority.P3, "wifi", t.minus(Duration.ofHours(5)));    // first response breached (4h)
        open("INC0000002", Priority.P1, "email", t.minus(Duration.ofMinutes(1)));
        open("INC0000003", Priority.P3, "wifi", t.minus(Duration.ofMinutes(190))); // near: 50 of 240 minutes left
        open("INC0000004", Priority.P4, "vpn", t.minus(Duration.ofMinutes(2)));
        desk.commit(Claim.expiring("mine", null), Change.of(new Change.EditIncident("INC0000004", IncidentState.NEW, null, null,
                "dana@example.edu", t)));

        assertThat(numbers(get("/console", "dana").body())).containsExactly("INC0000002", "INC0000001", "INC0000003", "INC0000004");
        assertThat(numbers(get("/console?sort=newest", "dana").body())).containsExactly("INC0000002", "INC0000004", "INC0000003", "INC0000001");
        assertThat(numbers(get("/console?target=breached", "dana").body())).containsExactly("INC0000001");
        assertThat(numbers(get("/console?target=near", "dana").body())).containsExactly("INC0000001", "INC0000003");
        assertThat(numbers(get("/console?service=wifi&priority=P3", "dana").body())).containsExactly("INC0000001", "INC0000003");
        assertThat(numbers(get("/console?mine=1", "dana").body())).containsExactly("INC0000004");
        assertThat(get("/console?state=bogus", "dana").status()).isEqualTo(400);
        assertThat(get("/console", "dana").body()).contains("Response overdue by 1h", "Respond within 50m");

        for (int i = 5; i <= 60; i++) {
            open(String.format("INC%07d", i), Priority.P5, "vpn", t);
        }
        assertThat(numbers(get("/console", "dana").body())).hasSize(50);
        assertThat(numbers(get("/console?page=2", "dana").body())).hasSize(10);
    }

    @Test
    void theQueuesResultsAreServedWithAnEtagForPolling() {
        open("INC0000001", Priority.P3, "wifi", clock.instant());
        HttpResponse first = get("/console/queue/results", "dana");
        String etag = first.headers().get("etag");

        assertThat(first.status()).isEqualTo(200);
        assertThat(request("GET", "/console/queue/results", Map.of("__Host-desk-session", "dana"), null,
                Map.of("if-none-match", etag)).status()).isEqualTo(304);
        open("INC0000002", Priority.P3, "wifi", clock.instant());
        HttpResponse changed = request("GET", "/console/queue/results", Map.of("__Host-desk-session", "dana"), null,
                Map.of("if-none-match", etag));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body()).contains("INC0000002");
    }

    @Test
    void whatReportersWroteIsNeverRenderedAsMarkup() {
        Incident hostile = Incident.open("INC0000001", Priority.P3, Level.MEDIUM, Level.MEDIUM, "wifi",
                new Reporter("42", "<img src=x onerror=alert(1)>"), "t1", "javascript:alert(1)",
                "<script>alert('x')</script> \"quoted\" & more", Set.of(),
                new ResponseTargets.Target(Duration.ofHours(4), Duration.ofDays(3)), null, clock.instant());
        desk.commit(Claim.tweet("t1", "INC0000001"), Change.of(new Change.OpenIncident(hostile)));

        for (String page : List.of(get("/console", "dana").body(), get("/console/incidents/INC0000001", "dana").body())) {
            assertThat(page).doesNotContain("<script>alert", "<img src=x", "href=\"javascript:")
                    .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        }
    }

    @Test
    void thePreviewShowsTheExactPostAndDmWithTheirLengths() {
        open("INC0000001", Priority.P3, "wifi", clock.instant());
        String preview = get("/console/announcements/preview?kind=outage&service=wifi&text=Wifi+is+down+https%3A%2F%2Fstatus.example.edu%2Fa"
                + "&eta=15%3A00+UTC", "dana").body();

        assertThat(preview).contains("#outage #wifi Wifi is down https://status.example.edu/a ETA 15:00 UTC",
                "64 of 280 weighted characters", "Update on INC0000001: Campus Wi-Fi (eduroam) has an outage", "of 10000 characters",
                "1 open incident on #wifi");
        String tooLong = get("/console/announcements/preview?kind=kb&service=wifi&text=" + "%E6%97%A5".repeat(150)
                + "&link=https%3A%2F%2Fkb.example.edu%2F1", "dana").body();
        assertThat(tooLong).contains("over X's limit, X will refuse it").contains("No direct messages");
    }

    @Test
    void onlyAdminsChangeTheCatalog() {
        assertThat(get("/console/services", "dana").status()).isEqualTo(403);
        assertThat(get("/console/services", "admin").status()).isEqualTo(200);
        HttpResponse saved = request("POST", "/console/services", Map.of("__Host-desk-session", "admin", "__Host-desk-csrf", "t"),
                "csrf=t&hashtag=Printing&name=Printing&impact=3", Map.of("origin", "https://" + HOST));
        assertThat(saved.status()).isEqualTo(303);
        assertThat(get("/console/services", "admin").body()).contains("#printing");
    }

    @Test
    void theOutboxShowsThePlanAsGetOutboxReportsIt() throws Exception {
        Instant now = clock.instant();
        outbox.add(OutboundMessage.timelinePost("timeline:A1", "#outage #wifi Wifi is down", null), now);
        for (int i = 1; i <= 3; i++) {
            outbox.add(OutboundMessage.directMessage(OutboundMessage.acknowledgementKey("t" + i), "4" + i, "We opened it", null), now);
        }
        outbox.add(OutboundMessage.directMessage("dm-reply:e1", "41", "INC0000001 is In Progress", "INC0000001"), now);
        outbox.add(OutboundMessage.directMessage(OutboundMessage.resolutionKey("INC0000002"), "42", "Resolved", "INC0000002"), now);
        for (String user : List.of("43", "44")) {
            outbox.add(OutboundMessage.outageNotice(OutboundMessage.outageNoticeKey("OUT0000001", false, user), user,
                    "Wifi is down", null, now, true), now);
        }
        outbox.add(OutboundMessage.publicReply("help:45", "45", "t45", "Use a service hashtag"), now);
        // X refused the account itself 12 minutes ago (its words are X's, so they are escaped); 14 of the window's
        // 15 DMs went 5 minutes ago; and the post lane backs off after a 429 without a reset.
        sending.startPause(new Pause(Delivery.AccountProblem.CREDITS, 402, "<b>Your enrolled account</b> has no credits",
                now.minus(Duration.ofMinutes(12)), now.plus(Duration.ofMinutes(2)), 3, true));
        SendingPolicy policy = SendingPolicy.defaults();
        sending.save(LaneBudget.fresh(Lane.DIRECT_MESSAGES, policy.limits(Lane.DIRECT_MESSAGES)).taken(14, now.minus(Duration.ofMinutes(5))));
        LaneBudget posts = LaneBudget.fresh(Lane.POSTS, policy.limits(Lane.POSTS));
        sending.save(new LaneBudget(Lane.POSTS, posts.quarterHour(), posts.userDay(), posts.appDay(), now.plusSeconds(40), 1));
        spend.add(java.time.LocalDate.of(2026, 12, 1), "INC0000001", 235_000, Spend.Kind.DIRECT_MESSAGE);

        String page = get("/console/outbox", "dana").body();

        assertThat(text(section(page, "<p class=\"banner bad\" id=\"paused\">", "</p>"))).isEqualTo("Sending on X is paused since "
                + "1 Dec 09:48 UTC (12m ago): the X account's pay-per-use credits are used up (402): buy credits. X said: "
                + "“<b>Your enrolled account</b> has no credits”. Every message waits; the desk asks X again 1 Dec 10:02 UTC "
                + "(in 2m) and sends again as soon as X accepts.");
        assertThat(page).doesNotContain("<b>Your").contains("&lt;b&gt;Your enrolled account&lt;/b&gt;");
        assertThat(rows(section(page, "<table id=\"waiting\">", "</table>"))).as("best first, by lane: DMs, posts, all").containsExactly(
                "Announcements posts on the IT account's timeline | 0 | 1 | 1",
                "Acknowledgements incident numbers for new reports | 3 | 0 | 3",
                "Answers replies to reporters' DMs | 1 | 0 | 1",
                "Responses staff responses and resolutions | 1 | 0 | 1",
                "Outage notices each affected reporter told of an outage or its end | 2 | 0 | 2",
                "Other hashtag hints and the rest | 0 | 1 | 1");
        assertThat(page).contains("<svg viewBox=\"0 0 420 176\" role=\"img\" aria-labelledby=\"waiting-by-class-title waiting-by-class-desc\">"
                + "<desc id=\"waiting-by-class-desc\">Announcements: 1. Acknowledgements: 3. Answers: 1. Responses: 1. Outage notices: 2. "
                + "Other: 1. </desc>");
        assertThat(rows(section(page, "<table id=\"lane-DIRECT_MESSAGES\">", "</table>"))).containsExactly(
                "15 minutes, user | 1 of 15 left · nearly used up | 1 Dec 10:10 UTC (in 10m)",
                "24 hours, user | 1,426 of 1,440 left | 2 Dec 09:55 UTC (in 23h 55m)",
                "24 hours, app | 1,426 of 1,440 left | 2 Dec 09:55 UTC (in 23h 55m)");
        assertThat(page).contains("<td class=\"left low\">1 of 15 left");
        assertThat(text(section(page, "<p class=\"banner warn\" id=\"lane-POSTS-backoff\">", "</p>")))
                .isEqualTo("Backing off until 1 Dec 10:00 UTC (in 40s): X answered 429 (too many requests) without saying when to try again.");
        assertThat(rows(section(page, "<table id=\"lane-POSTS\">", "</table>"))).containsExactly(
                "15 minutes, user | 100 of 100 left | not started: its first request starts it",
                "24 hours, app | 10,000 of 10,000 left | not started: its first request starts it");
        assertThat(text(section(page, "<p class=\"facts\" id=\"outbox-summary\">", "</p>"))).startsWith("9 messages waiting · the last expected to go ")
                .contains("spent on X today about $0.235 (no daily ceiling) · as of 1 Dec 10:00 UTC");

        // The same figures as GET /outbox gives, from the same plan: every window and expected time.
        JsonNode json = Json.MAPPER.readTree(new AdminApi(desk.incidents(), desk.outages(), new MemoryCatalog(), desk, plan, clock)
                .handle(new HttpRequest("GET /outbox", "GET", "/outbox", Map.of(), Map.of(), Map.of(), null, null, null)).body());
        assertThat(json.path("waiting").asInt()).isEqualTo(9);
        assertThat(json.path("paused").path("since").asText()).isNotEmpty();
        for (JsonNode lane : json.path("lanes")) {
            String table = rows(section(page, "<table id=\"lane-" + lane.path("lane").asText() + "\">", "</table>")).toString();
            for (JsonNode window : lane.path("windows")) {
                assertThat(table).contains(String.format(Locale.ENGLISH, "%s | %,d of %,d left", window.path("window").asText(),
                        window.path("remaining").asInt(), window.path("limit").asInt()));
            }
            if (!lane.path("expectedLastSendAt").isNull()) {
                assertThat(section(page, "<section class=\"lane\" aria-labelledby=\"lane-" + lane.path("lane").asText(), "</p>"))
                        .contains("the last expected to go <time datetime=\"" + Instant.parse(lane.path("expectedLastSendAt").asText()));
            }
        }
        assertThat(datetimes(section(page, "<p class=\"facts\" id=\"outbox-summary\">", "</p>"))).containsExactly(
                Instant.parse(json.path("expectedLastSendAt").asText()), Instant.parse(json.path("expectedLastAcknowledgementAt").asText()),
                Instant.parse(json.path("generatedAt").asText()));
    }

    @Test
    void anEmptyOutboxSaysSoAndShowsXsPublishedLimits() {
        String page = get("/console/outbox", "dana").body();

        assertThat(page).contains("Nothing is waiting: every message has gone out").doesNotContain("id=\"paused\"", "<svg");
        assertThat(rows(section(page, "<table id=\"lane-DIRECT_MESSAGES\">", "</table>"))).containsExactly(
                "15 minutes, user | 15 of 15 left | not started: its first request starts it",
                "24 hours, user | 1,440 of 1,440 left | not started: its first request starts it",
                "24 hours, app | 1,440 of 1,440 left | not started: its first request starts it");
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private void open(String number, Priority priority, String service, Instant at) {
        ResponseTargets.Target target = ResponseTargets.parse(ResponseTargets.DEFAULTS).forPriority(priority);
        Incident incident = Incident.open(number, priority, Level.MEDIUM, Level.MEDIUM, service, new Reporter("42", "jo"),
                "t" + number, null, "report " + number, Set.of(), target, null, at);
        desk.commit(Claim.tweet("t" + number, number), Change.of(new Change.OpenIncident(incident)));
    }

    private static List<String> numbers(String html) {
        Matcher matcher = Pattern.compile("<th scope=\"row\"><a href=\"/console/incidents/(INC\\d{7})\"").matcher(html);
        List<String> numbers = new java.util.ArrayList<>();
        while (matcher.find()) {
            numbers.add(matcher.group(1));
        }
        return numbers;
    }

    /** The markup from {@code start} (which must be there) to the next {@code end}. */
    private static String section(String html, String start, String end) {
        int from = html.indexOf(start);
        assertThat(from).as("%s in the page", start).isNotNegative();
        return html.substring(from, html.indexOf(end, from) + end.length());
    }

    /** Each body row of a table as its cells' text, " | " between them. */
    private static List<String> rows(String table) {
        String body = table.substring(table.indexOf("<tbody>"));
        List<String> rows = new java.util.ArrayList<>();
        for (String row : body.split("<tr>")) {
            if (row.contains("</t")) {
                rows.add(String.join(" | ", java.util.Arrays.stream(row.split("</t[hd]>")).map(ConsoleSiteTest::text)
                        .filter(cell -> !cell.isEmpty()).toList()));
            }
        }
        return rows;
    }

    private static List<Instant> datetimes(String html) {
        return Pattern.compile("datetime=\"([^\"]+)\"").matcher(html).results().map(found -> Instant.parse(found.group(1))).toList();
    }

    /** What a reader sees of some markup: the tags gone, the entities read, the spaces collapsed. */
    private static String text(String html) {
        return html.replaceAll("<[^>]*>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&").replaceAll("\\s+", " ").strip();
    }

    private static String cookie(HttpResponse response, String name) {
        return response.cookies().stream().filter(cookie -> cookie.startsWith(name + "="))
                .map(cookie -> cookie.substring(name.length() + 1, cookie.indexOf(';'))).findFirst().orElseThrow();
    }

    private HttpResponse get(String pathAndQuery, String session) {
        return request("GET", pathAndQuery, session == null ? Map.of() : Map.of("__Host-desk-session", session), null, Map.of());
    }

    private HttpResponse post(String path, Map<String, String> cookies, String form) {
        return request("POST", path, cookies, form, Map.of("origin", "https://" + HOST));
    }

    private HttpResponse request(String method, String pathAndQuery, Map<String, String> cookies, String body,
                                 Map<String, String> extraHeaders) {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        Map<String, String> query = new HashMap<>();
        if (pathAndQuery.contains("?")) {
            for (String pair : pathAndQuery.substring(pathAndQuery.indexOf('?') + 1).split("&")) {
                String[] parts = pair.split("=", 2);
                query.put(parts[0], java.net.URLDecoder.decode(parts.length > 1 ? parts[1] : "", StandardCharsets.UTF_8));
            }
        }
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put("host", HOST);
        if (!cookies.isEmpty()) {
            headers.put("cookie", String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        return site.handle(new HttpRequest(method + " " + path, method, path, headers, query, Map.of(),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), null, null));
    }
}
