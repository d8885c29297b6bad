package servicedesk.incident;

/** Incident priority, derived from impact and urgency with the usual ITIL matrix. */
public enum Priority {
    P1("Critical"), P2("High"), P3("Moderate"), P4("Low"), P5("Planning");

    private final String label;

    Priority(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** impact 1 + urgency 1 is P1; each step down either scale lowers the priority by one. */
    public static Priority of(Level impact, Level urgency) {
        return values()[impact.rank() + urgency.rank() - 2];
    }
}
