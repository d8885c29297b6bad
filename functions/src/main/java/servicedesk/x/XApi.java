package servicedesk.x;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Instant;
import servicedesk.notify.RateLimit;
import twitter4j.HttpClient;
import twitter4j.HttpClientFactory;
import twitter4j.HttpParameter;
import twitter4j.HttpResponse;
import twitter4j.JSONObject;
import twitter4j.TwitterException;
import twitter4j.auth.AccessToken;
import twitter4j.auth.Authorization;
import twitter4j.auth.OAuthAuthorization;
import twitter4j.conf.Configuration;
import twitter4j.conf.ConfigurationBuilder;

/**
 * Calls to the X API v2 at a configurable base URL, signed with twitter4j's OAuth 1.0a (user context,
 * the IT account) or the app's OAuth 2.0 bearer token as issued (app context, {@link IssuedBearerToken}).
 * twitter4j's own send methods use v1.1 endpoints that X refuses on self-serve tiers, so this class uses its signing HTTP client directly.
 */
public final class XApi {
    public static final String DEFAULT_BASE_URL = "https://api.x.com";

    /** What went wrong on a call, in the terms the callers decide on. */
    public static final class CallFailed extends Exception {
        public enum Kind { REJECTED, RATE_LIMITED, UNAVAILABLE, UNCERTAIN }

        private final Kind kind;
        private final int status;
        private final Instant retryAt;

        CallFailed(Kind kind, int status, Instant retryAt, String message) {
            super(message);
            this.kind = kind;
            this.status = status;
            this.retryAt = retryAt;
        }

        public Kind kind() {
            return kind;
        }

        public int status() {
            return status;
        }

        public Instant retryAt() {
            return retryAt;
        }
    }

    /** X's answer: its JSON body and, when X said, the rate-limit window the call counted against. */
    public record Reply(JSONObject body, RateLimit limit) {
    }

    private final String baseUrl;
    private final HttpClient http;
    private final XCredentialSource credentials;
    /** Signers for the credentials last read; rebuilt when the secret changes. */
    private volatile Signers signers;

    private record Signers(XCredentials credentials, Authorization user, Authorization app) {
    }

    public XApi(String baseUrl, XCredentials credentials) {
        this(baseUrl, XCredentialSource.fixed(credentials));
    }

