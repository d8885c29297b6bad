package servicedesk.incident;

import java.util.List;

/** One page of incidents, newest first; {@code nextPageToken} is null on the last page. */
public record IncidentPage(List<Incident> incidents, String nextPageToken) {
}
