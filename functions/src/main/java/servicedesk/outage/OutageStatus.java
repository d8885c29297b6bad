package servicedesk.outage;

/** Statuspage's lifecycles: an outage is investigated to resolution; maintenance runs in its window. */
public enum OutageStatus {
    INVESTIGATING("Investigating"),
    IDENTIFIED("Identified"),
    MONITORING("Monitoring"),
    RESOLVED("Resolved"),
    SCHEDULED("Scheduled"),
    IN_PROGRESS("In progress"),
    COMPLETED("Completed");

    private final String label;

    OutageStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isOver() {
        return this == RESOLVED || this == COMPLETED;
    }
}
