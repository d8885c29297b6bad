package servicedesk.x;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Set;
import java.util.function.Function;
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
        /**
         * REJECTED: X refused this request (4xx); RATE_LIMITED: a rate window is used up (429); ACCOUNT: X refuses
         * the account itself (401, 402, 403 client-forbidden, unsupported-authentication or oauth1-permissions,
         * 429 usage-capped);
         * UNAVAILABLE: X answered 5xx, or could not be reached; UNCERTAIN: no answer after the request went.
         */
        public enum Kind { REJECTED, RATE_LIMITED, ACCOUNT, UNAVAILABLE, UNCERTAIN }

        private final Kind kind;
        private final int status;
        private final Instant retryAt;
        private final String problemType;
        private final RateLimit limit;

        CallFailed(Kind kind, int status, Instant retryAt, String message) {
            this(kind, status, retryAt, message, null, RateLimit.NONE);
        }

        CallFailed(Kind kind, int status, Instant retryAt, String message, String problemType, RateLimit limit) {
            super(message);
            this.kind = kind;
            this.status = status;
            this.retryAt = retryAt;
            this.problemType = problemType;
            this.limit = limit;
        }

        public Kind kind() {
            return kind;
        }

        public int status() {
            return status;
        }

        /** {@code x-rate-limit-reset} of a 429, or null when X did not send one. */
        public Instant retryAt() {
            return retryAt;
        }

        /** The last segment of the problem's {@code type} ({@code credits-depleted}, …), or null. */
        public String problemType() {
            return problemType;
        }

        /** What the rate-limit headers of the failed answer said (empty when X sent none). */
        public RateLimit limit() {
            return limit;
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

    /** GET as the IT account (OAuth 1.0a user context); {@code path} may carry a query. */
    public Reply getAsUser(String path) throws CallFailed {
        return call(() -> http.get(baseUrl + path, new HttpParameter[0], signers().user(), null));
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
            return new Reply(body == null || body.isBlank() ? new JSONObject() : new JSONObject(body),
                    rateLimit(response::getResponseHeader));
        } catch (TwitterException failure) {
            throw classify(failure);
        } catch (XCredentialSource.Unavailable unavailable) {
            throw new CallFailed(CallFailed.Kind.UNAVAILABLE, -1, null, unavailable.getMessage());
        } catch (twitter4j.JSONException badBody) {
            throw new CallFailed(CallFailed.Kind.UNCERTAIN, 200, null, "X answered with a body that is not JSON");
        }
    }

    /**
     * 403s that refuse the app or its tokens, not one message: a DM refused for lack of the app's Direct Message
     * permission ({@code oauth1-permissions}, field reports: X's pages name only "check scopes and user
     * permissions") would otherwise read as one recipient's refusal and send every reporter a public fallback.
     */
    private static final Set<String> ACCOUNT_WIDE_403 = Set.of("client-forbidden", "unsupported-authentication", "oauth1-permissions");

    /**
     * The classes the desk acts on differently (docs/x-api-reference.md §9, §10). Problem types are matched on
     * their last path segment: X's bodies carry both {@code api.x.com} and {@code api.twitter.com} hosts.
     */
    private static CallFailed classify(TwitterException failure) {
        int status = failure.getStatusCode();
        JSONObject problem = errorBody(failure);
        String type = problemType(problem);
        String detail = errorDetail(problem, status);
        RateLimit limit = status > 0 ? rateLimit(name -> header(failure, name)) : RateLimit.NONE;
        boolean usageCapped = "usage-capped".equals(type) || "UsageCapExceeded".equals(problem.optString("title"));
        if (status == 401 || status == 402 || (status == 429 && usageCapped) || (status == 403 && type != null
                && ACCOUNT_WIDE_403.contains(type))) {
            return new CallFailed(CallFailed.Kind.ACCOUNT, status, null, detail, type, limit);
        }
        if (status == 429) {
            return new CallFailed(CallFailed.Kind.RATE_LIMITED, status, epochSeconds(header(failure, "x-rate-limit-reset")),
                    detail, type, limit);
        }
        if (status >= 500) {
            return new CallFailed(CallFailed.Kind.UNAVAILABLE, status, null, "X answered " + status, type, limit);
        }
        if (status >= 400) {
            return new CallFailed(CallFailed.Kind.REJECTED, status, null, detail, type, limit);
        }
        // No HTTP status: the network failed. Only a failure to connect proves nothing was sent.
        Throwable cause = failure.getCause();
        boolean neverConnected = cause instanceof ConnectException || cause instanceof UnknownHostException
                || (cause instanceof SocketTimeoutException && String.valueOf(cause.getMessage()).contains("connect"));
        return neverConnected
                ? new CallFailed(CallFailed.Kind.UNAVAILABLE, -1, null, "could not connect to X")
                : new CallFailed(CallFailed.Kind.UNCERTAIN, -1, null, "no answer from X");
    }

    /** X's rate-limit headers, each family only when X sent it whole (§10: "either may be missing"). */
    private static RateLimit rateLimit(Function<String, String> header) {
        return new RateLimit(window(header, "x-rate-limit"), window(header, "x-user-limit-24hour"),
                window(header, "x-app-limit-24hour"));
    }

    private static RateLimit.Window window(Function<String, String> header, String family) {
        String remaining = header.apply(family + "-remaining");
        String reset = header.apply(family + "-reset");
        if (remaining == null || reset == null) {
            return null;
        }
        try {
            String limit = header.apply(family + "-limit");
            return new RateLimit.Window(limit == null ? 0 : Integer.parseInt(limit.trim()), Integer.parseInt(remaining.trim()),
                    epochSeconds(reset));
        } catch (NumberFormatException unreadable) {
            return null;
        }
    }

    /**
     * A reset in X's epoch seconds, as the instant to wait for: X truncates the window's reset to its second, so
     * the window may end up to a second after the value; the desk waits for the next whole second.
     */
    private static Instant epochSeconds(String value) {
        try {
            return value == null ? null : Instant.ofEpochSecond(Long.parseLong(value.trim()) + 1);
        } catch (NumberFormatException unreadable) {
            return null;
        }
    }

    /** A header of a failed answer: twitter4j throws a NullPointerException for one that is missing. */
    private static String header(TwitterException failure, String name) {
        for (String spelling : new String[]{name, capitalised(name)}) {
            try {
                String value = failure.getResponseHeader(spelling);
                if (value != null) {
                    return value;
                }
            } catch (NullPointerException missing) {
                // not sent in this spelling
            }
        }
        return null;
    }

    private static String capitalised(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean start = true;
        for (char c : name.toCharArray()) {
            out.append(start ? Character.toUpperCase(c) : c);
            start = c == '-';
        }
        return out.toString();
    }

    /** The JSON body of X's error answer (empty when there is none): twitter4j keeps it in the message. */
    private static JSONObject errorBody(TwitterException failure) {
        String message = failure.getMessage();
        try {
            int start = message == null ? -1 : message.indexOf('{');
            int end = message == null ? -1 : message.lastIndexOf('}');
            if (start >= 0 && end > start) {
                return new JSONObject(message.substring(start, end + 1));
            }
        } catch (Exception notJson) {
            // not a JSON error body
        }
        return new JSONObject();
    }

    private static String problemType(JSONObject problem) {
        String type = problem.optString("type", "");
        return type.isEmpty() ? null : type.substring(type.lastIndexOf('/') + 1);
    }

    /**
     * X's own words for the problem, which name it and never echo what we sent: {@code detail}, else the first
     * {@code errors[].message} (where X puts webhook reasons and rate limits), else {@code title}.
     */
    private static String errorDetail(JSONObject problem, int status) {
        String detail = problem.optString("detail", "");
        if (detail.isEmpty() && problem.optJSONArray("errors") != null && problem.getJSONArray("errors").length() > 0) {
            detail = problem.getJSONArray("errors").getJSONObject(0).optString("message", "");
        }
        if (detail.isEmpty()) {
            detail = problem.optString("title", "");
        }
        return detail.isEmpty() ? "HTTP " + status : detail;
    }
}
