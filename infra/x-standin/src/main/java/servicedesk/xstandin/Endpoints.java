package servicedesk.xstandin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * X's endpoints, each checked as X checks it, in X's order: authentication (401), the account's state
 * (401/402/403/429), the credential's kind (403), the rate windows (429), then the request itself
 * (400/403) and, for writes, the injected failures. Section numbers ("§n") refer to
 * docs/x-api-reference.md.
 */
final class Endpoints {
    private static final Pattern ID = Pattern.compile("[0-9]{1,19}");

    /** Which credentials an endpoint takes (OA's security schemes, narrowed where X's prose is stricter). */
    enum Auth { USER, APP, EITHER }

    /** Who called: the IT account through OAuth 1.0a, or the app through its bearer token. */
    sealed interface Caller permits Caller.User, Caller.App {
        record User(String userId) implements Caller {
        }

        record App() implements Caller {
        }
    }

    /** A request as the handlers see it. */
    record Call(String method, String path, String rawQuery, List<Percent.Param> query, String scheme, String host,
                Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        String param(String name) {
            for (Percent.Param p : query) {
                if (p.name().equals(name)) {
                    return p.value();
                }
            }
            return null;
        }
    }

    private record Request(Call call, Caller caller, List<String> pathParams) {
        String path(int i) {
            return pathParams.get(i);
        }
    }

    private interface Handler {
        Answer handle(Request request);
    }

    private record Route(String method, Pattern path, Auth auth, String bucket, boolean write, Handler handler) {
    }

    /** The rate windows of each bucket, by caller kind (§10, RL). */
    private record Limits(List<RateLimiter.Limit> user, List<RateLimiter.Limit> app) {
    }

    private final Options options;
    private final XClock clock;
    private final World world;
    private final Hooks hooks;
    private final Stats stats;
    private final RateLimiter limiter = new RateLimiter();
    private final OAuth1 oauth;
    private final List<Route> routes = new ArrayList<>();
    private final Map<String, Limits> limits = new LinkedHashMap<>();
    private final Compliance compliance;

    private volatile AccountFailure accountFailure;
    private volatile RateLimitHeaders headerMode = RateLimitHeaders.STANDARD;
    private volatile boolean resetHeaderOn429 = true;
    private volatile boolean tokenRevoked;
    private final AtomicInteger dropNext = new AtomicInteger();
    private final AtomicInteger failNextBefore = new AtomicInteger();
    private final AtomicInteger failNextAfter = new AtomicInteger();

    Endpoints(Options options, XClock clock, World world, Hooks hooks, Stats stats) {
        this.options = options;
        this.clock = clock;
        this.world = world;
        this.hooks = hooks;
        this.stats = stats;
        this.oauth = new OAuth1(options.consumerKey(), options.consumerSecret(), options.accessToken(),
                options.accessTokenSecret(), options.oauthTimestampTolerance());
        this.compliance = new Compliance(clock, world);
        defineLimits();
        defineRoutes();
    }

    private void defineLimits() {
        limits.put("tweets.create", new Limits(List.of(XLimit.POSTS_PER_USER_15_MIN.limit(),
                XLimit.POSTS_PER_APP_24_HOURS.limit()), List.of()));
        limits.put("tweets.delete", new Limits(List.of(XLimit.POST_DELETES_PER_USER_15_MIN.limit()), List.of()));
        limits.put("tweets.lookup", new Limits(List.of(XLimit.POST_LOOKUPS_PER_USER_15_MIN.limit()),
                List.of(XLimit.POST_LOOKUPS_PER_APP_15_MIN.limit())));
        // The per-app daily DM cap is shared by all of the app's users, so user-context sends count against it.
        limits.put("dm.create", new Limits(List.of(XLimit.DMS_PER_USER_15_MIN.limit(),
                XLimit.DMS_PER_USER_24_HOURS.limit(), XLimit.DMS_PER_APP_24_HOURS.limit()), List.of()));
        limits.put("mentions", new Limits(List.of(XLimit.MENTIONS_PER_USER_15_MIN.limit()),
                List.of(XLimit.MENTIONS_PER_APP_15_MIN.limit())));
        limits.put("users.tweets", new Limits(List.of(XLimit.USER_POSTS_PER_USER_15_MIN.limit()),
                List.of(XLimit.USER_POSTS_PER_APP_15_MIN.limit())));
        limits.put("dm_events", new Limits(List.of(XLimit.DM_EVENTS_PER_USER_15_MIN.limit()), List.of()));
        limits.put("dm_events.with", new Limits(List.of(XLimit.DM_EVENTS_WITH_PER_USER_15_MIN.limit()), List.of()));
        limits.put("dm_events.conversation", new Limits(List.of(XLimit.DM_EVENTS_IN_CONVERSATION_PER_USER_15_MIN.limit()), List.of()));
        limits.put("users.me", new Limits(List.of(XLimit.USERS_ME_PER_USER_15_MIN.limit()), List.of()));
        limits.put("webhooks.POST", new Limits(List.of(), List.of(XLimit.WEBHOOKS_CREATE_PER_APP_15_MIN.limit())));
        limits.put("webhooks.GET", new Limits(List.of(), List.of(XLimit.WEBHOOKS_LIST_PER_APP_15_MIN.limit())));
        limits.put("webhooks.PUT", new Limits(List.of(), List.of(XLimit.WEBHOOKS_VALIDATE_PER_APP_15_MIN.limit())));
        limits.put("webhooks.DELETE", new Limits(List.of(), List.of(XLimit.WEBHOOKS_DELETE_PER_APP_15_MIN.limit())));
        limits.put("webhooks.replay", new Limits(List.of(), List.of(XLimit.REPLAY_PER_APP_15_MIN.limit())));
        // RL lists only a per-app figure for the activity subscription endpoints: it binds either caller.
        for (XLimit limit : List.of(XLimit.ACTIVITY_CREATE_PER_APP_15_MIN, XLimit.ACTIVITY_LIST_PER_APP_15_MIN,
                XLimit.ACTIVITY_UPDATE_PER_APP_15_MIN, XLimit.ACTIVITY_DELETE_PER_APP_15_MIN)) {
            String bucket = limit.limit().key().substring("app:".length());
            limits.put(bucket, new Limits(List.of(limit.limit()), List.of(limit.limit())));
        }
        // AAA subscription endpoints: no row in RL (not documented), so no window.
        limits.put("compliance.POST", new Limits(List.of(), List.of(XLimit.COMPLIANCE_CREATE_PER_APP_15_MIN.limit())));
        limits.put("compliance.GET", new Limits(List.of(), List.of(XLimit.COMPLIANCE_LOOKUP_PER_APP_15_MIN.limit())));
    }

    private void route(String method, String path, Auth auth, String bucket, boolean write, Handler handler) {
        routes.add(new Route(method, Pattern.compile(path), auth, bucket, write, handler));
    }

