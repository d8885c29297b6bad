package servicedesk.incident;

import java.time.Instant;

/**
 * How an incident was resolved: by whom ({@code source}), what fixed it ({@code text}: a knowledge
 * article link, an answer, an outage), and who is credited (a staff member or the community member whose
 * answer worked).
 */
public record Resolution(Source source, String text, String creditedTo, Instant at) {

    public enum Source { STAFF, COMMUNITY, OUTAGE, DESK }
}
