package servicedesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import servicedesk.format.Json;
import servicedesk.testing.Fixtures;

/**
 * What reaches the public status page, its JSON and its Atom feed, tried with markup and script URLs in
 * every field that gets there (staff tweets' text and links, the admin API's text, ETA and link, service
 * names); and the admin API tried with nonsense queries, path tricks and huge fields. Nothing renders as
 * markup, no answer is a 5xx, and the desk still works afterwards.
 */
class AdminAndStatusAbuseIntegrationTest extends EmulatedDesk {
    private static final AbuseTally TALLY = new AbuseTally("Status page and admin API: markup, script URLs, queries, paths, sizes");
    private static final List<String> MARKUP = List.of(
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>",
            "javascript:alert(document.cookie)", "' onmouseover='alert(1)", "]]></content><script>x</script>",
            "\u0001\u0000\uFFFE control characters", "<a href=\"javascript:alert(1)\">click</a>");
    private static final List<String> LINKS = List.of("javascript:alert(1)", "JaVaScRiPt:alert(1)",
            "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox", "//evil.example/x", "https://user@evil.example/",
            "https://kb.example.edu/\"><script>alert(1)</script>", "java\tscript:alert(1)");

    @AfterAll
    static void figures() throws Exception {
        TALLY.reportAndCheck();
    }

    private int status(APIGatewayV2HTTPResponse response) {
        return response == null ? 404 : response.getStatusCode();
    }

    private APIGatewayV2HTTPResponse send(String method, String path, Map<String, String> query, String body) {
        return desk.http(method, path, query, Map.of("content-type", "application/json"), body);
    }

    /** A staff member's tweet, signed as X signs it; its processing happens at the next settle. */
    private void staffTweet(String category, String body) {
        TALLY.tried(category, status(webhook(body, Fixtures.signatureOf(body))), false);
    }

    @Test
    void markupAndScriptUrlsInEveryFieldNeverRenderAsMarkup() throws Exception {
        int id = 0;
        for (String markup : MARKUP) {
            // A staff member's tweets (their text becomes outage titles, updates and announcements).
            for (String command : List.of("#outage #wifi ", "#update #wifi identified ", "#resolved #wifi ")) {
                staffTweet("markup in staff tweets", Payloads.tweet("tweet-staff-outage",
                        Long.toString(1_990_000_000_000_500_000L + id++), command + markup));
                settle();
            }
            // The admin API's fields.
            Map<String, Object> announcement = new LinkedHashMap<>(Map.of("kind", "kb", "service", "vpn", "text", markup,
                    "link", "https://kb.example.edu/KB" + id));
            TALLY.tried("markup in admin fields", status(send("POST", "/announcements", Map.of(), Json.text(announcement))), false);
            TALLY.tried("markup in admin fields", status(send("POST", "/announcements", Map.of(), Json.text(Map.of(
                    "kind", "maintenance", "service", "email", "text", markup, "eta", markup.substring(0, Math.min(30, markup.length())),
                    "windowStart", "2031-01-05T22:00:00Z", "windowEnd", "2031-01-05T23:00:00Z")))), false);
            TALLY.tried("markup in admin fields", status(send("PUT", "/services/printing", Map.of(),
                    Json.text(Map.of("name", markup, "impact", 2)))), false);
        }
        for (String link : LINKS) {
            TALLY.tried("script URLs as links", status(send("POST", "/announcements", Map.of(), Json.text(Map.of(
                    "kind", "kb", "service", "vpn", "text", "read this", "link", link)))), false);
            // A staff #kb tweet whose expanded_url is the link (X would not send this; the desk checks anyway).
            String tweet = Payloads.tweet("tweet-staff-outage", Long.toString(1_990_000_000_000_600_000L + id++),
                    "#kb #vpn read https://kb.example.edu/x").replace("\"expanded_url\":\"https://kb.example.edu/x\"",
                    "\"expanded_url\":" + Json.text(link));
            staffTweet("script URLs as links", tweet);
        }
        settle();

        APIGatewayV2HTTPResponse html = desk.http("GET", "/status", Map.of(), Map.of("host", "<script>"), null);
        TALLY.rendered("status page (HTML)", html.getBody(), html.getStatusCode());
        assertThat(html.getHeaders().get("content-security-policy")).startsWith("default-src 'none'");
        assertThat(html.getHeaders()).containsEntry("x-content-type-options", "nosniff");
        assertThat(html.getBody()).contains("&lt;script&gt;").contains("https://kb.example.edu/KB");

        APIGatewayV2HTTPResponse atom = desk.http("GET", "/status.atom", Map.of(), Map.of("host", "evil\"><x>"), null);
        int atomMarkup = TALLY.rendered("status feed (Atom)", atom.getBody(), atom.getStatusCode());
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        NodeList links = factory.newDocumentBuilder().parse(new ByteArrayInputStream(atom.getBody().getBytes(StandardCharsets.UTF_8)))
                .getElementsByTagNameNS("http://www.w3.org/2005/Atom", "link");
        for (int i = 0; i < links.getLength(); i++) {
            assertThat(((Element) links.item(i)).getAttribute("href")).matches("https?://.*");
        }
        assertThat(atomMarkup).isZero();

        APIGatewayV2HTTPResponse json = desk.http("GET", "/status.json", Map.of(), Map.of(), null);
        JsonNode board = Json.MAPPER.readTree(json.getBody());
        int badLinks = 0;
        for (JsonNode link : board.findValues("link")) {
            if (!link.isNull() && !link.asText().matches("https?://[^\\s\"<>]+")) {
                badLinks++;
            }
        }
        TALLY.rendered("status data (JSON)", badLinks == 0 ? "" : "<script>", json.getStatusCode());
        assertThat(badLinks).isZero();
        assertThat(board.path("announcements").size()).isGreaterThan(10);
    }

