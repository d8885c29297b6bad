package servicedesk.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import servicedesk.format.Json;
import servicedesk.incident.Level;

/**
 * The services a new deployment starts with (service-catalog-seed.json). Seeding only adds what is
 * missing, so services IT has changed or added since are left as they are.
 */
public final class CatalogSeed {
    private CatalogSeed() {
    }

    public static List<Service> defaults() {
        try (InputStream in = CatalogSeed.class.getResourceAsStream("/service-catalog-seed.json")) {
            List<Service> services = new ArrayList<>();
            for (JsonNode node : Json.MAPPER.readTree(in)) {
                services.add(new Service(node.path("hashtag").asText(), node.path("name").asText(),
                        Level.ofRank(node.path("impact").asInt(2))));
            }
            return services;
        } catch (IOException e) {
            throw new IllegalStateException("service-catalog-seed.json is unreadable", e);
        }
    }

    /** @return how many services were added */
    public static int seed(ServiceCatalog catalog) {
        int added = 0;
        for (Service service : defaults()) {
            if (catalog.addIfAbsent(service)) {
                added++;
            }
        }
        return added;
    }
}
