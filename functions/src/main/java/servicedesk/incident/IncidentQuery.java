package servicedesk.incident;

/** Filters for listing incidents; null means "any". */
public record IncidentQuery(IncidentState state, String service, String reporterId, int limit, String pageToken) {

    public IncidentQuery {
        if (limit < 1 || limit > 100) {
            throw new IllegalArgumentException("limit must be between 1 and 100");
        }
    }
}