    private void defineRoutes() {
        String id = "([^/]+)";
        route("POST", "/2/tweets", Auth.USER, "tweets.create", true, this::createPost);
        route("DELETE", "/2/tweets/" + id, Auth.USER, "tweets.delete", false, this::deletePost);
        route("GET", "/2/tweets/" + id, Auth.EITHER, "tweets.lookup", false, this::lookupPost);
        route("POST", "/2/dm_conversations/with/" + id + "/messages", Auth.USER, "dm.create", true, this::sendDm);
        route("GET", "/2/users/me", Auth.USER, "users.me", false, this::me);
        route("GET", "/2/users/" + id + "/mentions", Auth.EITHER, "mentions", false, this::mentions);
        route("GET", "/2/users/" + id + "/tweets", Auth.EITHER, "users.tweets", false, this::userPosts);
        route("GET", "/2/dm_events", Auth.USER, "dm_events", false, this::dmEvents);
        route("GET", "/2/dm_conversations/with/" + id + "/dm_events", Auth.USER, "dm_events.with", false, this::dmEventsWith);
        route("GET", "/2/dm_conversations/" + id + "/dm_events", Auth.USER, "dm_events.conversation", false, this::dmEventsIn);
        // §6: X's prose says all webhook endpoints take the app-only bearer token; OA also lists user tokens.
        // The stricter reading is the one a desk can rely on.
        route("POST", "/2/webhooks", Auth.APP, "webhooks.POST", false, this::createWebhook);
        route("GET", "/2/webhooks", Auth.APP, "webhooks.GET", false, this::listWebhooks);
        route("POST", "/2/webhooks/replay", Auth.APP, "webhooks.replay", false, this::replay);
        route("PUT", "/2/webhooks/" + id, Auth.APP, "webhooks.PUT", false, this::revalidateWebhook);
        route("DELETE", "/2/webhooks/" + id, Auth.APP, "webhooks.DELETE", false, this::deleteWebhook);
        route("POST", "/2/account_activity/webhooks/" + id + "/subscriptions/all", Auth.USER, null, false, this::subscribeAccount);
        route("GET", "/2/account_activity/webhooks/" + id + "/subscriptions/all", Auth.USER, null, false, this::accountSubscribed);
        route("GET", "/2/account_activity/webhooks/" + id + "/subscriptions/all/list", Auth.APP, null, false, this::listAccountSubscriptions);
        route("DELETE", "/2/account_activity/webhooks/" + id + "/subscriptions/" + id + "/all", Auth.APP, null, false, this::unsubscribeAccount);
        route("GET", "/2/account_activity/subscriptions/count", Auth.APP, null, false, this::countAccountSubscriptions);
        route("POST", "/2/activity/subscriptions", Auth.EITHER, "activity.POST", false, this::createActivitySubscription);
        route("GET", "/2/activity/subscriptions", Auth.EITHER, "activity.GET", false, this::listActivitySubscriptions);
        route("DELETE", "/2/activity/subscriptions", Auth.APP, "activity.DELETE", false, this::deleteActivitySubscriptions);
        route("PUT", "/2/activity/subscriptions/" + id, Auth.EITHER, "activity.PUT", false, this::updateActivitySubscription);
        route("DELETE", "/2/activity/subscriptions/" + id, Auth.EITHER, "activity.DELETE", false, this::deleteActivitySubscription);
        // BC: batch compliance takes the app's bearer token, its signed URLs included (integrate.mdx); RL has
        // no row for the URLs.
        route("POST", "/2/compliance/jobs", Auth.APP, "compliance.POST", false, r -> compliance.create(r.call()));
        route("GET", "/2/compliance/jobs/" + id, Auth.APP, "compliance.GET", false, r -> compliance.lookup(r.call(), r.path(0)));
        route("PUT", "/2/compliance/jobs/" + id + "/upload", Auth.APP, null, false, r -> compliance.upload(r.call(), r.path(0)));
        route("GET", "/2/compliance/jobs/" + id + "/download", Auth.APP, null, false, r -> compliance.download(r.call(), r.path(0)));
    }

    Compliance compliance() {
        return compliance;
    }

    // ================================================================ dispatch

    Answer handle(Call call) {
        Answer answer;
        try {
            answer = dispatch(call);
        } catch (RuntimeException bug) {
            // A stand-in bug must show as one, not as something X would say.
            stats.internalError(call.method() + " " + call.path() + ": " + bug);
            answer = Answer.problem(500, Json.object().put("title", "Internal Error")
                    .put("detail", "The X stand-in failed: " + bug).put("type", Problems.X + "internal-error").put("status", 500));
        }
        stats.answered(answer);
        if (answer.status() == 429) {
            stats.rateLimited();
        }
        return answer;
    }

    private Answer dispatch(Call call) {
        Route route = null;
        List<String> params = List.of();
        boolean pathKnown = false;
        for (Route candidate : routes) {
            Matcher m = candidate.path().matcher(call.path());
            if (m.matches()) {
                pathKnown = true;
                if (candidate.method().equals(call.method())) {
                    route = candidate;
                    params = new ArrayList<>();
                    for (int i = 1; i <= m.groupCount(); i++) {
                        params.add(Percent.decode(m.group(i), false));
                    }
                    break;
                }
            }
        }
        if (route == null) {
            return pathKnown ? Answer.problem(405, Json.object().put("title", "Method Not Allowed")
                    .put("detail", call.method() + " is not allowed here").put("type", "about:blank").put("status", 405))
                    : Problems.notFound();
        }

        Caller caller = authenticate(call);
        if (caller == null || accountFailure == AccountFailure.CREDENTIALS_INVALID) {
            return Problems.unauthorized();
        }
        if (route.auth() == Auth.USER && caller instanceof Caller.App) {
            return Problems.unsupportedAuthentication(true);
        }
        if (route.auth() == Auth.APP && caller instanceof Caller.User) {
            return Problems.unsupportedAuthentication(false);
        }
        AccountFailure failure = accountFailure;
        // Tokens without the Direct Message permission still read the account and post: only DM endpoints refuse.
        if (failure == AccountFailure.APP_PERMISSIONS && !call.path().contains("/dm_")) {
            failure = null;
        }
        if (failure != null) {
            return switch (failure) {
                case CREDENTIALS_INVALID -> Problems.unauthorized();
                case CREDITS_DEPLETED -> Problems.creditsDepleted(options.appId());
                case USAGE_CAPPED -> Problems.usageCapped(options.appId());
                case CLIENT_FORBIDDEN -> Problems.clientForbidden(options.appId());
                case APP_PERMISSIONS -> Problems.oauth1Permissions();
            };
        }

        Map<String, String> rateHeaders = Map.of();
        if (route.bucket() != null) {
            Limits bucket = limits.get(route.bucket());
            List<RateLimiter.Limit> windows = caller instanceof Caller.User ? bucket.user() : bucket.app();
            if (!windows.isEmpty()) {
                RateLimiter.Decision decision = limiter.take(windows, clock.instant());
                rateHeaders = rateHeaders(decision);
                if (!decision.allowed()) {
                    Answer limited = Problems.rateLimited().withHeaders(rateHeaders);
                    if (!resetHeaderOn429) {
                        for (String name : rateHeaders.keySet()) {
                            if (name.endsWith("-reset")) {
                                limited = limited.withoutHeader(name);
                            }
                        }
                    }
                    return limited;
                }
            }
        }

        if (route.write() && take(failNextBefore)) {
            return Problems.serviceUnavailable().withHeaders(rateHeaders);
        }
        Answer answer = route.handler().handle(new Request(call, caller, params));
        if (route.write() && take(dropNext)) {
            return Answer.dropped();
        }
        if (route.write() && take(failNextAfter)) {
            return Problems.serviceUnavailable().withHeaders(rateHeaders);
        }
        return answer.withHeaders(rateHeaders);
    }

