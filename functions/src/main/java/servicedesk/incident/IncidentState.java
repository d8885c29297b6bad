package servicedesk.incident;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** ITIL incident states, with the moves the desk allows between them. */
public enum IncidentState {
    NEW("New"),
    IN_PROGRESS("In Progress"),
    ON_HOLD("On Hold"),
    RESOLVED("Resolved"),
    CLOSED("Closed"),
    CANCELED("Canceled");

    private static final Map<IncidentState, Set<IncidentState>> MOVES = Map.of(
            NEW, EnumSet.of(IN_PROGRESS, ON_HOLD, RESOLVED, CANCELED),
            IN_PROGRESS, EnumSet.of(ON_HOLD, RESOLVED, CANCELED),
            ON_HOLD, EnumSet.of(IN_PROGRESS, RESOLVED, CANCELED),
            RESOLVED, EnumSet.of(IN_PROGRESS, CLOSED),
            CLOSED, EnumSet.noneOf(IncidentState.class),
            CANCELED, EnumSet.noneOf(IncidentState.class));

    private final String label;

    IncidentState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isOpen() {
        return this == NEW || this == IN_PROGRESS || this == ON_HOLD;
    }

    public boolean canMoveTo(IncidentState next) {
        return MOVES.get(this).contains(next);
    }

    /** Accepts the enum name or the ITIL label, case-insensitively ("in progress", "IN_PROGRESS"). */
    public static IncidentState parse(String text) {
        String wanted = text.trim().replace('_', ' ');
        for (IncidentState state : values()) {
            if (state.label.equalsIgnoreCase(wanted)) {
                return state;
            }
        }
        throw new IllegalArgumentException("Unknown incident state: " + text);
    }
}
