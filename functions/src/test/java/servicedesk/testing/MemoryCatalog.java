package servicedesk.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import servicedesk.catalog.CatalogSeed;
import servicedesk.catalog.Service;
import servicedesk.catalog.ServiceCatalog;

/** The service catalog in memory, starting with the seed a new deployment gets. */
public final class MemoryCatalog implements ServiceCatalog {
    private final Map<String, Service> services = new TreeMap<>();

    public MemoryCatalog() {
        CatalogSeed.seed(this);
    }

    @Override
    public synchronized List<Service> all() {
        return new ArrayList<>(services.values()).stream().sorted(Comparator.comparing(Service::hashtag)).toList();
    }

    @Override
    public synchronized boolean addIfAbsent(Service service) {
        return services.putIfAbsent(service.hashtag(), service) == null;
    }

    @Override
    public synchronized void put(Service service) {
        services.put(service.hashtag(), service);
    }

    @Override
    public synchronized boolean remove(String hashtag) {
        return services.remove(Service.normalise(hashtag)) != null;
    }
}
