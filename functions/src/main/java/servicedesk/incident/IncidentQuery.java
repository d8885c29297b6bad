package servicedesk.incident;

/**
 * Filters for listing incidents; null means "any". {@code openOnly} keeps New, In Progress and On Hold
 * incidents; {@code outageId} keeps those linked to that outage.
 */
public record IncidentQuery(IncidentState state, String service, String reporterId, boolean openOnly, String outageId,
                            int limit, String pageToken) {

    public IncidentQuery {
        if (limit < 1 || limit > 100) {
            throw new IllegalArgumentException("limit must be between 1 and 100");
        }
    }

    public static IncidentQuery everything() {
        return new IncidentQuery(null, null, null, false, null, 100, null);
    }

    public static IncidentQuery inState(IncidentState state) {
        return new IncidentQuery(state, null, null, false, null, 100, null);
    }

    public static IncidentQuery openOf(String service, String outageId, int limit, String pageToken) {
        return new IncidentQuery(null, service, null, true, outageId, limit, pageToken);
    }
}
