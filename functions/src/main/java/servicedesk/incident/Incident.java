package servicedesk.incident;

import java.time.Instant;
import java.util.Set;

/**
 * An incident as the desk records it. {@code description} is what the reporter wrote, with any secret
 * redacted; {@code flags} carries markers such as {@link #FLAG_SECRET_REDACTED}; {@code outageId} links it
 * to a declared outage of its service (or is null). {@code firstRespondedAt} is when the desk or staff
 * first answered the reporter (the automatic acknowledgement does not count); {@code resolution} is set
 * once it is resolved; {@code assignee} is who in IT works on it (or null). {@code version} counts the writes to
 * the incident's record (1 when opened): IT's edits are conditional on the version they read, so a change made
 * meanwhile by someone else is never silently overwritten.
 */
public record Incident(
        String number,
        IncidentState state,
        Priority priority,
        Level impact,
        Level urgency,
        String service,
        Reporter reporter,
        String sourceTweetId,
        String sourceTweetUrl,
        String description,
        Set<String> flags,
        Instant openedAt,
        Instant updatedAt,
        Instant firstResponseDue,
        Instant resolutionDue,
        String outageId,
        Instant firstRespondedAt,
        Resolution resolution,
        String assignee,
        long version) {

    public static final String FLAG_SECRET_REDACTED = "secret-redacted";
    public static final String FLAG_CALL_DESK = "call-desk";
    public static final String FLAG_FIRST_RESPONSE_BREACHED = "first-response-breached";
    public static final String FLAG_RESOLUTION_BREACHED = "resolution-breached";

    public Incident {
        flags = Set.copyOf(flags);
    }

    /** An incident read from a record written before versions were kept: version 0. */
    public Incident(String number, IncidentState state, Priority priority, Level impact, Level urgency, String service,
                    Reporter reporter, String sourceTweetId, String sourceTweetUrl, String description, Set<String> flags,
                    Instant openedAt, Instant updatedAt, Instant firstResponseDue, Instant resolutionDue, String outageId,
                    Instant firstRespondedAt, Resolution resolution, String assignee) {
        this(number, state, priority, impact, urgency, service, reporter, sourceTweetId, sourceTweetUrl, description, flags,
                openedAt, updatedAt, firstResponseDue, resolutionDue, outageId, firstRespondedAt, resolution, assignee, 0);
    }

    /**
     * A new incident as a report opens it: New, due by its priority's targets, not yet answered, resolved or
     * assigned. {@code sourceTweetId}, {@code sourceTweetUrl} and {@code outageId} may be null.
     */
    public static Incident open(String number, Priority priority, Level impact, Level urgency, String service,
                                Reporter reporter, String sourceTweetId, String sourceTweetUrl, String description,
                                Set<String> flags, ResponseTargets.Target target, String outageId, Instant at) {
        return new Incident(number, IncidentState.NEW, priority, impact, urgency, service, reporter, sourceTweetId,
                sourceTweetUrl, description, flags, at, at, at.plus(target.firstResponse()), at.plus(target.resolution()),
                outageId, null, null, null, 1);
    }

    public static String numberOf(long sequence) {
        return String.format("INC%07d", sequence);
    }

    public boolean isOpen() {
        return state.isOpen();
    }
}
