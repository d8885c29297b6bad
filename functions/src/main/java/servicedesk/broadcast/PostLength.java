package servicedesk.broadcast;

import java.text.Normalizer;

/**
 * A post's length as X counts it (its "counting characters" page and twitter-text's configuration): the
 * text in NFC; each link (here: each {@code http://} or {@code https://} word) counts 23, as t.co wraps it;
 * code points in the Latin, general-punctuation ranges count 1, every other code point 2. One post holds
 * {@link #LIMIT}. An emoji sequence joined by zero-width joiners counts more here than on X (each emoji 2),
 * so a post at the limit may be refused that X would take, never the other way round.
 */
public final class PostLength {
    public static final int LIMIT = 280;
    /** X's limit for a direct message's text, in code points (its v1.1 reference; v2 states none). */
    public static final int DM_LIMIT = 10_000;
    private static final int LINK = 23;

    private PostLength() {
    }

    public static int of(String text) {
        String normal = Normalizer.normalize(text, Normalizer.Form.NFC);
        int length = 0;
        int i = 0;
        while (i < normal.length()) {
            if (startsLink(normal, i)) {
                length += LINK;
                while (i < normal.length() && !Character.isWhitespace(normal.charAt(i))) {
                    i++;
                }
                continue;
            }
            int codePoint = normal.codePointAt(i);
            length += weight(codePoint);
            i += Character.charCount(codePoint);
        }
        return length;
    }

    /** A direct message's length: its code points. */
    public static int dm(String text) {
        return text.codePointCount(0, text.length());
    }

    private static boolean startsLink(String text, int at) {
        return (at == 0 || Character.isWhitespace(text.charAt(at - 1)))
                && (text.regionMatches(true, at, "https://", 0, 8) || text.regionMatches(true, at, "http://", 0, 7));
    }

    private static int weight(int codePoint) {
        boolean light = codePoint <= 4351 || (codePoint >= 8192 && codePoint <= 8205)
                || (codePoint >= 8208 && codePoint <= 8223) || (codePoint >= 8242 && codePoint <= 8247);
        return light ? 1 : 2;
    }
}
