package servicedesk.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import servicedesk.format.Json;
import servicedesk.http.HttpRequest;
import servicedesk.http.HttpResponse;
import servicedesk.outage.Announcement;
import servicedesk.outage.AnnouncementKind;
import servicedesk.records.Change;
import servicedesk.records.Claim;
import servicedesk.testing.MemoryCatalog;
import servicedesk.testing.MemoryDesk;
import servicedesk.testing.MutableClock;

/** The public status answers as a hostile reader or a poisoned record would meet them. */
class StatusSiteTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-11-22T10:00:00Z"));
    private final MemoryDesk desk = new MemoryDesk();
    private final StatusSite site = new StatusSite(new StatusPage(new MemoryCatalog(), desk.outages(), java.util.Optional::empty, clock), "IT desk", null);

    private HttpResponse get(String path, Map<String, String> headers, String domainName) {
        return site.handle(new HttpRequest("GET /{proxy+}", "GET", path, headers, null, null, null, null, domainName));
    }

    /** Stores an announcement as it might have been stored before links were checked on the way in. */
    private void stored(String id, AnnouncementKind kind, String text, String link) {
        desk.commit(Claim.expiring("announcement:" + id, null), Change.of(new Change.PublishAnnouncement(new Announcement(
                id, kind, "wifi", "Campus Wi-Fi", text, null, null, null, null, null, link, "staff", null, clock.instant()))));
    }

    @Test
    void everyAnswerForbidsScriptAndSniffing() {
        for (String path : new String[]{"/status", "/status.json", "/status.atom", "/nothing"}) {
            HttpResponse response = get(path, Map.of(), "status.example.edu");
            assertThat(response.headers()).as(path).containsEntry("x-content-type-options", "nosniff");
            String policy = response.headers().get("content-security-policy");
            assertThat(policy).as(path).startsWith("default-src 'none';").doesNotContain("script-src")
                    .doesNotContain("unsafe-inline").contains("style-src 'sha256-");
        }
        String etag = get("/status", Map.of(), "status.example.edu").headers().get("etag");
        assertThat(get("/status", Map.of("if-none-match", etag), "status.example.edu").headers())
                .containsEntry("x-content-type-options", "nosniff");
    }

    @Test
    void onlyHttpLinksAreRenderedAndMarkupIsText() throws Exception {
        stored("a1", AnnouncementKind.KB, "<script>alert(1)</script> read this", "javascript:alert(document.cookie)");
        stored("a2", AnnouncementKind.KB, "\" onmouseover=\"alert(1)", "data:text/html;base64,PHNjcmlwdD4=");
        stored("a3", AnnouncementKind.KB, "the real one", "https://kb.example.edu/KB0001?a=1&b=2");

        String html = get("/status", Map.of(), "status.example.edu").body();
        assertThat(html).doesNotContain("<script").doesNotContain("javascript:").doesNotContain("data:text")
                .doesNotContain("\" onmouseover").contains("&lt;script&gt;")
                .contains("<a href=\"https://kb.example.edu/KB0001?a=1&amp;b=2\">the real one</a>");
        String atom = get("/status.atom", Map.of(), "status.example.edu").body();
        assertThat(atom).doesNotContain("javascript:").doesNotContain("data:text").doesNotContain("<script");
        var json = Json.MAPPER.readTree(get("/status.json", Map.of(), "status.example.edu").body());
        assertThat(json.path("announcements").findValues("link")).filteredOn(link -> !link.isNull())
                .extracting(link -> link.asText()).containsExactly("https://kb.example.edu/KB0001?a=1&b=2");
    }

    @Test
    void theFeedDropsCharactersXmlForbidsAndStaysWellFormed() throws Exception {
        stored("a1", AnnouncementKind.KB, "back\u0001 up\u0000 now\u000b \uFFFE \uD800 😀 tab\tok", "https://kb.example.edu/1");

        String atom = get("/status.atom", Map.of(), "status.example.edu").body();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var feed = factory.newDocumentBuilder().parse(new ByteArrayInputStream(atom.getBytes(StandardCharsets.UTF_8)));
        assertThat(feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "content").item(0).getTextContent())
                .isEqualTo("back up now   😀 tab\tok");
        assertThat(get("/status", Map.of(), "status.example.edu").body()).doesNotContain("\u0001").contains("😀");
    }

    @Test
    void absoluteLinksComeFromTheApisOwnDomainNotFromHeaders() {
        Map<String, String> forged = Map.of("host", "evil.example", "x-forwarded-proto", "javascript",
                "x-forwarded-host", "evil.example");
        String atom = get("/status.atom", forged, "abc123.execute-api.eu-west-1.amazonaws.com").body();
        assertThat(atom).contains("https://abc123.execute-api.eu-west-1.amazonaws.com/status.atom").doesNotContain("evil");

        StatusSite configured = new StatusSite(new StatusPage(new MemoryCatalog(), desk.outages(), java.util.Optional::empty, clock), "IT desk",
                "https://status.example.edu/");
        HttpResponse fromConfigured = configured.handle(new HttpRequest("GET /{proxy+}", "GET", "/status.atom", forged,
                null, null, null, null, "abc123.execute-api.eu-west-1.amazonaws.com"));
        assertThat(fromConfigured.body()).contains("https://status.example.edu/status.atom").doesNotContain("evil");

        assertThat(get("/status.atom", forged, "bad host\"<x>").body()).contains("http://localhost/status.atom");
    }
}
