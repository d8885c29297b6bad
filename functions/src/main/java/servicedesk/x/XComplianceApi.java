package servicedesk.x;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import servicedesk.intake.XCompliance;
import servicedesk.intake.XReadback;
import twitter4j.JSONException;
import twitter4j.JSONObject;

/**
 * {@link XCompliance} on X's batch compliance endpoints: {@code POST /2/compliance/jobs} and
 * {@code GET /2/compliance/jobs/:id} with the app's bearer token (150 requests / 15 min each), then a
 * {@code PUT} of the ids (text, one a line, at most 128 MB) to the job's {@code upload_url} and a {@code GET}
 * of its {@code download_url} (JSON lines). X has served those URLs from Google Cloud Storage (signed, to be
 * called with no credentials) and now serves them on its API host (where it asks for the same bearer token):
 * the token goes only to the host the desk calls X on, never elsewhere.
 */
public final class XComplianceApi implements XCompliance {
    private final XApi x;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public XComplianceApi(XApi x) {
        this.x = x;
    }

    @Override
    public Job create() throws XReadback.Unavailable, Refused {
        try {
            return job(x.postAsApp("/2/compliance/jobs", new JSONObject().put("type", "tweets")
                    .put("name", "service-desk-deletions")).body());
        } catch (XApi.CallFailed failed) {
            if (failed.status() == 409) {
                // X allows one active tweets job per app: this one ends (complete, failed or expired) in time.
                throw new XReadback.Unavailable("X answered 409: a tweets compliance job is already active");
            }
            throw classified(failed);
        }
    }

    @Override
    public Job job(String id) throws XReadback.Unavailable, Refused {
        try {
            return job(x.getAsApp("/2/compliance/jobs/" + id).body());
        } catch (XApi.CallFailed failed) {
            if (failed.status() == 404) {
                return null;
            }
            throw classified(failed);
        }
    }

    @Override
    public void upload(Job job, List<String> postIds) throws XReadback.Unavailable, Refused {
        String body = String.join("\n", postIds) + "\n";
        HttpRequest.Builder request = request(job.uploadUrl()).header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        answered(send(request), "upload");
    }

    @Override
    public List<Event> results(Job job) throws XReadback.Unavailable, Refused {
        String body = answered(send(request(job.downloadUrl()).GET()), "download");
        List<Event> events = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JSONObject event = new JSONObject(line);
                // An id X could not read comes back as {"id": …, "error": …}: it names nothing to act on.
                if (!event.has("error")) {
                    events.add(new Event(event.optString("id", null), event.optString("action", null),
                            event.optString("reason", null)));
                }
            } catch (JSONException unreadable) {
                throw new XReadback.Unavailable("X's compliance results have a line that is not JSON");
            }
        }
        return events;
    }

    private static Job job(JSONObject body) throws XReadback.Unavailable {
        JSONObject data = body.optJSONObject("data");
        if (data == null || data.optString("id", "").isEmpty()) {
            throw new XReadback.Unavailable("X answered with no compliance job");
        }
        return new Job(data.getString("id"), data.optString("status", ""), instant(data.optString("upload_expires_at", "")),
                data.optString("upload_url", null), data.optString("download_url", null));
    }

    private static Instant instant(String text) {
        try {
            return text.isEmpty() ? null : Instant.parse(text);
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    /** The signed URL; the app's bearer token only when the URL is on the host the desk calls X on. */
    private HttpRequest.Builder request(String url) throws XReadback.Unavailable {
        if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
            throw new XReadback.Unavailable("X gave the compliance job no usable URL");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (sameOrigin(URI.create(url), URI.create(x.baseUrl()))) {
            request.header("Authorization", x.app().getAuthorizationHeader(null));
        }
        return request;
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
                && a.getHost().toLowerCase(Locale.ROOT).equals(String.valueOf(b.getHost()).toLowerCase(Locale.ROOT))
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws XReadback.Unavailable {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException failed) {
            throw new XReadback.Unavailable("no answer from X's compliance storage");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new XReadback.Unavailable("interrupted");
        } catch (XCredentialSource.Unavailable unavailable) {
            throw new XReadback.Unavailable(unavailable.getMessage());
        }
    }

    /**
     * A signed URL's answer: 403 and 404 (the URL expired or its job is gone) wait for the next run, which
     * asks X for the job again and starts a new one if need be; a 401 refuses the app's token; 413 (over
     * 128 MB) and other refusals cannot get better by themselves.
     */
    private static String answered(HttpResponse<String> response, String what) throws XReadback.Unavailable, Refused {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body();
        }
        if (status == 403 || status == 404 || status == 408 || status == 429 || status >= 500) {
            throw new XReadback.Unavailable("the compliance " + what + " answered " + status);
        }
        throw new Refused("the compliance " + what + " answered " + status);
    }

    /** X's errors as the desk classifies them (XApi): limits and outages wait; refusals of the app alarm. */
    private static XReadback.Unavailable classified(XApi.CallFailed failed) throws Refused {
        return switch (failed.kind()) {
            case RATE_LIMITED -> new XReadback.Unavailable("X answered 429 until " + failed.retryAt());
            case UNAVAILABLE, UNCERTAIN -> new XReadback.Unavailable(failed.getMessage());
            case ACCOUNT, REJECTED -> throw new Refused("X answered " + failed.status() + ": " + failed.getMessage());
        };
    }
}
