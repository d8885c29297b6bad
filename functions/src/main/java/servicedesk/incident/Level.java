package servicedesk.incident;

/** The three-step scale ITIL uses for both impact and urgency: 1 is the highest. */
public enum Level {
    HIGH(1), MEDIUM(2), LOW(3);

    private final int rank;

    Level(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public static Level ofRank(int rank) {
        for (Level level : values()) {
            if (level.rank == rank) {
                return level;
            }
        }
        throw new IllegalArgumentException("Impact and urgency run from 1 to 3, not " + rank);
    }

    public Level higher(Level other) {
        return rank <= other.rank ? this : other;
    }
}
