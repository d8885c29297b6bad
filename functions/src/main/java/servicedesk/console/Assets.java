package servicedesk.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import servicedesk.http.HttpResponse;

/**
 * The console's stylesheet and script, served from the function's own jar (no third-party file or font is
 * fetched at run time). Their URLs carry a hash of their content, so browsers may keep them for a year.
 */
final class Assets {
    private static final String CSS_TEXT = read("console/console.css");
    private static final String JS_TEXT = read("console/console.js");
    static final String CSS = "/console/assets/console.css?v=" + hash(CSS_TEXT);
    static final String JS = "/console/assets/console.js?v=" + hash(JS_TEXT);

    private Assets() {
    }

    /** The asset named by the path's last segment, or null. */
    static HttpResponse serve(String name) {
        return switch (name) {
            case "console.css" -> asset("text/css; charset=utf-8", CSS_TEXT);
            case "console.js" -> asset("text/javascript; charset=utf-8", JS_TEXT);
            default -> null;
        };
    }

    private static HttpResponse asset(String type, String text) {
        return new HttpResponse(200, Map.of("content-type", type,
                "cache-control", "public, max-age=31536000, immutable"), text);
    }

    private static String read(String resource) {
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
