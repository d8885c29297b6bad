package servicedesk.settings;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import servicedesk.incident.ResponseTargets;

/**
 * Who the desk is and how it behaves, from the function's environment: the IT account's user id, the
 * staff allowed to broadcast (user ids, never handles), the desk's phone number, and response targets.
 */
public record DeskSettings(String accountId, Set<String> staffUserIds, Set<String> ownAppIds,
                           String deskPhone, ResponseTargets targets, PossibleOutageRule possibleOutage,
                           int incidentNumberBlock) {

    /** {@code reports} reports about one service within {@code windowMinutes} minutes, and no outage declared. */
    public record PossibleOutageRule(int reports, int windowMinutes) {
    }

    public static final String DEFAULT_PHONE = "+1 555 0100";

    public DeskSettings {
        staffUserIds = Set.copyOf(staffUserIds);
        ownAppIds = Set.copyOf(ownAppIds);
    }

    public static DeskSettings from(Environment environment) {
        return new DeskSettings(
                environment.require("TWITTER_ACCOUNT_ID"),
                idList(environment.orDefault("STAFF_USER_IDS", "")),
                idList(environment.orDefault("TWITTER_APP_ID", "")),
                environment.orDefault("SERVICE_DESK_PHONE", DEFAULT_PHONE),
                ResponseTargets.parse(environment.orDefault("RESPONSE_TARGETS", ResponseTargets.DEFAULTS)),
                new PossibleOutageRule(Integer.parseInt(environment.orDefault("POSSIBLE_OUTAGE_REPORTS", "5")),
                        Integer.parseInt(environment.orDefault("POSSIBLE_OUTAGE_WINDOW_MINUTES", "15"))),
                Integer.parseInt(environment.orDefault("INCIDENT_NUMBER_BLOCK", "1")));
    }

    public boolean isStaff(String userId) {
        return staffUserIds.contains(userId);
    }

    private static Set<String> idList(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(id -> !id.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
