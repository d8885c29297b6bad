package servicedesk.catalog;

import java.util.Locale;
import servicedesk.incident.Level;

/** A service users can report against, known by its hashtag (stored lower-case, without '#'). */
public record Service(String hashtag, String name, Level impact) {

    public Service {
        hashtag = normalise(hashtag);
        if (!isHashtag(hashtag)) {
            throw new IllegalArgumentException("A service hashtag is letters, digits or _: " + hashtag);
        }
    }

    /** A normalised hashtag the catalog can hold: 1 to 50 of a-z, 0-9 and _. */
    public static boolean isHashtag(String normalised) {
        return normalised.matches("[a-z0-9_]{1,50}");
    }

    public static String normalise(String hashtag) {
        String tag = hashtag.trim();
        return (tag.startsWith("#") ? tag.substring(1) : tag).toLowerCase(Locale.ROOT);
    }
}
