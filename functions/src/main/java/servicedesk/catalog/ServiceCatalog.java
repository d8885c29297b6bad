package servicedesk.catalog;

import java.util.List;
import java.util.Optional;

/** The services the desk knows. Data, not code: IT adds a service without a redeploy. */
public interface ServiceCatalog {

    List<Service> all();

    default Optional<Service> find(String hashtag) {
        String wanted = Service.normalise(hashtag);
        return all().stream().filter(service -> service.hashtag().equals(wanted)).findFirst();
    }

    /** Adds the service unless one with that hashtag exists; returns whether it was added. */
    boolean addIfAbsent(Service service);

    void put(Service service);

    boolean remove(String hashtag);
}
