package servicedesk.outage;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a staff announcement is, named by its command hashtag. */
public enum AnnouncementKind {
    RESOLVED, OUTAGE, MAINTENANCE, UPDATE, KB;

    public String hashtag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The command among a tweet's hashtags; a resolution wins over anything else it mentions. */
    public static Optional<AnnouncementKind> among(List<String> hashtags) {
        for (AnnouncementKind kind : values()) {
            if (hashtags.contains(kind.hashtag())) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    public static AnnouncementKind parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    /** The announcement types that tell affected reporters by DM; each at most once per outage. */
    public boolean tellsReporters() {
        return this == OUTAGE || this == RESOLVED;
    }
}
