package servicedesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import servicedesk.format.Json;
import servicedesk.golive.GoLive;
import servicedesk.x.XApi;
import servicedesk.x.XCredentials;
import servicedesk.xstandin.AccountFailure;
import servicedesk.xstandin.DmEvent;
import servicedesk.xstandin.Options;
import servicedesk.xstandin.Post;
import servicedesk.xstandin.XStandIn;

/**
 * The agent console in a real browser (Debian's Chromium through chromium-driver) against {@code infra/local/run}
 * talking to the X stand-in, as an agent works: sign in with the documented local agent, watch a new report
 * arrive in the queue, answer the reporter (the stand-in receives the DM), see someone else's change and have a
 * stale change refused, resolve (the reporter is told), declare an outage (the post goes out, the status page
 * shows it), read the reports, and watch the outbox hold an acknowledgement while X refuses the account, then
 * show the DM budget it used. And what must be refused is: a wrong password, an expired token, a token signed by
 * another key, a change without the CSRF token or from another origin. Screenshots of the queue, an incident, the
 * reports and the outbox are kept under infra/local/target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleEnd2EndTest {
    private static final String AGENT = "agent@example.edu";
    private static final String PASSWORD = "Local-agent-passw0rd!";
    private static final String REPORTER = "1700000000000000777";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static XStandIn x;
    private static LocalRunProcess run;
    private static ChromeDriver browser;
    private static String incident;
    /** When this run began: a screenshot older than that is a previous run's, left under target/. */
    private static Instant started;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTheDeskOnTheStandIn() throws Exception {
        started = Instant.now();
        x = XStandIn.start(Options.defaults());
        Options o = x.options();
        Map<String, String> environment = new HashMap<>();
        environment.put("TWITTER_API_BASE_URL", x.baseUrl());
        environment.put("TWITTER_CONSUMER_KEY", o.consumerKey());
        environment.put("TWITTER_CONSUMER_SECRET", o.consumerSecret());
        environment.put("TWITTER_ACCESS_TOKEN", o.accessToken());
        environment.put("TWITTER_ACCESS_TOKEN_SECRET", o.accessTokenSecret());
        environment.put("TWITTER_BEARER_TOKEN", o.bearerToken());
        environment.put("TWITTER_CLIENT_SECRET", o.clientSecret());
        environment.put("TWITTER_ACCOUNT_ID", o.accountId());
        // The documented defaults: the run creates agent@example.edu with its documented password.
        environment.put("LOCAL_AGENT_EMAIL", null);
        environment.put("LOCAL_AGENT_PASSWORD", null);
        run = LocalRunProcess.start(environment);
        run.awaitOutput("Agent console: " + run.baseUrl() + "/console  (sign in as " + AGENT, Duration.ofSeconds(5));
        XCredentials credentials = new XCredentials(o.consumerKey(), o.consumerSecret(), o.accessToken(),
                o.accessTokenSecret(), o.bearerToken(), o.clientSecret());
        new GoLive(new XApi(x.baseUrl(), credentials), credentials, o.accountId(), new PrintStream(new ByteArrayOutputStream(),
                true, StandardCharsets.UTF_8)).run(GoLive.Request.of(run.baseUrl() + "/webhooks/twitter"));
        browser = Chromium.start(1280, 1000);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (run != null) {
            run.close();
        }
        if (x != null) {
            x.close();
        }
    }

    @Test
    @Order(1)
    void aWrongPasswordOrAnUnknownAgentIsRefusedAlike() {
        browser.get(run.baseUrl() + "/console");
        assertThat(browser.getCurrentUrl()).endsWith("/console/sign-in");
        signIn(AGENT, "not-the-password-1A!");
        String wrongPassword = browser.findElement(By.id("problem")).getText();
        signIn("nobody@example.edu", PASSWORD);
        String unknown = browser.findElement(By.id("problem")).getText();

        assertThat(wrongPassword).isEqualTo(unknown).contains("do not match");
        assertThat(browser.manage().getCookieNamed("__Host-desk-session")).isNull();
        browser.get(run.baseUrl() + "/console");
        assertThat(browser.getCurrentUrl()).endsWith("/console/sign-in");
    }

    @Test
    @Order(2)
    void theAgentSignsInAndANewReportAppearsInTheQueueByItself() throws Exception {
        signIn(AGENT, PASSWORD);
        assertThat(browser.getCurrentUrl()).endsWith("/console");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Queue");
        var session = browser.manage().getCookieNamed("__Host-desk-session");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.isSecure()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        browser.executeScript("window.stillTheSamePage = true;");

        x.userPosts(REPORTER, "jo_student", "@ITHelp #blackboard I can't open my grades since this morning");

        WebElement row = new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#queue-results a[href^='/console/incidents/INC']")));
        incident = row.getText();
        assertThat((Boolean) browser.executeScript("return window.stillTheSamePage === true;"))
                .as("the row arrived by polling, not by a reload").isTrue();
        assertThat(browser.findElement(By.id("queue-results")).getText()).contains("@jo_student", "P3 Moderate", "Respond within");
        awaitDm(incident);

        // A busier morning, for the screenshots: more reports, by the most urgent first.
        x.userPosts("1700000000000000778", "sam_lab", "@ITHelp #wifi urgent: no wifi at all in the exam hall, exam starts at 10");
        x.userPosts("1700000000000000779", "prof_lee", "@ITHelp #email Outlook keeps asking for my password");
        x.userPosts("1700000000000000780", "ana_b", "@ITHelp #vpn the VPN drops every hour or so");
        new WebDriverWait(browser, WAIT).until(driver -> driver.findElements(By.cssSelector("#queue-results tbody tr")).size() == 4);
        assertThat(browser.findElement(By.cssSelector("#queue-status")).getText()).startsWith("Updated");
        Chromium.screenshot(browser, "console-queue");
        browser.manage().window().setSize(new Dimension(412, 915));
        Chromium.screenshot(browser, "console-queue-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }

    @Test
    @Order(3)
    void answeringTheReporterQueuesADmThatTheStandInReceives() throws Exception {
        clickAndAwaitThePage(browser.findElement(By.linkText(incident)));
        assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith(incident);
        assertThat(browser.findElement(By.id("tweet")).findElement(By.xpath("..")).getText())
                .contains("I can't open my grades since this morning");

        String answer = "Hi Jo, we're looking at Blackboard grades now. Could you tell us which course?";
        submit("answer", Map.of("reply", answer));

        assertThat(outcome()).contains("Answer queued");
        assertThat(browser.findElement(By.id("timeline")).findElement(By.xpath("..")).getText()).contains(answer);
        DmEvent dm = awaitDm(answer);
        assertThat(dm.recipientId()).isEqualTo(REPORTER);
        new WebDriverWait(browser, WAIT).until(driver -> {
            driver.navigate().refresh();
            return !driver.findElements(By.cssSelector(".delivery.sent")).isEmpty();
        });
        submit("assign", Map.of());
        assertThat(browser.findElement(By.cssSelector("p.facts")).getText()).contains("assigned to " + AGENT);
        browser.manage().window().setSize(new Dimension(1280, 1500));
        Chromium.screenshot(browser, "console-incident");
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }

    @Test
    @Order(4)
    void aChangeMadeMeanwhileShowsAndTheStaleChangeIsRefused() throws Exception {
        browser.get(run.baseUrl() + "/console/incidents/" + incident);
        assertThat(browser.findElement(By.id("changed")).isDisplayed()).isFalse();

        // Another agent (through the admin API, open on the local run) moves it on while this page is open.
        HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(URI.create(run.baseUrl() + "/incidents/" + incident))
                .header("content-type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"state\":\"In Progress\",\"assignee\":\"dana@example.edu\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(elsewhere.statusCode()).isEqualTo(200);

        new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("changed")));
        submit("note", Map.of("note", "Checked the grade centre cache"));

        assertThat(browser.findElement(By.id("problem")).getText()).contains("was changed by someone else", "dana@example.edu");
        assertThat(browser.findElement(By.id("note")).getAttribute("value")).isEqualTo("Checked the grade centre cache");
        browser.get(run.baseUrl() + "/console/incidents/" + incident);
        assertThat(browser.findElement(By.id("notes")).findElement(By.xpath("..")).getText())
                .doesNotContain("Checked the grade centre cache");
    }

    @Test
    @Order(5)
    void anItilMoveThenResolvingWithAnArticleTellsTheReporter() throws Exception {
        browser.get(run.baseUrl() + "/console/incidents/" + incident);
        WebElement move = browser.findElement(By.xpath("//form[.//input[@name='action' and @value='move']]"));
        assertThat(new Select(move.findElement(By.name("state"))).getOptions()).extracting(WebElement::getText)
                .containsExactly("On Hold", "Canceled");
        new Select(move.findElement(By.name("state"))).selectByVisibleText("On Hold");
        clickAndAwaitThePage(move.findElement(By.cssSelector("button[type=submit]")));
        assertThat(browser.findElement(By.cssSelector("h1 .state")).getText()).isEqualTo("On Hold");

        submit("resolve", Map.of("resolution", "Cleared the grade centre cache; grades open again.",
                "link", "https://kb.example.edu/articles/42"));

        assertThat(browser.findElement(By.cssSelector("h1 .state")).getText()).isEqualTo("Resolved");
        DmEvent told = awaitDm(incident + " is resolved: Cleared the grade centre cache");
        assertThat(told.text()).contains("https://kb.example.edu/articles/42");
        assertThat(told.recipientId()).isEqualTo(REPORTER);
    }

    @Test
    @Order(6)
    void declaringAnOutageWithItsPreviewPostsItAndTheStatusPageShowsIt() throws Exception {
        browser.get(run.baseUrl() + "/console/outages");
        new Select(browser.findElement(By.id("kind"))).selectByValue("outage");
        new Select(browser.findElement(By.id("service"))).selectByValue("wifi");
        browser.findElement(By.id("text")).sendKeys("Campus wifi is down in the library; we are on it.");
        browser.findElement(By.id("eta")).sendKeys("15:00 UTC");
        clickAndAwaitThePage(browser.findElement(By.cssSelector("button[value=preview]")));

        new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("preview-post-length")));
        assertThat(browser.findElement(By.id("preview-post")).getText())
                .isEqualTo("#outage #wifi Campus wifi is down in the library; we are on it. ETA 15:00 UTC");
        assertThat(browser.findElement(By.id("preview-post-length")).getText()).isEqualTo("77 of 280 weighted characters (links count 23)");
        assertThat(browser.findElement(By.id("preview-dm")).getText()).contains("has an outage", "ETA 15:00 UTC");
        clickAndAwaitThePage(browser.findElement(By.cssSelector("button[value=post]")));

        assertThat(new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("done"))).getText())
                .contains("Announced");
        Post posted = awaitPost("Campus wifi is down in the library");
        assertThat(posted.authorId()).isEqualTo(x.options().accountId());
        browser.get(run.baseUrl() + "/status");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("Campus Wi-Fi (eduroam): Investigating",
                "Campus wifi is down in the library");

        // The open #wifi report is linked and its reporter told; resolving the outage here tells them it is over.
        awaitDm("has an outage");
        browser.get(run.baseUrl() + "/console/outages");
        WebElement resolve = browser.findElement(By.xpath("//form[.//input[@name='kind' and @value='resolved']]"));
        resolve.findElement(By.name("text")).sendKeys("Wifi is back in the library: a switch was replaced.");
        clickAndAwaitThePage(resolve.findElement(By.cssSelector("button[type=submit]")));
        assertThat(outcome()).contains("Announced");
        awaitPost("Wifi is back in the library");
        assertThat(awaitDm("outage (OUT").recipientId()).isEqualTo("1700000000000000778");
        assertThat(awaitDm("is over").recipientId()).isEqualTo("1700000000000000778");
        browser.get(run.baseUrl() + "/status?after=resolved"); // another URL: the status page may be cached 30 s
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("All services are operating normally");
    }

    @Test
    @Order(7)
    void theReportsAreCharts() throws Exception {
        browser.get(run.baseUrl() + "/console/reports");
        assertThat(browser.findElements(By.cssSelector("figure.chart svg[role=img]"))).hasSize(5);
        assertThat(browser.findElement(By.id("resolution")).getText()).contains("P3");
        Chromium.screenshot(browser, "console-reports");
        for (String name : new String[]{"console-queue", "console-queue-phone", "console-incident", "console-reports"}) {
            Path shot = ProjectRoot.find().resolve("infra/local/target/screenshots/" + name + ".png");
            assertThat(Files.size(shot)).isGreaterThan(10_000);
            assertThat(Files.getLastModifiedTime(shot).toInstant()).as("%s taken by this run", name).isAfter(started);
        }
    }

    @Test
    @Order(8)
    void expiredForgedAndCrossSiteRequestsAreRefused() throws Exception {
        String token = browser.manage().getCookieNamed("__Host-desk-session").getValue();
        String csrf = browser.manage().getCookieNamed("__Host-desk-csrf").getValue();
        ObjectNode claims = Jwts.claims(token);
        long now = Instant.now().getEpochSecond();

        assertThat(get("/console", token).statusCode()).as("the session the browser holds").isEqualTo(200);
        String good = Jwts.sign(claims.deepCopy().put("iat", now - 10).put("exp", now + 600), Jwts.motoKey());
        assertThat(get("/console", good).statusCode()).as("a token signed with the pool's key").isEqualTo(200);

        String expired = Jwts.sign(claims.deepCopy().put("iat", now - 3_700).put("exp", now - 100), Jwts.motoKey());
        assertThat(get("/console", expired).headers().firstValue("location")).hasValue("/console/sign-in");
        String forged = Jwts.sign(claims.deepCopy().put("iat", now - 10).put("exp", now + 600), Jwts.anotherKey());
        assertThat(get("/console", forged).headers().firstValue("location")).hasValue("/console/sign-in");
        String otherClient = Jwts.sign(claims.deepCopy().put("client_id", "someone-elses-app").put("exp", now + 600), Jwts.motoKey());
        assertThat(get("/console", otherClient).headers().firstValue("location")).hasValue("/console/sign-in");
        assertThat(post("/console/incidents/" + incident, forged, csrf, "csrf=" + csrf + "&action=note&version=99&request="
                + java.util.UUID.randomUUID() + "&note=forged", run.baseUrl()).statusCode()).isEqualTo(401);

        String note = "action=note&version=99&request=" + java.util.UUID.randomUUID() + "&note=cross-site";
        assertThat(post("/console/incidents/" + incident, token, csrf, note, run.baseUrl()).statusCode())
                .as("no CSRF token").isEqualTo(403);
        assertThat(post("/console/incidents/" + incident, token, csrf, "csrf=wrong&" + note, run.baseUrl()).statusCode())
                .as("a wrong CSRF token").isEqualTo(403);
        assertThat(post("/console/incidents/" + incident, token, csrf, "csrf=" + csrf + "&" + note, "https://evil.example").statusCode())
                .as("another origin").isEqualTo(403);
        browser.get(run.baseUrl() + "/console/incidents/" + incident);
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("cross-site", "forged");
    }

    @Test
    @Order(9)
    void theOutboxShowsAnAcknowledgementWaitingWhileXRefusesTheAccountThenTheDmBudgetItUsed() throws Exception {
        String reporter = "1700000000000000781";
        x.setAccountFailure(AccountFailure.CREDITS_DEPLETED);
        x.userPosts(reporter, "kim_h", "@ITHelp #email I can't send mail to addresses outside the university");

        browser.get(run.baseUrl() + "/console/outbox");
        new WebDriverWait(browser, WAIT).until(driver -> {
            driver.navigate().refresh();
            return !driver.findElements(By.id("paused")).isEmpty() && waiting("Acknowledgements").equals("1");
        });
        assertThat(browser.findElement(By.id("paused")).getText()).startsWith("Sending on X is paused since")
                .contains("credits are used up (402)", "X said:");
        assertThat(browser.findElement(By.id("outbox-summary")).getText()).startsWith("1 message waiting");
        assertThat(lane("DIRECT_MESSAGES")).anyMatch(row -> row.startsWith("15 minutes, user"));
        assertThat(browser.findElements(By.cssSelector("#waiting-by-class svg[role=img]"))).hasSize(1);
        browser.manage().window().setSize(new Dimension(1280, 1300));
        Chromium.screenshot(browser, "console-outbox");
        browser.manage().window().setSize(new Dimension(1280, 1000));

        // X accepts again: the desk's next probe finds out, the acknowledgement goes, and the page shows its cost.
        x.clearAccountFailure();
        // The pause's probes back off from 30 seconds to 4 minutes: the next one may be that far away.
        await("DM", XStandIn::sentDms, DmEvent::recipientId, reporter, Duration.ofMinutes(5));
        new WebDriverWait(browser, WAIT).until(driver -> {
            driver.navigate().refresh();
            return driver.findElements(By.id("paused")).isEmpty() && waiting("Acknowledgements").equals("0");
        });
        assertThat(browser.findElement(By.id("outbox-summary")).getText()).startsWith("Nothing is waiting");
        JsonNode dms = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(run.baseUrl() + "/outbox")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("lanes").get(0);
        assertThat(dms.path("lane").asText()).isEqualTo("DIRECT_MESSAGES");
        JsonNode quarter = dms.path("windows").get(0);
        assertThat(quarter.path("window").asText()).isEqualTo("15 minutes, user");
        assertThat(quarter.path("remaining").asInt()).as("this window counts the acknowledgement at least").isLessThan(15);
        assertThat(lane("DIRECT_MESSAGES").get(0)).startsWith(String.format(Locale.ENGLISH, "15 minutes, user %,d of %,d left",
                quarter.path("remaining").asInt(), quarter.path("limit").asInt()));
        assertThat(browser.findElement(By.cssSelector("#lane-DIRECT_MESSAGES tbody tr time")).getAttribute("datetime"))
                .isEqualTo(Instant.parse(quarter.path("resetsAt").asText()).toString());
        Path outbox = ProjectRoot.find().resolve("infra/local/target/screenshots/console-outbox.png");
        assertThat(Files.size(outbox)).isGreaterThan(10_000);
        assertThat(Files.getLastModifiedTime(outbox).toInstant()).as("the outbox's screenshot taken by this run").isAfter(started);
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /** The outbox page's count of messages of {@code messageClass} waiting for a DM. */
    private static String waiting(String messageClass) {
        return browser.findElement(By.xpath("//table[@id='waiting']//tr[th[starts-with(normalize-space(.), '" + messageClass
                + "')]]/td[1]")).getText();
    }

    /** The rows of a lane's windows on the outbox page, as their text. */
    private static List<String> lane(String lane) {
        return browser.findElements(By.cssSelector("#lane-" + lane + " tbody tr")).stream().map(WebElement::getText).toList();
    }

    private static void signIn(String email, String password) {
        browser.get(run.baseUrl() + "/console/sign-in");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        clickAndAwaitThePage(browser.findElement(By.cssSelector("form.signin button[type=submit]")));
    }

    /**
     * Clicks a submit button (or a link) and waits until the browser has loaded the page it led to. The old page is
     * recognised by a mark left on its window, not by an element reference: asking chromedriver about an
     * element of a page that is being replaced can fail with an "unknown error" instead of a stale element.
     */
    private static void clickAndAwaitThePage(WebElement button) {
        String mark = java.util.UUID.randomUUID().toString();
        browser.executeScript("window.consoleTestPage = arguments[0];", mark);
        button.click();
        new WebDriverWait(browser, WAIT).ignoring(WebDriverException.class).until(driver -> {
            Object page = browser.executeScript("return [window.consoleTestPage || null, document.readyState];");
            List<?> state = (List<?>) page;
            return !mark.equals(state.get(0)) && "complete".equals(state.get(1));
        });
    }

    /** Fills the incident page's form for {@code action} and sends it with the keyboard, as an agent might. */
    private static void submit(String action, Map<String, String> fields) {
        WebElement form = browser.findElement(By.xpath("//form[.//input[@name='action' and @value='" + action + "']]"));
        fields.forEach((name, value) -> {
            WebElement field = form.findElement(By.name(name));
            field.clear();
            field.sendKeys(value);
        });
        clickAndAwaitThePage(form.findElement(By.cssSelector("button[type=submit]")));
    }

    /** The banner the page shows after a change: done, or the problem. */
    private static String outcome() {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#done, #problem"))).getText();
    }

    private static DmEvent awaitDm(String text) {
        return await("DM", XStandIn::sentDms, DmEvent::text, text);
    }

    private static Post awaitPost(String text) {
        return await("post", XStandIn::sentPosts, Post::text, text);
    }

    /** The first of what the stand-in received whose text contains {@code text}, waiting for it. */
    private static <T> T await(String what, java.util.function.Function<XStandIn, List<T>> received,
                               java.util.function.Function<T, String> textOf, String text) {
        return await(what, received, textOf, text, WAIT);
    }

    private static <T> T await(String what, java.util.function.Function<XStandIn, List<T>> received,
                               java.util.function.Function<T, String> textOf, String text, Duration wait) {
        Instant deadline = Instant.now().plus(wait);
        while (Instant.now().isBefore(deadline)) {
            for (T item : received.apply(x)) {
                if (textOf.apply(item).contains(text)) {
                    return item;
                }
            }
            MotoServer.sleep(200);
        }
        throw new AssertionError("No " + what + " with '" + text + "' reached the stand-in; received: " + received.apply(x));
    }

    private HttpResponse<String> get(String path, String session) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(run.baseUrl() + path))
                .header("cookie", "__Host-desk-session=" + session).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String session, String csrf, String form, String origin) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(run.baseUrl() + path))
                .header("cookie", "__Host-desk-session=" + session + "; __Host-desk-csrf=" + csrf)
                .header("content-type", "application/x-www-form-urlencoded")
                .header("origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
