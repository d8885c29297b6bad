package servicedesk.catalog;

import java.util.Locale;
import servicedesk.incident.Level;

/** A service users can report against, known by its hashtag (stored lower-case, without '#'). */
public record Service(String hashtag, String name, Level impact) {

    public Service {
        hashtag = normalise(hashtag);
        if (!hashtag.matches("[a-z0-9_]{1,50}")) {
            throw new IllegalArgumentException("A service hashtag is letters, digits or _: " + hashtag);
        }
    }

    public static String normalise(String hashtag) {
        String tag = hashtag.trim();
        return (tag.startsWith("#") ? tag.substring(1) : tag).toLowerCase(Locale.ROOT);
    }
}