    private static boolean take(AtomicInteger counter) {
        return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    /** §10: {@code x-rate-limit-*} for the 15-minute window, and the 24-hour families when switched on. */
    private Map<String, String> rateHeaders(RateLimiter.Decision decision) {
        Map<String, String> headers = new LinkedHashMap<>();
        RateLimitHeaders mode = headerMode;
        if (mode == RateLimitHeaders.NONE) {
            return headers;
        }
        decision.shown().forEach((shown, snapshot) -> {
            String prefix = switch (shown) {
                case RATE -> "x-rate-limit";
                case USER_24_HOUR -> mode == RateLimitHeaders.WITH_24_HOUR ? "x-user-limit-24hour" : null;
                case APP_24_HOUR -> mode == RateLimitHeaders.WITH_24_HOUR ? "x-app-limit-24hour" : null;
            };
            if (prefix != null) {
                headers.put(prefix + "-limit", Integer.toString(snapshot.limit().max()));
                headers.put(prefix + "-remaining", Integer.toString(snapshot.remaining()));
                headers.put(prefix + "-reset", Long.toString(snapshot.reset().getEpochSecond()));
            }
        });
        return headers;
    }

    /**
     * §11: the bearer token must be exactly the one issued (its {@code %2B}/{@code %3D} kept, not decoded and
     * not encoded again); OAuth 1.0a must verify against the IT account's token. Null when neither holds.
     */
    private Caller authenticate(Call call) {
        String header = call.header("authorization");
        String what = call.method() + " " + call.path() + ": ";
        if (header == null) {
            stats.authFailed(what + "no Authorization header");
            return null;
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7);
            if (token.equals(options.bearerToken())) {
                return new Caller.App();
            }
            String decoded = Percent.decode(token, false);
            stats.authFailed(what + (decoded.equals(options.bearerToken())
                    ? "bearer token percent-encoded again (…%25…): send it as issued"
                    : token.equals(Percent.decode(options.bearerToken(), false))
                    ? "bearer token percent-decoded: send it as issued, %2B and %3D included"
                    : "unknown bearer token"));
            return null;
        }
        if (header.regionMatches(true, 0, "OAuth ", 0, 6)) {
            if (tokenRevoked) {
                stats.authFailed(what + "the IT account revoked the app's access");
                return null;
            }
            String host = call.host() == null ? "" : call.host().toLowerCase(java.util.Locale.ROOT);
            String scheme = call.scheme().toLowerCase(java.util.Locale.ROOT);
            if (("http".equals(scheme) && host.endsWith(":80")) || ("https".equals(scheme) && host.endsWith(":443"))) {
                host = host.substring(0, host.lastIndexOf(':'));
            }
            String baseUrl = scheme + "://" + host + call.path();
            List<Percent.Param> form = List.of();
            String contentType = call.header("content-type");
            if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                form = Percent.parseForm(call.body());
            }
            OAuth1.Check check = oauth.verify(call.method(), baseUrl, call.query(), form, header, java.time.Instant.now());
            if (check instanceof OAuth1.Check.Refused refused) {
                stats.authFailed(what + refused.reason());
                return null;
            }
            return new Caller.User(options.accountId());
        }
        stats.authFailed(what + "unknown Authorization scheme");
        return null;
    }

    // ================================================================ body and parameter checks

    /** A JSON object body, or the 400 X gives for anything else. */
    private static Object jsonObject(Call call) {
        JsonNode body = Json.parse(call.body());
        if (body == null || !body.isObject()) {
            return Problems.invalidRequest("Request body is not a valid JSON object.");
        }
        return body;
    }

    /** OA's {@code additionalProperties: false}: the JSON-schema validator's message, per unknown field. */
    private static Answer onlyFields(JsonNode object, String at, Set<String> allowed) {
        List<String> messages = new ArrayList<>();
        object.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                messages.add(at + "." + name + ": is not defined in the schema and the schema does not allow additional properties");
            }
        });
        return messages.isEmpty() ? null : Problems.invalidRequest(messages);
    }

    private static Answer unknownParameters(Call call, Set<String> allowed) {
        for (Percent.Param p : call.query()) {
            if (!allowed.contains(p.name())) {
                return Problems.invalidParameter(p.name(), p.value(),
                        "The query parameter [" + p.name() + "] is not one of " + new TreeSet<>(allowed));
            }
        }
        return null;
    }

    private static Answer badId(String name, String value) {
        return Problems.invalidParameter(name, value, "The `" + name + "` query parameter value [" + value + "] does not match ^[0-9]{1,19}$");
    }

    private static Answer badPathId(String name, String value) {
        return Problems.invalidParameter(name, value, "The `" + name + "` path parameter value [" + value + "] does not match ^[0-9]{1,19}$");
    }

    /** A comma-separated list from an enum, or a 400 naming the first value outside it. */
    private static Object csv(Call call, String name, Set<String> allowed) {
        String value = call.param(name);
        Set<String> out = new LinkedHashSet<>();
        if (value == null) {
            return out;
        }
        for (String item : value.split(",")) {
            if (!allowed.contains(item)) {
                return Problems.invalidParameter(name, item,
                        "The `" + name + "` query parameter value [" + item + "] is not one of " + new TreeSet<>(allowed));
            }
            out.add(item);
        }
        return out;
    }

    private static Object integer(Call call, String name, int min, int max, int dflt) {
        String value = call.param(name);
        if (value == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // falls through
        }
        return Problems.invalidParameter(name, value,
                "The `" + name + "` query parameter value [" + value + "] is not between " + min + " and " + max);
    }

    private static Object time(Call call, String name) {
        String value = call.param(name);
        if (value == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return Problems.invalidParameter(name, value,
                    "The `" + name + "` query parameter value [" + value + "] is not a valid RFC 3339 date-time");
        }
    }

    // Enums from OA 2.168 (classic names, as the wire uses them: §0 "spec vs. wire naming").
    static final Set<String> TWEET_FIELDS = Set.of("article", "attachments", "author_id", "card_uri", "community_id",
            "context_annotations", "conversation_id", "created_at", "display_text_range", "edit_controls",
            "edit_history_tweet_ids", "entities", "geo", "id", "in_reply_to_user_id", "lang", "media_metadata",
            "non_public_metrics", "note_tweet", "organic_metrics", "possibly_sensitive", "promoted_metrics",
            "public_metrics", "referenced_tweets", "reply_settings", "scopes", "source", "suggested_source_links",
            "text", "withheld");
    static final Set<String> USER_FIELDS = Set.of("affiliation", "connection_status", "created_at", "description",
            "entities", "id", "is_identity_verified", "location", "most_recent_tweet_id", "name", "parody",
            "pinned_tweet_id", "profile_banner_url", "profile_image_url", "protected", "public_metrics",
            "receives_your_dm", "subscription", "subscription_type", "url", "username", "verified",
            "verified_followers_count", "verified_type", "withheld");
    static final Set<String> TWEET_EXPANSIONS = Set.of("article.cover_media", "article.media_entities",
            "attachments.media_keys", "attachments.media_source_tweet", "attachments.poll_ids", "author_id",
            "edit_history_tweet_ids", "entities.mentions.username", "geo.place_id", "in_reply_to_user_id",
            "entities.note.mentions.username", "referenced_tweets.id", "referenced_tweets.id.attachments.media_keys",
            "referenced_tweets.id.author_id");
    /** §3: OA's enum and DLI's prose disagree ({@code sender_id}); both are accepted. */
    static final Set<String> DM_FIELDS = Set.of("attachments", "created_at", "dm_conversation_id", "entities",
            "event_type", "id", "participant_ids", "referenced_tweets", "sender_id", "text");
    static final Set<String> DM_EXPANSIONS = Set.of("attachments.media_keys", "participant_ids", "referenced_tweets.id",
            "sender_id");
    static final Set<String> DM_EVENT_TYPES = Set.of("MessageCreate", "ParticipantsJoin", "ParticipantsLeave");
    private static final Set<String> MEDIA_AND_CO = Set.of("media.fields", "place.fields", "poll.fields");

    // ================================================================ posts (§1, §4, §5)

    private static final Set<String> CREATE_POST_FIELDS = Set.of("card_uri", "community_id", "direct_message_deep_link",
            "edit_options", "for_super_followers_only", "geo", "made_with_ai", "media", "nullcast", "paid_partnership",
            "poll", "quote_tweet_id", "reply", "reply_settings", "share_with_followers", "text");
    private static final Set<String> REPLY_SETTINGS = Set.of("following", "mentionedUsers", "subscribers", "verified");

    /** POST /2/tweets (§1): OA's body rules, then X's refusals, then the post — and its webhook echo. */
    private Answer createPost(Request request) {
        Object parsed = jsonObject(request.call());
        if (parsed instanceof Answer refused) {
            return refused;
        }
        JsonNode body = (JsonNode) parsed;
        Answer extra = onlyFields(body, "$", CREATE_POST_FIELDS);
        if (extra != null) {
            return extra;
        }
        JsonNode text = body.get("text");
        if (text != null && !text.isTextual()) {
            return Problems.invalidRequest("$.text: " + text.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " found, string expected");
        }
        if (body.has("media")) {
            // The stand-in has no media upload: any media id is unknown to it, as an unuploaded one is to X.
            return Problems.invalidRequest("Your media IDs are invalid.");
        }
        String original = text == null ? "" : text.asText();
        if (original.isBlank()) {
            return Problems.invalidRequest("$.text: a post needs text or media");
        }
        if (body.has("reply_settings") && !REPLY_SETTINGS.contains(body.get("reply_settings").asText())) {
            return Problems.invalidRequest("$.reply_settings: does not have a value in the enumeration " + new TreeSet<>(REPLY_SETTINGS));
        }
        String inReplyTo = null;
        JsonNode reply = body.get("reply");
        if (reply != null) {
            if (!reply.isObject()) {
                return Problems.invalidRequest("$.reply: object expected");
            }
            extra = onlyFields(reply, "$.reply", Set.of("in_reply_to_tweet_id", "exclude_reply_user_ids", "auto_populate_reply_metadata"));
            if (extra != null) {
                return extra;
            }
            JsonNode target = reply.get("in_reply_to_tweet_id");
            if (target == null) {
                return Problems.invalidRequest("$.reply.in_reply_to_tweet_id: is missing but it is required");
            }
            if (!target.isTextual() || !ID.matcher(target.asText()).matches()) {
                return Problems.invalidRequest("$.reply.in_reply_to_tweet_id: does not match the regex pattern ^[0-9]{1,19}$");
            }
            inReplyTo = target.asText();
        }
        String quoted = null;
        if (body.has("quote_tweet_id")) {
            JsonNode quote = body.get("quote_tweet_id");
            if (!quote.isTextual() || !ID.matcher(quote.asText()).matches()) {
                return Problems.invalidRequest("$.quote_tweet_id: does not match the regex pattern ^[0-9]{1,19}$");
            }
            if (options.selfServe()) {
                return Problems.quoteNotAllowed();
            }
            quoted = quote.asText();
        }
        int length = Text.weightedLength(original);
        if (length > options.maxPostLength()) {
            // Status not documented: X's own validation answers 400 for bodies it will not accept.
            return Problems.invalidRequest("$.text: the text is " + length + " weighted characters; the limit is "
                    + options.maxPostLength() + " (links count as " + Text.TCO_LENGTH + ")");
        }
        if (Text.cashtags(original) > 1) {
            return Problems.tooManyCashtags();
        }
        String account = options.accountId();
        if (inReplyTo != null) {
            Post parent = world.livePost(inReplyTo);
            if (parent == null || world.blocksAccount(parent.authorId()) || world.accountBlocks(parent.authorId())) {
                return Problems.replyTargetNotVisible();
            }
            if (options.selfServe() && !summoned(parent, account)) {
                return Problems.replyNotAllowed();
            }
        }
        Instant now = clock.instant();
        String trimmed = original.strip();
        for (Post earlier : world.posts(p -> p.authorId().equals(account))) {
            if (earlier.originalText().strip().equals(trimmed)) {
                // Field report (§1): X refuses the same text again. Not documented how far back X looks:
                // every live post of the account, the strictest reading.
                stats.duplicate(Stats.duplicate(Duplicate.Kind.POST, account, original, earlier.createdAt(), now));
                return Problems.duplicateContent();
            }
        }
        Post post = world.createPost(account, original, inReplyTo, quoted, now, true);
        hooks.publish(new Event.PostCreated(post));
        ObjectNode data = Json.object();
        ObjectNode created = data.putObject("data");
        created.put("id", post.id());
        created.put("text", Text.escapeHtml(post.text()));
        created.putArray("edit_history_tweet_ids").add(post.id());
        return Answer.json(201, data);
    }

    /**
     * MTG (self-serve, since 2026-02): a reply only where the parent's author summoned the account — the
     * parent @mentions it or quotes one of its posts. Field reports (the 403's own words, "where you are
     * mentioned or are the author", and replies threaded under one's own posts working) add the account's own
     * posts.
     */
    private boolean summoned(Post parent, String account) {
        if (parent.authorId().equals(account) || parent.entities().mentions(account)) {
            return true;
        }
        Post quoted = parent.quotedId() == null ? null : world.post(parent.quotedId());
        return quoted != null && quoted.authorId().equals(account);
    }

    /** DELETE /2/tweets/:id: the account's own post only; {@code data.deleted} (OA). */
    private Answer deletePost(Request request) {
        String id = request.path(0);
        if (!ID.matcher(id).matches()) {
            return badPathId("id", id);
        }
        Post post = world.livePost(id);
        if (post == null) {
            ObjectNode body = Json.object();
            body.putObject("data").put("deleted", false);
            return Answer.json(200, body);
        }
        if (!post.authorId().equals(options.accountId())) {
            return Answer.problem(403, Json.object().put("title", "Forbidden")
                    .put("detail", "You are not allowed to delete a Tweet that is not your own.").put("type", "about:blank").put("status", 403));
        }
        world.delete(id);
        hooks.publish(new Event.PostDeleted(post, clock.instant()));
        ObjectNode body = Json.object();
        body.putObject("data").put("deleted", true);
        return Answer.json(200, body);
    }

    private static final Set<String> LOOKUP_PARAMS = union(Set.of("tweet.fields", "expansions", "user.fields"), MEDIA_AND_CO);

    /** GET /2/tweets/:id; a missing or deleted post is a 200 with a partial error (RC), not a 404. */
    private Answer lookupPost(Request request) {
        Call call = request.call();
        String id = request.path(0);
        if (!ID.matcher(id).matches()) {
            return badPathId("id", id);
        }
        Answer unknown = unknownParameters(call, LOOKUP_PARAMS);
        if (unknown != null) {
            return unknown;
        }
        Object fields = csv(call, "tweet.fields", TWEET_FIELDS);
        Object expansions = csv(call, "expansions", TWEET_EXPANSIONS);
        Object userFields = csv(call, "user.fields", USER_FIELDS);
        for (Object o : List.of(fields, expansions, userFields)) {
            if (o instanceof Answer a) {
                return a;
            }
        }
        Post post = world.livePost(id);
        ObjectNode body = Json.object();
        if (post == null) {
            body.putArray("errors").addObject()
                    .put("value", id).put("detail", "Could not find tweet with id: [" + id + "].")
                    .put("title", "Not Found Error").put("resource_type", "tweet").put("parameter", "id")
                    .put("resource_id", id).put("type", Problems.TWITTER + "resource-not-found");
            return Answer.json(200, body);
        }
        body.set("data", Payloads.v2Post(post, cast(fields)));
        ObjectNode includes = includes(List.of(post), cast(expansions), cast(userFields));
        if (!includes.isEmpty()) {
            body.set("includes", includes);
        }
        return Answer.json(200, body);
    }

    private static final Set<String> TIMELINE_PARAMS = union(Set.of("max_results", "pagination_token", "since_id",
            "until_id", "start_time", "end_time", "tweet.fields", "expansions", "user.fields"), MEDIA_AND_CO);

    /**
     * GET /2/users/:id/mentions (§4): posts that mention the user or reply to their posts, newest first, the
     * 800 most recent (TLI), filtered by since/until id and time, paged.
     */
    private Answer mentions(Request request) {
        String user = request.path(0);
        if (!ID.matcher(user).matches()) {
            return badPathId("id", user);
        }
        List<Post> candidates = world.posts(p -> !p.authorId().equals(user)
                && (p.entities().mentions(user) || user.equals(p.inReplyToUserId())));
        return timeline(request.call(), candidates.subList(0, Math.min(800, candidates.size())), TIMELINE_PARAMS);
    }

    /** GET /2/users/:id/tweets (§5): the user's own posts, 3,200 most recent (800 without replies). */
    private Answer userPosts(Request request) {
        Call call = request.call();
        String user = request.path(0);
        if (!ID.matcher(user).matches()) {
            return badPathId("id", user);
        }
        Object exclude = csv(call, "exclude", Set.of("replies", "retweets"));
        if (exclude instanceof Answer a) {
            return a;
        }
        boolean noReplies = cast(exclude).contains("replies");
        List<Post> candidates = world.posts(p -> p.authorId().equals(user) && !(noReplies && p.isReply()));
        int cap = noReplies ? 800 : 3_200;
        return timeline(call, candidates.subList(0, Math.min(cap, candidates.size())), union(TIMELINE_PARAMS, Set.of("exclude")));
    }

    private Answer timeline(Call call, List<Post> newestFirst, Set<String> allowed) {
        Answer unknown = unknownParameters(call, allowed);
        if (unknown != null) {
            return unknown;
        }
        // OA: 5..100; the default (not stated in OA) is X's usual 10.
        Object max = integer(call, "max_results", 5, 100, 10);
        Object fields = csv(call, "tweet.fields", TWEET_FIELDS);
        Object expansions = csv(call, "expansions", TWEET_EXPANSIONS);
        Object userFields = csv(call, "user.fields", USER_FIELDS);
        Object start = time(call, "start_time");
        Object end = time(call, "end_time");
        for (Object o : Arrays.asList(max, fields, expansions, userFields, start, end)) {
            if (o instanceof Answer a) {
                return a;
            }
        }
        String sinceId = call.param("since_id");
        String untilId = call.param("until_id");
        if (sinceId != null && !ID.matcher(sinceId).matches()) {
            return badId("since_id", sinceId);
        }
        if (untilId != null && !ID.matcher(untilId).matches()) {
            return badId("until_id", untilId);
        }
        if (sinceId != null && untilId != null && World.idValue(sinceId) >= World.idValue(untilId)) {
            return Problems.invalidParameter("since_id", sinceId, "since_id must be less than until_id");
        }
        if (start != null && end != null && !((Instant) start).isBefore((Instant) end)) {
            return Problems.invalidParameter("start_time", call.param("start_time"), "start_time must be earlier than end_time");
        }
        Predicate<Post> window = p -> (sinceId == null || World.idValue(p.id()) > World.idValue(sinceId))
                && (untilId == null || World.idValue(p.id()) < World.idValue(untilId))
                && (start == null || !p.createdAt().isBefore((Instant) start))
                && (end == null || p.createdAt().isBefore((Instant) end));
        List<Post> matching = newestFirst.stream().filter(window).toList();
        Page<Post> page = page(call, matching, (Integer) max, Post::id);
        if (page.refused() != null) {
            return page.refused();
        }
        ObjectNode body = Json.object();
        if (!page.items().isEmpty()) {
            ArrayNode data = body.putArray("data");
            page.items().forEach(p -> data.add(Payloads.v2Post(p, cast(fields))));
            ObjectNode includes = includes(page.items(), cast(expansions), cast(userFields));
            if (!includes.isEmpty()) {
                body.set("includes", includes);
            }
        }
        ObjectNode meta = body.putObject("meta");
        if (!page.items().isEmpty()) {
            meta.put("newest_id", page.items().get(0).id());
            meta.put("oldest_id", page.items().get(page.items().size() - 1).id());
        }
        meta.put("result_count", page.items().size());
        if (page.next() != null) {
            meta.put("next_token", page.next());
        }
        if (page.previous() != null) {
            meta.put("previous_token", page.previous());
        }
        return Answer.json(200, body);
    }

    private ObjectNode includes(List<Post> posts, Set<String> expansions, Set<String> userFields) {
        ObjectNode includes = Json.object();
        Set<String> userIds = new LinkedHashSet<>();
        List<Post> referenced = new ArrayList<>();
        for (Post post : posts) {
            if (expansions.contains("author_id")) {
                userIds.add(post.authorId());
            }
            if (expansions.contains("in_reply_to_user_id") && post.inReplyToUserId() != null) {
                userIds.add(post.inReplyToUserId());
            }
            if (expansions.contains("entities.mentions.username")) {
                post.entities().mentions().forEach(m -> userIds.add(m.id()));
            }
            if (expansions.contains("referenced_tweets.id") || expansions.contains("referenced_tweets.id.author_id")) {
                for (String ref : Arrays.asList(post.inReplyToId(), post.quotedId())) {
                    Post target = ref == null ? null : world.livePost(ref);
                    if (target != null) {
                        if (expansions.contains("referenced_tweets.id")) {
                            referenced.add(target);
                        }
                        if (expansions.contains("referenced_tweets.id.author_id")) {
                            userIds.add(target.authorId());
                        }
                    }
                }
            }
        }
        if (!userIds.isEmpty()) {
            ArrayNode users = includes.putArray("users");
            userIds.forEach(id -> users.add(Payloads.v2User(world.userOrPlaceholder(id), userFields)));
        }
        if (!referenced.isEmpty()) {
            // §4: the wire key is "tweets" (XEP), not OA's "posts".
            ArrayNode tweets = includes.putArray("tweets");
            referenced.forEach(p -> tweets.add(Payloads.v2Post(p, Set.of("author_id", "created_at", "conversation_id"))));
        }
        return includes;
    }

    // ================================================================ pagination

    private record Page<T>(List<T> items, String next, String previous, Answer refused) {
    }

    /**
     * X's tokens are opaque base32hex strings (OA: "A base32hex-encoded pagination token", minLength 16 on
     * the DM endpoints). Here a token names the id a page continues from, older ("n") or newer ("p").
     */
    private static <T> Page<T> page(Call call, List<T> newestFirst, int max, java.util.function.Function<T, String> id) {
        String token = call.param("pagination_token");
        List<T> candidates = newestFirst;
        boolean paged = token != null;
        if (paged) {
            String decoded = Base32Hex.decode(token);
            if (decoded == null || decoded.length() < 2 || !(decoded.startsWith("n") || decoded.startsWith("p"))
                    || !ID.matcher(decoded.substring(1)).matches()) {
                return new Page<>(List.of(), null, null, Problems.invalidParameter("pagination_token", token,
                        "The `pagination_token` query parameter value [" + token + "] is not a valid pagination token"));
            }
            long from = World.idValue(decoded.substring(1));
            if (decoded.startsWith("n")) {
                candidates = newestFirst.stream().filter(t -> World.idValue(id.apply(t)) < from).toList();
            } else {
                List<T> newer = newestFirst.stream().filter(t -> World.idValue(id.apply(t)) > from).toList();
                candidates = newer.subList(Math.max(0, newer.size() - max), newer.size());
            }
        }
        List<T> items = candidates.subList(0, Math.min(max, candidates.size()));
        String next = null;
        String previous = null;
        if (!items.isEmpty()) {
            String oldest = id.apply(items.get(items.size() - 1));
            String newest = id.apply(items.get(0));
            if (newestFirst.stream().anyMatch(t -> World.idValue(id.apply(t)) < World.idValue(oldest))) {
                next = Base32Hex.encode("n" + oldest);
            }
            if (paged && newestFirst.stream().anyMatch(t -> World.idValue(id.apply(t)) > World.idValue(newest))) {
                previous = Base32Hex.encode("p" + newest);
            }
        }
        return new Page<>(items, next, previous, null);
    }

    // ================================================================ Direct Messages (§2, §3)

    /** DMI, RFC: OA's text has minLength 1 and no maximum; X's v1.1 DM reference allowed 10,000 characters. */
    static final int MAX_DM_LENGTH = 10_000;

    /** POST /2/dm_conversations/with/:participant_id/messages (§2). */
    private Answer sendDm(Request request) {
        String recipient = request.path(0);
        if (!ID.matcher(recipient).matches()) {
            return badPathId("participant_id", recipient);
        }
        Object parsed = jsonObject(request.call());
        if (parsed instanceof Answer refused) {
            return refused;
        }
        JsonNode body = (JsonNode) parsed;
        Answer extra = onlyFields(body, "$", Set.of("text", "attachments"));
        if (extra != null) {
            return extra;
        }
        if (!body.has("text") && !body.has("attachments")) {
            return Problems.invalidRequest("$: at least one of text, attachments is required");
        }
        if (body.has("attachments")) {
            // No media upload here: an attachment's media id is always unknown, as X's would be without upload.
            return Problems.invalidRequest("$.attachments: the media id is not a media uploaded by this user in the last 24 hours");
        }
        JsonNode text = body.get("text");
        if (!text.isTextual()) {
            return Problems.invalidRequest("$.text: string expected");
        }
        if (text.asText().isEmpty()) {
            return Problems.invalidRequest("$.text: must be at least 1 characters long");
        }
        if (Text.codePoints(text.asText()) > MAX_DM_LENGTH) {
            return Problems.invalidRequest("$.text: must be at most " + MAX_DM_LENGTH + " characters long");
        }
        String account = options.accountId();
        if (recipient.equals(account) || !world.acceptsDms(recipient) || world.blocksAccount(recipient)
                || world.accountBlocks(recipient)) {
            return Problems.recipientNotMessageable();
        }
        Instant now = clock.instant();
        for (DmEvent earlier : world.dms(d -> d.viaApi() && d.recipientId().equals(recipient))) {
            if (earlier.text().equals(text.asText())) {
                // X sends it again: the duplicate reaches the person. Recorded for the tests' "0 duplicates".
                stats.duplicate(Stats.duplicate(Duplicate.Kind.DM, recipient, text.asText(), earlier.createdAt(), now));
                break;
            }
        }
        DmEvent dm = world.createDm(account, recipient, text.asText(), now, true);
        // WQ, AAI: a DM sent through the API is delivered to the webhook too.
        hooks.publish(new Event.DmCreated(dm));
        ObjectNode answer = Json.object();
        answer.putObject("data").put("dm_conversation_id", dm.conversationId()).put("dm_event_id", dm.id());
        return Answer.json(201, answer);
    }

    private static final Set<String> DM_PARAMS = Set.of("max_results", "pagination_token", "event_types",
            "dm_event.fields", "expansions", "user.fields", "tweet.fields", "media.fields");

    private Answer dmEvents(Request request) {
        String account = options.accountId();
        return dmTimeline(request.call(), d -> d.senderId().equals(account) || d.recipientId().equals(account));
    }

    private Answer dmEventsWith(Request request) {
        String other = request.path(0);
        if (!ID.matcher(other).matches()) {
            return badPathId("participant_id", other);
        }
        String conversation = World.conversationId(options.accountId(), other);
        return dmTimeline(request.call(), d -> d.conversationId().equals(conversation));
    }

    private Answer dmEventsIn(Request request) {
        String conversation = request.path(0);
        if (!conversation.matches("[0-9]{1,19}-[0-9]{1,19}|[0-9]{15,19}")) {
            return Problems.invalidParameter("id", conversation,
                    "The `id` path parameter value [" + conversation + "] does not match ^([0-9]{1,19}-[0-9]{1,19}|[0-9]{15,19})$");
        }
        String account = options.accountId();
        if (conversation.contains("-") && !Arrays.asList(conversation.split("-")).contains(account)) {
            return Answer.problem(403, Json.object().put("title", "Forbidden")
                    .put("detail", "You are not a participant of this conversation.").put("type", Problems.X + "not-authorized-for-resource").put("status", 403));
        }
        return dmTimeline(request.call(), d -> d.conversationId().equals(conversation));
    }

    /** §3: newest first, 30 days back, {@code event_types}, {@code dm_event.fields}, expansions, paging. */
    private Answer dmTimeline(Call call, Predicate<DmEvent> which) {
        Answer unknown = unknownParameters(call, DM_PARAMS);
        if (unknown != null) {
            return unknown;
        }
        Object max = integer(call, "max_results", 1, 100, 100);
        Object types = csv(call, "event_types", DM_EVENT_TYPES);
        Object fields = csv(call, "dm_event.fields", DM_FIELDS);
        Object expansions = csv(call, "expansions", DM_EXPANSIONS);
        Object userFields = csv(call, "user.fields", USER_FIELDS);
        Object tweetFields = csv(call, "tweet.fields", TWEET_FIELDS);
        for (Object o : Arrays.asList(max, types, fields, expansions, userFields, tweetFields)) {
            if (o instanceof Answer a) {
                return a;
            }
        }
        String token = call.param("pagination_token");
        if (token != null && token.length() < 16) {
            return Problems.invalidParameter("pagination_token", token,
                    "The `pagination_token` query parameter value [" + token + "] is not between 16 and 2147483647 characters long");
        }
        Set<String> wanted = cast(types).isEmpty() ? DM_EVENT_TYPES : cast(types);
        Instant horizon = clock.instant().minus(Duration.ofDays(30));
        List<DmEvent> events = wanted.contains("MessageCreate")
                ? world.dms(d -> which.test(d) && !d.createdAt().isBefore(horizon)) : List.of();
        Page<DmEvent> page = page(call, events, (Integer) max, DmEvent::id);
        if (page.refused() != null) {
            return page.refused();
        }
        ObjectNode body = Json.object();
        if (!page.items().isEmpty()) {
            ArrayNode data = body.putArray("data");
            page.items().forEach(d -> data.add(Payloads.dmEvent(d, cast(fields))));
            Set<String> userIds = new LinkedHashSet<>();
            if (cast(expansions).contains("sender_id")) {
                page.items().forEach(d -> userIds.add(d.senderId()));
            }
            if (!userIds.isEmpty()) {
                ArrayNode users = body.putObject("includes").putArray("users");
                userIds.forEach(id -> users.add(Payloads.v2User(world.userOrPlaceholder(id), cast(userFields))));
            }
        }
        ObjectNode meta = body.putObject("meta");
        meta.put("result_count", page.items().size());
        if (page.next() != null) {
            meta.put("next_token", pad(page.next()));
        }
        if (page.previous() != null) {
            meta.put("previous_token", pad(page.previous()));
        }
        return Answer.json(200, body);
    }

    /** Keeps DM tokens at OA's minimum length of 16 (base32hex padding decodes to nothing). */
    private static String pad(String token) {
        StringBuilder out = new StringBuilder(token);
        while (out.length() < 16) {
            out.append('=');
        }
        return out.toString();
    }

    // ================================================================ users

    /** GET /2/users/me: the cheapest proof that the credentials (and the credits) work. */
    private Answer me(Request request) {
        Answer unknown = unknownParameters(request.call(), Set.of("user.fields", "expansions", "tweet.fields"));
        if (unknown != null) {
            return unknown;
        }
        Object userFields = csv(request.call(), "user.fields", USER_FIELDS);
        if (userFields instanceof Answer a) {
            return a;
        }
        ObjectNode body = Json.object();
        body.set("data", Payloads.v2User(world.user(options.accountId()), cast(userFields)));
        return Answer.json(200, body);
    }

    // ================================================================ webhooks (§6)

    private static Answer refusedHook(Hooks.Refused refused) {
        return Problems.invalidRequest(refused.getMessage());
    }

    private Answer createWebhook(Request request) {
        Object parsed = jsonObject(request.call());
        if (parsed instanceof Answer refused) {
            return refused;
        }
        JsonNode url = ((JsonNode) parsed).get("url");
        if (url == null) {
            return Problems.invalidRequest("$.url: is missing but it is required");
        }
        if (!url.isTextual() || url.asText().isEmpty() || url.asText().length() > 200) {
            return Problems.invalidRequest("$.url: must be a string of 1 to 200 characters");
        }
        try {
            Hooks.Webhook webhook = hooks.create(url.asText());
            ObjectNode body = Json.object();
            body.set("data", webhook.json());
            return Answer.json(200, body);
        } catch (Hooks.Refused refused) {
            return refusedHook(refused);
        }
    }

    private Answer listWebhooks(Request request) {
        Answer unknown = unknownParameters(request.call(), Set.of("webhook_config.fields"));
        if (unknown != null) {
            return unknown;
        }
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        hooks.webhooks().forEach(w -> data.add(w.json()));
        body.putObject("meta").put("result_count", data.size());
        return Answer.json(200, body);
    }

    private Answer revalidateWebhook(Request request) {
        String id = request.path(0);
        Hooks.Webhook webhook = ID.matcher(id).matches() ? hooks.webhook(id) : null;
        if (webhook == null) {
            return Problems.invalidRequest("WebhookIdInvalid: Webhook id " + id + " is not a webhook of this application.");
        }
        // WQ/WI: a failed check is a 400 CrcValidationFailed; a passed one the documented 200 {"data":{"valid":true}}.
        if (!hooks.revalidate(webhook)) {
            return Problems.invalidRequest("CrcValidationFailed: The webhook did not answer the CRC request with the expected response_token.");
        }
        ObjectNode body = Json.object();
        body.putObject("data").put("valid", true);
        return Answer.json(200, body);
    }

    private Answer deleteWebhook(Request request) {
        String id = request.path(0);
        if (!ID.matcher(id).matches() || !hooks.delete(id)) {
            return Problems.invalidRequest("WebhookIdInvalid: Webhook id " + id + " is not a webhook of this application.");
        }
        ObjectNode body = Json.object();
        body.putObject("data").put("deleted", true);
        return Answer.json(200, body);
    }

    private static final DateTimeFormatter REPLAY_DATE = DateTimeFormatter.ofPattern("yyyyMMddHHmm");

    /**
     * POST /2/webhooks/replay (§6.5): webhook_id, from_date and to_date ({@code yyyymmddhhmm}, UTC, both
     * inclusive per OA) from the last 24 hours. With {@code strictReplayTiming}, AAA replay's rules too
     * (from_date at least 31 and to_date at least 10 minutes old). Errors are not documented for this
     * endpoint: AAA's reason names are used.
     */
    private Answer replay(Request request) {
        Object parsed = jsonObject(request.call());
        if (parsed instanceof Answer refused) {
            return refused;
        }
        JsonNode body = (JsonNode) parsed;
        List<String> missing = new ArrayList<>();
        for (String field : List.of("webhook_id", "from_date", "to_date")) {
            if (!body.hasNonNull(field)) {
                missing.add("$." + field + ": is missing but it is required");
            }
        }
        if (!missing.isEmpty()) {
            return Problems.invalidRequest(missing);
        }
        String webhookId = body.get("webhook_id").asText();
        if (!ID.matcher(webhookId).matches()) {
            return Problems.invalidRequest("$.webhook_id: does not match the regex pattern ^[0-9]{1,19}$");
        }
        Instant from;
        Instant to;
        try {
            from = replayDate(body.get("from_date").asText(), "from_date");
            to = replayDate(body.get("to_date").asText(), "to_date");
        } catch (IllegalArgumentException bad) {
            return Problems.invalidRequest(bad.getMessage());
        }
        Hooks.Webhook webhook = hooks.webhook(webhookId);
        if (webhook == null) {
            return Problems.invalidRequest("WebhookIdInvalid: Webhook id " + webhookId + " is not a webhook of this application.");
        }
        Instant now = clock.instant();
        if (from.isAfter(to)) {
            return Problems.invalidRequest("QueryParamInvalid: from_date must not be after to_date.");
        }
        if (from.isBefore(now.minus(Duration.ofHours(24)))) {
            return Problems.invalidRequest("QueryParamInvalid: from_date must be within the last 24 hours.");
        }
        if (to.isAfter(now)) {
            return Problems.invalidRequest("QueryParamInvalid: to_date must not be in the future.");
        }
        if (options.strictReplayTiming()) {
            if (from.isAfter(now.minus(Duration.ofMinutes(31)))) {
                return Problems.invalidRequest("QueryParamInvalid: from_date must be at least 31 minutes ago.");
            }
            if (to.isAfter(now.minus(Duration.ofMinutes(10)))) {
                return Problems.invalidRequest("QueryParamInvalid: to_date must be at least 10 minutes ago.");
            }
        }
        String jobId = world.nextId(now);
        // to_date names a minute: inclusive means every event in that minute.
        hooks.replay(webhook, from, to.plus(Duration.ofMinutes(1)).minusNanos(1), jobId);
        ObjectNode answer = Json.object();
        answer.putObject("data").put("job_id", jobId).put("created_at", Payloads.v2Time(now));
        return Answer.json(200, answer);
    }

    private static Instant replayDate(String value, String name) {
        if (!value.matches("[0-9]{12}")) {
            throw new IllegalArgumentException("$." + name + ": does not match the regex pattern ^[0-9]{12}$");
        }
        try {
            return LocalDateTime.parse(value, REPLAY_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("QueryParamInvalid: " + name + " is not a valid yyyymmddhhmm date.");
        }
    }

    // ================================================================ Account Activity (§7)

    /** POST …/subscriptions/all subscribes the authenticating user; AAQ's curl sends no body, OA wants {}. */
    private Answer subscribeAccount(Request request) {
        String body = request.call().body();
        if (body != null && !body.isBlank()) {
            JsonNode parsed = Json.parse(body);
            if (parsed == null || !parsed.isObject()) {
                return Problems.invalidRequest("Request body is not a valid JSON object.");
            }
        }
        try {
            hooks.subscribeAccountActivity(request.path(0), ((Caller.User) request.caller()).userId());
            ObjectNode answer = Json.object();
            answer.putObject("data").put("subscribed", true);
            return Answer.json(200, answer);
        } catch (Hooks.Refused refused) {
            return refusedHook(refused);
        }
    }

    private Answer accountSubscribed(Request request) {
        try {
            boolean subscribed = hooks.accountActivitySubscribed(request.path(0), ((Caller.User) request.caller()).userId());
            ObjectNode answer = Json.object();
            answer.putObject("data").put("subscribed", subscribed);
            return Answer.json(200, answer);
        } catch (Hooks.Refused refused) {
            return refusedHook(refused);
        }
    }

    private Answer listAccountSubscriptions(Request request) {
        String webhookId = request.path(0);
        try {
            List<String> users = hooks.accountActivitySubscriptions(webhookId);
            ObjectNode answer = Json.object();
            ObjectNode data = answer.putObject("data");
            data.put("application_id", options.appId());
            data.put("webhook_id", webhookId);
            data.put("webhook_url", hooks.webhook(webhookId).url);
            ArrayNode subscriptions = data.putArray("subscriptions");
            users.forEach(u -> subscriptions.addObject().put("user_id", u));
            return Answer.json(200, answer);
        } catch (Hooks.Refused refused) {
            return refusedHook(refused);
        }
    }

    private Answer unsubscribeAccount(Request request) {
        try {
            hooks.unsubscribeAccountActivity(request.path(0), request.path(1));
            ObjectNode answer = Json.object();
            answer.putObject("data").put("subscribed", false);
            return Answer.json(200, answer);
        } catch (Hooks.Refused refused) {
            return refusedHook(refused);
        }
    }

    private Answer countAccountSubscriptions(Request request) {
        ObjectNode answer = Json.object();
        ObjectNode data = answer.putObject("data");
        // AAQ, OA: the counts are strings.
        data.put("account_name", options.appId());
        data.put("provisioned_count", "3");
        data.put("subscriptions_count_all", Integer.toString(hooks.accountActivityCount()));
        data.put("subscriptions_count_direct_messages", "0");
        return Answer.json(200, answer);
    }

    // ================================================================ X Activity API (§8)

    static final Set<String> ACTIVITY_EVENT_TYPES = Set.of("profile.update.bio", "profile.update.profile_picture",
            "profile.update.banner_picture", "profile.update.screenname", "profile.update.geo", "profile.update.url",
            "profile.update.verified_badge", "profile.update.affiliate_badge", "profile.update.handle", "news.new",
            "follow.follow", "follow.unfollow", "subscriptions.subscribe", "subscriptions.unsubscribe", "spaces.start",
            "spaces.end", "broadcast.start", "broadcast.end", "broadcast.chat", "chat.received", "chat.sent",
            "chat.conversation.join", "chat.conversation_join", "chat.conversation.member_added",
            "chat.conversation.member_removed", "chat.conversation.admin_added", "chat.conversation.admin_removed",
            "chat.update.group_name", "chat.update.restrictions", "dm.sent", "dm.received", "dm.indicate_typing",
            "dm.read", "post.create", "post.delete", "post.mention.create", "post.reply.create", "post.quote.create",
            "post.repost.create", "like.create", "mute.mute", "mute.unmute", "block.block", "block.unblock");
    /** PR250 (2026-07-06): self-serve apps may hold 1,500 subscriptions. */
    static final int ACTIVITY_SUBSCRIPTION_LIMIT = 1_500;

    /** XEP/OA: private events (and actor-only mute/block) need the authorizing user's own id in the filter. */
    private static boolean privateEvent(String type) {
        return type.equals("post.mention.create") || type.startsWith("dm.") || type.startsWith("chat.")
                || type.equals("like.create") || type.startsWith("mute.") || type.startsWith("block.")
                || type.startsWith("subscriptions.");
    }

    private Answer createActivitySubscription(Request request) {
        Object parsed = jsonObject(request.call());
        if (parsed instanceof Answer refused) {
            return refused;
        }
        JsonNode body = (JsonNode) parsed;
        Answer extra = onlyFields(body, "$", Set.of("event_type", "filter", "tag", "webhook_id"));
        if (extra != null) {
            return extra;
        }
        JsonNode type = body.get("event_type");
        if (type == null) {
            return Problems.invalidRequest("$.event_type: is missing but it is required");
        }
        if (!type.isTextual() || !ACTIVITY_EVENT_TYPES.contains(type.asText())) {
            return Problems.invalidRequest("$.event_type: does not have a value in the enumeration");
        }
        JsonNode filter = body.get("filter");
        if (filter != null && !filter.isObject()) {
            return Problems.invalidRequest("$.filter: object expected");
        }
        ObjectNode cleanFilter = filter == null ? Json.object() : (ObjectNode) filter.deepCopy();
        extra = onlyFields(cleanFilter, "$.filter", Set.of("user_id", "keyword", "direction", "qualifiers"));
        if (extra != null) {
            return extra;
        }
        String userId = cleanFilter.path("user_id").asText(null);
        if (userId != null && !ID.matcher(userId).matches()) {
            return Problems.invalidRequest("$.filter.user_id: does not match the regex pattern ^[0-9]{1,19}$");
        }
        if (userId == null && !"news.new".equals(type.asText()) && !cleanFilter.has("keyword")) {
            return Problems.invalidRequest("$.filter.user_id: is missing but it is required for " + type.asText());
        }
        if (privateEvent(type.asText()) && !options.accountId().equals(userId)) {
            // XI: "Subscriptions for private events can only be created for users who have authorized your
            // application" — here only the IT account has.
            return Answer.problem(403, Json.object().put("title", "Forbidden")
                    .put("detail", "Subscriptions for private events can only be created for users who have authorized your application.")
                    .put("type", Problems.X + "not-authorized-for-resource").put("status", 403));
        }
        JsonNode tag = body.get("tag");
        if (tag != null && (!tag.isTextual() || tag.asText().isEmpty() || tag.asText().length() > 200)) {
            return Problems.invalidRequest("$.tag: must be a string of 1 to 200 characters");
        }
        JsonNode webhookId = body.get("webhook_id");
        if (webhookId != null && (!webhookId.isTextual() || !ID.matcher(webhookId.asText()).matches())) {
            return Problems.invalidRequest("$.webhook_id: does not match the regex pattern ^[0-9]{1,19}$");
        }
        try {
            Hooks.Subscription subscription = hooks.addActivity(type.asText(), cleanFilter,
                    tag == null ? null : tag.asText(), webhookId == null ? null : webhookId.asText(), ACTIVITY_SUBSCRIPTION_LIMIT);
            ObjectNode answer = Json.object();
            answer.putObject("data").set("subscription", subscription.json());
            return Answer.json(200, answer);
        } catch (Hooks.Refused refused) {
            return refusedHook(refused);
        }
    }

    private Answer listActivitySubscriptions(Request request) {
        Call call = request.call();
        Answer unknown = unknownParameters(call, Set.of("max_results", "pagination_token"));
        if (unknown != null) {
            return unknown;
        }
        Object max = integer(call, "max_results", 1, 1000, 1000);
        if (max instanceof Answer a) {
            return a;
        }
        List<Hooks.Subscription> all = new ArrayList<>(hooks.activitySubscriptions());
        java.util.Collections.reverse(all);
        Page<Hooks.Subscription> page = page(call, all, (Integer) max, Hooks.Subscription::id);
        if (page.refused() != null) {
            return page.refused();
        }
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        page.items().forEach(s -> data.add(s.json()));
        ObjectNode meta = body.putObject("meta");
        meta.put("total_subscriptions", all.size());
        if (page.next() != null) {
            meta.put("next_token", page.next());
        }
        return Answer.json(200, body);
    }

    private Answer deleteActivitySubscription(Request request) {
        String id = request.path(0);
        if (!ID.matcher(id).matches() || !hooks.removeActivity(id)) {
            return Problems.invalidRequest("SubscriptionNotFound: No subscription with id " + id + ".");
        }
        ObjectNode body = Json.object();
        body.putObject("data").put("deleted", true);
        body.putObject("meta").put("total_subscriptions", hooks.activitySubscriptions().size());
        return Answer.json(200, body);
    }

    /** DELETE /2/activity/subscriptions?ids=a,b (OA): up to 100, bearer only. */
    private Answer deleteActivitySubscriptions(Request request) {
        Call call = request.call();
        Answer unknown = unknownParameters(call, Set.of("ids"));
        if (unknown != null) {
            return unknown;
        }
        String ids = call.param("ids");
        if (ids == null || ids.isEmpty()) {
            return Problems.invalidParameter("ids", "", "The `ids` query parameter is required");
        }
        String[] list = ids.split(",");
        if (list.length > 100) {
            return Problems.invalidParameter("ids", ids, "The `ids` query parameter holds at most 100 ids");
        }
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        ArrayNode errors = Json.array();
        for (String id : list) {
            if (ID.matcher(id).matches() && hooks.removeActivity(id)) {
                data.addObject().put("subscription_id", id).put("deleted", true);
            } else {
                errors.addObject().put("subscription_id", id).put("reason", "SubscriptionNotFound")
                        .put("message", "No subscription with id " + id + ".");
            }
        }
        if (!errors.isEmpty()) {
            body.set("errors", errors);
        }
        body.putObject("meta").put("total_subscriptions", hooks.activitySubscriptions().size());
        return Answer.json(200, body);
    }

    /** PUT /2/activity/subscriptions/:id: tag and webhook_id only (XQ). */
    private Answer updateActivitySubscription(Request request) {
        Object parsed = jsonObject(request.call());
        if (parsed instanceof Answer refused) {
            return refused;
        }
        JsonNode body = (JsonNode) parsed;
        Answer extra = onlyFields(body, "$", Set.of("tag", "webhook_id"));
        if (extra != null) {
            return extra;
        }
        try {
            Hooks.Subscription updated = hooks.updateActivity(request.path(0),
                    body.hasNonNull("tag") ? body.get("tag").asText() : null,
                    body.hasNonNull("webhook_id") ? body.get("webhook_id").asText() : null);
            if (updated == null) {
                return Problems.invalidRequest("SubscriptionNotFound: No subscription with id " + request.path(0) + ".");
            }
            ObjectNode answer = Json.object();
            answer.putObject("data").set("subscription", updated.json());
            return Answer.json(200, answer);
        } catch (Hooks.Refused refused) {
            return refusedHook(refused);
        }
    }

    // ================================================================ switches

    void setAccountFailure(AccountFailure failure) {
        this.accountFailure = failure;
    }

    AccountFailure accountFailure() {
        return accountFailure;
    }

    void setHeaderMode(RateLimitHeaders mode) {
        this.headerMode = mode;
    }

    void setResetHeaderOn429(boolean send) {
        this.resetHeaderOn429 = send;
    }

    void revokeToken() {
        this.tokenRevoked = true;
    }

    void dropNextWrites(int count) {
        dropNext.set(count);
    }

    void failNextWrites(int count) {
        failNextBefore.set(count);
    }

    void failNextWritesAfterProcessing(int count) {
        failNextAfter.set(count);
    }

    void resetRateLimits() {
        limiter.clear();
    }

    void spend(XLimit limit, int count) {
        limiter.spend(limit.limit(), count, clock.instant());
    }

    // ================================================================ helpers

    @SuppressWarnings("unchecked")
    private static Set<String> cast(Object o) {
        return o == null ? Set.of() : (Set<String>) o;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new LinkedHashSet<>(a);
        out.addAll(b);
        return Set.copyOf(out);
    }

    /** Base32hex (RFC 4648 §7), lower case, unpadded: the alphabet of X's pagination tokens. */
    static final class Base32Hex {
        private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuv";

        static String encode(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            StringBuilder out = new StringBuilder();
            int buffer = 0;
            int bits = 0;
            for (byte b : bytes) {
                buffer = (buffer << 8) | (b & 0xFF);
                bits += 8;
                while (bits >= 5) {
                    out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
                    bits -= 5;
                }
            }
            if (bits > 0) {
                out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
            }
            return out.toString();
        }

        static String decode(String token) {
            String clean = token.replace("=", "").toLowerCase(java.util.Locale.ROOT);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int buffer = 0;
            int bits = 0;
            for (char c : clean.toCharArray()) {
                int v = ALPHABET.indexOf(c);
                if (v < 0) {
                    return null;
                }
                buffer = (buffer << 5) | v;
                bits += 5;
                if (bits >= 8) {
                    out.write((buffer >> (bits - 8)) & 0xFF);
                    bits -= 8;
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
