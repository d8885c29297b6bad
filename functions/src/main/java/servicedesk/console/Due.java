package servicedesk.console;

import java.time.Duration;
import java.time.Instant;
import servicedesk.incident.Incident;

/**
 * An open incident's next target: the first response until the reporter has one, then the resolution; how
 * long is left (negative once breached), and whether it is near (less than a quarter of the target left).
 */
record Due(boolean response, Instant at, Duration left, boolean breached, boolean near) {

    /** Null for an incident that is no longer open. */
    static Due of(Incident incident, Instant now) {
        if (!incident.isOpen()) {
            return null;
        }
        boolean response = incident.firstRespondedAt() == null;
        Instant at = response ? incident.firstResponseDue() : incident.resolutionDue();
        Duration left = Duration.between(now, at);
        boolean breached = !left.isPositive() || incident.flags().contains(response
                ? Incident.FLAG_FIRST_RESPONSE_BREACHED : Incident.FLAG_RESOLUTION_BREACHED);
        Duration target = Duration.between(incident.openedAt(), at);
        boolean near = !breached && left.multipliedBy(4).compareTo(target) < 0;
        return new Due(response, at, left, breached, near);
    }

    /** "Respond within 2h 5m", "Resolution overdue by 3d 1h". */
    String label() {
        if (breached) {
            return (response ? "Response" : "Resolution") + " overdue"
                    + (left.isNegative() ? " by " + Html.duration(left) : "");
        }
        return (response ? "Respond" : "Resolve") + " within " + Html.duration(left);
    }

    String cssClass() {
        return breached ? "late" : near ? "soon" : "ok";
    }
}
