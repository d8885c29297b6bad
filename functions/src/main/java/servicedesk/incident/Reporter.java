package servicedesk.incident;

/** The person who reported an incident, by X user id (stable) and handle (for display only). */
public record Reporter(String userId, String handle) {
}