    @Test
    void nonsenseQueriesPathTricksAndHugeFieldsGetClearAnswers() throws Exception {
        deliver("tweet-new-incident");
        List<Map<String, String>> queries = List.of(Map.of("state", "garbage"), Map.of("state", "<script>"),
                Map.of("limit", "-1"), Map.of("limit", "abc"), Map.of("limit", "1e99"), Map.of("limit", "99999999999999999999"),
                Map.of("pageToken", "garbage"), Map.of("pageToken", "eyJwayI6eyJCIjoiYSJ9fQ"), Map.of("pageToken", "e30"),
                Map.of("pageToken", "x".repeat(100_000)), Map.of("service", "\"; DROP TABLE incidents; --"),
                Map.of("service", "x".repeat(5_000)), Map.of("reporterId", "\u0000"), Map.of("open", "maybe"),
                Map.of("outageId", "../../"), Map.of("state", "Closed", "service", "wifi", "reporterId", "1", "outageId", "x"));
        for (Map<String, String> query : queries) {
            TALLY.tried("nonsense queries", status(desk.http("GET", "/incidents", query, Map.of(), null)), false);
            TALLY.tried("nonsense queries", status(desk.http("GET", "/outages", query, Map.of(), null)), false);
        }
        for (String path : List.of("/incidents/..", "/incidents/INC0000001/../../etc/passwd", "/incidents/%2e%2e",
                "/incidents/INC0000001%00", "/incidents/" + "9".repeat(10_000), "/incidents/INC00000001",
                "/services/..%2f..%2f", "/services/" + "a".repeat(5_000), "/services/%00", "/services/<script>",
                "/status/../incidents", "/status.json/..", "//status", "/STATUS", "/status%00.atom", "/webhooks/twitter/..",
                "/" + "a/".repeat(2_000), "/reports/../incidents")) {
            TALLY.tried("path tricks", status(desk.http("GET", path, Map.of(), Map.of(), null)), false);
            TALLY.tried("path tricks", status(desk.http("DELETE", path, Map.of(), Map.of(), null)), false);
            TALLY.tried("path tricks", status(send("PATCH", path, Map.of(), "{\"note\":\"x\"}")), false);
        }
        for (String body : List.of(Json.text(Map.of("note", "x".repeat(500_000))), Json.text(Map.of("note", "x".repeat(10_001))),
                Json.text(Map.of("resolution", "x".repeat(50_000), "state", "Resolved")),
                Json.text(Map.of("assignee", "x".repeat(1_000))), Json.text(Map.of("state", List.of(1, 2))),
                "{\"note\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}", "[]", "null", "\"text\"", "{",
                Json.text(Map.of("state", "x".repeat(100_000))))) {
            TALLY.tried("huge and odd fields", status(send("PATCH", "/incidents/INC0000001", Map.of(), body)), false);
        }
        for (String key : List.of("k".repeat(10_000), "key with spaces", "\u0000", "ключ")) {
            TALLY.tried("huge and odd fields", status(desk.http("PATCH", "/incidents/INC0000001", Map.of(),
                    Map.of("idempotency-key", key), "{\"note\":\"x\"}")), false);
        }
        for (String body : List.of(Json.text(Map.of("kind", "outage", "service", "wifi", "text", "x".repeat(100_000))),
                Json.text(Map.of("kind", "outage", "service", "wifi", "text", "x".repeat(20_000))),
                Json.text(Map.of("kind", "x".repeat(10_000), "service", "wifi", "text", "t")),
                Json.text(Map.of("kind", "outage", "service", "x".repeat(10_000), "text", "t")),
                Json.text(Map.of("kind", "maintenance", "service", "wifi", "text", "t", "windowStart", "2030-13-45T25:00:00Z",
                        "windowEnd", "x")),
                Json.text(Map.of("kind", "outage", "service", "wifi", "text", "t", "eta", "x".repeat(10_000))))) {
            TALLY.tried("huge and odd fields", status(send("POST", "/announcements", Map.of(), body)), false);
        }
        TALLY.tried("huge and odd fields", status(send("PUT", "/services/printing", Map.of(),
                Json.text(Map.of("name", "x".repeat(100_000))))), false);
        TALLY.tried("huge and odd fields", status(send("PUT", "/services/printing", Map.of(),
                Json.text(Map.of("name", "Printing", "impact", 1e300)))), false);
        settle();

        // Nothing of that was written, and the desk still works.
        assertThat(getJson("/outages", Map.of()).path("outages")).isEmpty();
        assertThat(getJson("/incidents/INC0000001", Map.of()).path("_status").asInt()).isEqualTo(200);
        int before = directMessagesTo(Fixtures.JO).size();
        deliverBody(Payloads.tweet("tweet-new-incident", "1990000000000700001", "@ITHelp #wifi eduroam keeps dropping"));
        assertThat(directMessagesTo(Fixtures.JO)).hasSize(before + 1);
        assertThat(getJson("/reports", Map.of()).path("incidents").asInt()).isEqualTo(2);
    }
}
