package servicedesk.format;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A link the desk may store or show: an absolute {@code http} or {@code https} URL with a host, no user
 * part and no control characters, at most {@link #MAX_LENGTH} characters. Anything else ({@code javascript:},
 * {@code data:}, a relative path, {@code https://trusted@elsewhere}) is not a link to the desk.
 */
public final class WebLink {
    public static final int MAX_LENGTH = 2_048;

    private WebLink() {
    }

    public static boolean isSafe(String link) {
        if (link == null || link.isEmpty() || link.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < link.length(); i++) {
            char c = link.charAt(i);
            if (c <= ' ' || c == 0x7f || Character.isWhitespace(c)) {
                return false;
            }
        }
        URI uri;
        try {
            uri = new URI(link);
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && !uri.getHost().isEmpty()
                && uri.getRawUserInfo() == null;
    }

    /** The link if it is safe, else null. */
    public static String orNull(String link) {
        return isSafe(link) ? link : null;
    }
}
