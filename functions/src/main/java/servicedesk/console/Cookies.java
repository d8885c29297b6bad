package servicedesk.console;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The console's cookies. Every one is {@code __Host-} prefixed (so no subdomain or plain-http page can plant
 * one), {@code Secure}, {@code HttpOnly} (no script reads it, the console's own included) and
 * {@code SameSite=Strict} (no other site's page sends it). Browsers treat http://127.0.0.1 and
 * http://localhost as secure contexts, so the local run keeps the same attributes.
 */
final class Cookies {
    /** The agent's access token from the user pool: the session. */
    static final String SESSION = "__Host-desk-session";
    /** The refresh token: a new access token when the session's expires, until the agent signs out or closes the browser. */
    static final String REFRESH = "__Host-desk-refresh";
    /** The CSRF token every form carries back (double submit: an attacker's page can neither read nor set it). */
    static final String CSRF = "__Host-desk-csrf";
    /** The user pool's session while a first-time agent chooses a password (three minutes). */
    static final String CHALLENGE = "__Host-desk-challenge";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Cookies() {
    }

    static Map<String, String> parse(String header) {
        Map<String, String> cookies = new LinkedHashMap<>();
        if (header == null) {
            return cookies;
        }
        for (String pair : header.split(";")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                // The first of a name wins: the most specific path, as browsers order them.
                cookies.putIfAbsent(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
            }
        }
        return cookies;
    }

    /** A cookie for the browser's session (gone when it closes), or for {@code maxAgeSeconds}. */
    static String set(String name, String value, Integer maxAgeSeconds) {
        return name + "=" + value + "; Path=/; Secure; HttpOnly; SameSite=Strict"
                + (maxAgeSeconds == null ? "" : "; Max-Age=" + maxAgeSeconds);
    }

    static String clear(String name) {
        return name + "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0";
    }

    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