    public XApi(String baseUrl, XCredentialSource credentials) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.credentials = credentials;
        this.http = HttpClientFactory.getInstance(configuration(new XCredentials("", "", "", "", "")).getHttpClientConfiguration());
    }

    private static Configuration configuration(XCredentials credentials) {
        return new ConfigurationBuilder()
                .setDebugEnabled(false)
                .setHttpConnectionTimeout(3_000)
                .setHttpReadTimeout(10_000)
                .setHttpRetryCount(0)
                .setOAuthConsumerKey(credentials.consumerKey())
                .setOAuthConsumerSecret(credentials.consumerSecret())
                .build();
    }

    // For the read and app calls beside this class (XReads, XAppCalls), which share its client and signers.
    String baseUrl() {
        return baseUrl;
    }

    HttpClient http() {
        return http;
    }

    Authorization user() {
        return signers().user();
    }

    Authorization app() {
        return signers().app();
    }

    private Signers signers() {
        XCredentials current = credentials.current();
        Signers known = signers;
        if (known == null || !known.credentials().equals(current)) {
            Configuration configuration = configuration(current);
            OAuthAuthorization oauth = new OAuthAuthorization(configuration);
            oauth.setOAuthAccessToken(new AccessToken(current.accessToken(), current.accessTokenSecret()));
            known = new Signers(current, oauth, new IssuedBearerToken(current.bearerToken()));
            signers = known;
        }
        return known;
    }

    /** POST a JSON body as the IT account (OAuth 1.0a user context). */
    public Reply postAsUser(String path, JSONObject body) throws CallFailed {
        return call(() -> http.post(baseUrl + path, new HttpParameter[]{new HttpParameter(body)}, signers().user(), null));
    }

    /** POST a JSON body as the app (OAuth 2.0 bearer token). */
    public Reply postAsApp(String path, JSONObject body) throws CallFailed {
        return call(() -> http.post(baseUrl + path, new HttpParameter[]{new HttpParameter(body)}, signers().app(), null));
    }

    /** POST with no body as the IT account. */
    public Reply postAsUser(String path) throws CallFailed {
        return call(() -> http.post(baseUrl + path, new HttpParameter[0], signers().user(), null));
    }

    public Reply getAsApp(String path) throws CallFailed {
        return call(() -> http.get(baseUrl + path, new HttpParameter[0], signers().app(), null));
    }

    public Reply putAsApp(String path) throws CallFailed {
        return call(() -> http.put(baseUrl + path, new HttpParameter[0], signers().app(), null));
    }

    interface Request {
        HttpResponse send() throws TwitterException;
    }

    static Reply call(Request request) throws CallFailed {
        try {
            HttpResponse response = request.send();
            String body = response.asString();
            return new Reply(body == null || body.isBlank() ? new JSONObject() : new JSONObject(body), rateLimit(response));
        } catch (TwitterException failure) {
            throw classify(failure);
        } catch (XCredentialSource.Unavailable unavailable) {
            throw new CallFailed(CallFailed.Kind.UNAVAILABLE, -1, null, unavailable.getMessage());
        } catch (twitter4j.JSONException badBody) {
            throw new CallFailed(CallFailed.Kind.UNCERTAIN, 200, null, "X answered with a body that is not JSON");
        }
    }

    private static CallFailed classify(TwitterException failure) {
        int status = failure.getStatusCode();
        if (status == 429) {
            return new CallFailed(CallFailed.Kind.RATE_LIMITED, status, resetTime(failure), "rate limited");
        }
        if (status >= 500) {
            return new CallFailed(CallFailed.Kind.UNAVAILABLE, status, null, "X answered " + status);
        }
        if (status >= 400) {
            return new CallFailed(CallFailed.Kind.REJECTED, status, null, errorDetail(failure));
        }
        // No HTTP status: the network failed. Only a failure to connect proves nothing was sent.
        Throwable cause = failure.getCause();
        boolean neverConnected = cause instanceof ConnectException || cause instanceof UnknownHostException
                || (cause instanceof SocketTimeoutException && String.valueOf(cause.getMessage()).contains("connect"));
        return neverConnected
                ? new CallFailed(CallFailed.Kind.UNAVAILABLE, -1, null, "could not connect to X")
                : new CallFailed(CallFailed.Kind.UNCERTAIN, -1, null, "no answer from X");
    }

    private static RateLimit rateLimit(HttpResponse response) {
        String remaining = response.getResponseHeader("x-rate-limit-remaining");
        String reset = response.getResponseHeader("x-rate-limit-reset");
        try {
            return remaining == null || reset == null ? null
                    : new RateLimit(Integer.parseInt(remaining.trim()), Instant.ofEpochSecond(Long.parseLong(reset.trim())));
        } catch (NumberFormatException unreadable) {
            return null;
        }
    }

    private static Instant resetTime(TwitterException failure) {
        String reset = failure.getResponseHeader("x-rate-limit-reset");
        if (reset != null) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(reset.trim()));
            } catch (NumberFormatException ignored) {
                // fall through to the conservative default
            }
        }
        return Instant.now().plusSeconds(60);
    }

    /** X's own error title or detail, which names the problem and never echoes what we sent. */
    private static String errorDetail(TwitterException failure) {
        String message = failure.getMessage();
        try {
            int start = message.indexOf('{');
            if (start >= 0) {
                JSONObject error = new JSONObject(message.substring(start));
                String detail = error.optString("detail", error.optString("title", ""));
                if (!detail.isEmpty()) {
                    return detail;
                }
            }
        } catch (Exception ignored) {
            // not a JSON error body
        }
        return "HTTP " + failure.getStatusCode();
    }
}
