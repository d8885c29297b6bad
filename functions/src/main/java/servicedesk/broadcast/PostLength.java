package servicedesk.broadcast;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A post's length as X counts it (twitter-text's weighted length): a link counts as the 23 characters of its
 * t.co form, most Latin, Greek, Cyrillic and punctuation characters count 1, everything else (CJK, emoji)
 * counts 2. An emoji sequence counts 2 for each of its code points here, never less than X counts it.
 */
public final class PostLength {
    /** X's limit for a post on the self-serve tiers. */
    public static final int POST_LIMIT = 280;
    /** X's limit for a direct message's text. */
    public static final int DM_LIMIT = 10_000;
    static final int LINK_LENGTH = 23;
    private static final Pattern LINK = Pattern.compile("https?://[^\\s]+", Pattern.CASE_INSENSITIVE);

    private PostLength() {
    }

    public static int weighted(String text) {
        int length = 0;
        Matcher links = LINK.matcher(text);
        int from = 0;
        while (links.find()) {
            length += characters(text.substring(from, links.start())) + LINK_LENGTH;
            from = links.end();
        }
        return length + characters(text.substring(from));
    }

    /** A direct message's length: its code points. */
    public static int dm(String text) {
        return text.codePointCount(0, text.length());
    }

    private static int characters(String text) {
        return text.codePoints().map(PostLength::weight).sum();
    }

    private static int weight(int codePoint) {
        boolean light = codePoint <= 4351 || codePoint >= 8192 && codePoint <= 8205
                || codePoint >= 8208 && codePoint <= 8223 || codePoint >= 8242 && codePoint <= 8247;
        return light ? 1 : 2;
    }
}
