package servicedesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import servicedesk.format.Json;

/** The public status page, its JSON and its Atom feed, from real broadcasts. */
class StatusPageIntegrationTest extends EmulatedDesk {
    private static final String ATOM = "http://www.w3.org/2005/Atom";

    private APIGatewayV2HTTPResponse get(String path, Map<String, String> headers) {
        return desk.http("GET", path, Map.of(), headers, null);
    }

    @Test
    void allServicesOperationalIsCacheableAndRevalidatesWithItsEtag() {
        APIGatewayV2HTTPResponse page = get("/status", Map.of());
        assertThat(page.getStatusCode()).isEqualTo(200);
        assertThat(page.getHeaders()).containsEntry("content-type", "text/html; charset=utf-8")
                .containsEntry("cache-control", "public, max-age=30, stale-while-revalidate=30");
        assertThat(page.getBody()).contains("<html lang=\"en\">", "All services are operating normally",
                "Blackboard Learn", "name=\"viewport\"");
        APIGatewayV2HTTPResponse again = get("/status", Map.of("If-None-Match", page.getHeaders().get("etag")));
        assertThat(again.getStatusCode()).isEqualTo(304);
        assertThat(again.getBody()).isNull();
    }

    @Test
    void anActiveOutageShowsWithItsUpdatesEtaMaintenanceAndArticles() throws Exception {
        deliver("tweet-staff-outage");
        deliverBody(Payloads.tweet("tweet-staff-outage", "1990000000000000950",
                "#update #blackboard identified: a failed database node, failing over now"));
        deliverBody(Payloads.tweet("tweet-staff-outage", "1990000000000000951",
                "#maintenance #email 2030-01-05 22:00-23:30 mailbox migration"));
        deliverBody(Payloads.tweet("tweet-staff-outage", "1990000000000000952",
                "#kb #wifi connecting to eduroam, step by step https://kb.example.edu/article/KB0007"));

        String html = get("/status", Map.of()).getBody();
        assertThat(html).contains("Some services have problems", "Blackboard Learn: Identified", "Expected back:</strong> 15:00 UTC",
                "a failed database node", "Scheduled maintenance", "mailbox migration",
                "https://kb.example.edu/article/KB0007");

        JsonNode json = Json.MAPPER.readTree(get("/status.json", Map.of()).getBody());
        assertThat(json.path("allOperational").asBoolean()).isFalse();
        assertThat(json.path("activeOutages").get(0).path("updates")).hasSize(2);
        assertThat(json.path("services").findValuesAsText("state")).contains("OUTAGE", "OPERATIONAL");

        // A cached feed's links come from the API's own domain, never from what a client put in Host.
        APIGatewayV2HTTPResponse atom = get("/status.atom", Map.of("host", "evil.example", "x-forwarded-host", "evil.example"));
        assertThat(atom.getHeaders().get("content-type")).startsWith("application/atom+xml");
        Document feed = parse(atom.getBody());
        Element root = feed.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("feed");
        assertThat(root.getNamespaceURI()).isEqualTo(ATOM);
        for (String required : new String[]{"id", "title", "updated", "author"}) {
            assertThat(children(root, required)).as("feed/" + required).isGreaterThanOrEqualTo(1);
        }
        NodeList entries = root.getElementsByTagNameNS(ATOM, "entry");
        assertThat(entries.getLength()).isEqualTo(4);
        for (int i = 0; i < entries.getLength(); i++) {
            Element entry = (Element) entries.item(i);
            for (String required : new String[]{"id", "title", "updated"}) {
                assertThat(children(entry, required)).as("entry/" + required).isEqualTo(1);
            }
        }
        assertThat(atom.getBody()).contains("http://localhost/status.atom").doesNotContain("evil.example");
    }

    @Test
    void anUnknownPathIsA404PageNotAStackTrace() {
        APIGatewayV2HTTPResponse missing = get("/nothing/here", Map.of());
        assertThat(missing.getStatusCode()).isEqualTo(404);
        assertThat(missing.getBody()).contains("Page not found").doesNotContain("Exception").doesNotContain("at servicedesk");
        assertThat(get("/incidents", Map.of()).getStatusCode()).isEqualTo(200);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static int children(Element parent, String name) {
        int count = 0;
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && ATOM.equals(element.getNamespaceURI()) && name.equals(element.getLocalName())) {
                count++;
            }
        }
        return count;
    }
}
