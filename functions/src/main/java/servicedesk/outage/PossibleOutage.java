package servicedesk.outage;

import java.time.Instant;

/** Many reports about one service in a short window, with no outage declared: IT should look. */
public record PossibleOutage(String id, String service, String serviceName, int reports, int windowMinutes, Instant at) {
}
