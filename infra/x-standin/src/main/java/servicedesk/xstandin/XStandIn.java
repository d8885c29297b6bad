package servicedesk.xstandin;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A stateful stand-in for X's API v2, held to X's published reference (docs/x-api-reference.md) and never
 * kinder than X: OAuth 1.0a and bearer authentication as X checks them, X's bodies and error bodies, X's
 * rate windows on a scalable clock, account-wide and per-message refusals, outcome-unknown writes, the reads
 * a desk reconciles with, webhooks with CRC, signed Account Activity and X Activity deliveries, and replay.
 *
 * <p>It runs on WireMock: {@link #wireMock()} gives the server, with its request journal ({@code findAll},
 * {@code verify}). Start it with {@link #start(Options)}, point the code under test at {@link #baseUrl()},
 * act as X's users with the {@code user…} methods, and assert on the inspection methods.
 */
public final class XStandIn implements AutoCloseable {
    private final Options options;
    private final XClock clock;
    private final World world;
    private final Hooks hooks;
    private final Stats stats;
    private final Endpoints endpoints;
    private final WireMockServer server;

    private XStandIn(Options options, int port) {
        this.options = options;
        this.clock = new XClock(options.baseClock(), options.timeScale());
        this.world = new World(new XUser(options.accountId(), options.accountHandle(), options.accountName()),
                options.dmsOpenByDefault());
        this.stats = new Stats();
        this.hooks = new Hooks(options, clock, world);
        this.endpoints = new Endpoints(options, clock, world, hooks, stats);
        StandInTransformer transformer = new StandInTransformer();
        transformer.bind(endpoints);
        this.server = new WireMockServer(WireMockConfiguration.options()
                .port(port)
                .bindAddress("127.0.0.1")
                .notifier(new ConsoleNotifier(false))
                .extensions(transformer));
    }

    /** Starts a stand-in on a free loopback port. */
    public static XStandIn start(Options options) {
        return start(options, 0);
    }

    /** Starts a stand-in on {@code port} (0: a free one) of the loopback interface. */
    public static XStandIn start(Options options, int port) {
        XStandIn standIn = new XStandIn(options, port);
        standIn.server.start();
        standIn.server.stubFor(WireMock.any(WireMock.anyUrl()).atPriority(100)
                .willReturn(WireMock.aResponse().withTransformers(StandInTransformer.NAME)));
        return standIn;
    }

    public static XStandIn start() {
        return start(Options.defaults());
    }

    /** {@code http://127.0.0.1:port}, with no version suffix (the desk's {@code TWITTER_API_BASE_URL}). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The WireMock server: its request journal ({@code findAll}, {@code verify}), and room for overriding stubs. */
    public WireMockServer wireMock() {
        return server;
    }

    public Options options() {
        return options;
    }

    /** X's time: hand it to the code under test so its "now" agrees with X's windows and timestamps. */
    public XClock clock() {
        return clock;
    }

    /** X's time now. */
    public Instant now() {
        return clock.instant();
    }

    /** Moves X's time forward at once, e.g. past a 15-minute window's reset. */
    public void advance(Duration duration) {
        clock.advance(duration);
    }

    // ------------------------------------------------------------------ switches

    /** Every call fails this way from now on (null clears it: X accepts again). */
    public void setAccountFailure(AccountFailure failure) {
        endpoints.setAccountFailure(failure);
    }

    public void clearAccountFailure() {
        endpoints.setAccountFailure(null);
    }

    public void setRateLimitHeaders(RateLimitHeaders mode) {
        endpoints.setHeaderMode(mode);
    }

    /** With false, a 429 carries no {@code *-reset} header at all (issue 17: "a 429 without x-rate-limit-reset"). */
    public void setResetHeaderOn429(boolean send) {
        endpoints.setResetHeaderOn429(send);
    }

    /** Forgets every rate window (a fresh app, as after a long pause). */
    public void resetRateLimits() {
        endpoints.resetRateLimits();
    }

    /**
     * Uses up {@code count} requests of one of X's windows, as requests made outside the code under test
     * would (staff using the account in X's app, another instance); starts the window now if it was idle.
     */
    public void spend(XLimit limit, int count) {
        endpoints.spend(limit, count);
    }

    /** The next {@code count} writes are processed (and count as sent) but the connection drops before the answer. */
    public void dropNextWrites(int count) {
        endpoints.dropNextWrites(count);
    }

    /** The next {@code count} writes answer 503 before anything is done. */
    public void failNextWrites(int count) {
        endpoints.failNextWrites(count);
    }

    /** The next {@code count} writes are processed and then answered 503 (the outcome looks failed but is not). */
    public void failNextWritesAfterProcessing(int count) {
        endpoints.failNextWritesAfterProcessing(count);
    }

    /** While down, the webhook is unreachable: deliveries are lost (as X loses them) and CRC checks fail. */
    public void setWebhookDown(boolean down) {
        hooks.setDown(down);
    }

    /** The next {@code count} deliveries are each sent twice. */
    public void deliverTwice(int count) {
        hooks.deliverTwice(count);
    }

    /** The next {@code count} deliveries are held back, then sent in reverse order once all have come. */
    public void holdBack(int count) {
        hooks.holdBack(count);
    }

    /** Sends whatever is held back now, newest first. */
    public void releaseHeld() {
        hooks.releaseHeld();
    }

    // ------------------------------------------------------------------ X's users

    /** A user posts (a mention of the account, an announcement, …): recorded and delivered as X would. */
    public Post userPosts(String userId, String handle, String text) {
        return userPosts(userId, handle, text, null);
    }

    /**
     * A user posts, as a reply to {@code inReplyToId} when it is not null. The text is stored as written:
     * write the leading @mentions X's apps add to a reply ("@ITHelp thanks") when the test needs them.
     */
    public Post userPosts(String userId, String handle, String text, String inReplyToId) {
        return post(userId, handle, text, inReplyToId, null);
    }

    /** A user quotes {@code quotedId} (which summons the account when it is one of its posts, MTG). */
    public Post userQuotes(String userId, String handle, String text, String quotedId) {
        return post(userId, handle, text, null, quotedId);
    }

    private Post post(String userId, String handle, String text, String inReplyToId, String quotedId) {
        requireUser(userId, handle);
        if (inReplyToId != null && world.livePost(inReplyToId) == null) {
            throw new IllegalArgumentException("no live post " + inReplyToId + " to reply to");
        }
        if (quotedId != null && world.livePost(quotedId) == null) {
            throw new IllegalArgumentException("no live post " + quotedId + " to quote");
        }
        world.know(new XUser(userId, handle, handle));
        Post post = world.createPost(userId, text, inReplyToId, quotedId, clock.instant(), false);
        hooks.publish(new Event.PostCreated(post));
        return post;
    }

    /** A user sends the IT account a DM. */
    public DmEvent userSendsDm(String userId, String handle, String text) {
        requireUser(userId, handle);
        if (world.accountBlocks(userId) || world.blocksAccount(userId)) {
            throw new IllegalStateException("X lets no DM through between the account and a user either of them blocked");
        }
        world.know(new XUser(userId, handle, handle));
        DmEvent dm = world.createDm(userId, options.accountId(), text, clock.instant(), false);
        hooks.publish(new Event.DmCreated(dm));
        return dm;
    }

    /** The post's author deletes it (a user's post, or one of the account's). */
    public void deletePost(String postId) {
        Post post = world.delete(postId);
        if (post == null) {
            throw new IllegalArgumentException("no live post " + postId);
        }
        hooks.publish(new Event.PostDeleted(post, clock.instant()));
    }

    /**
     * The user blocks the IT account: DMs and replies to them are refused. Account Activity delivers it as
     * {@code block_events} (AAI: blocks both by and of the subscribed user); the X Activity API's {@code block.*} filter on
     * the blocker (XEP), so a subscription for the account hears nothing.
     */
    public void userBlocksAccount(String userId) {
        world.setBlocksAccount(userId, true);
        hooks.publish(new Event.BlockChanged(userId, options.accountId(), true, clock.instant()));
    }

    public void userUnblocksAccount(String userId) {
        world.setBlocksAccount(userId, false);
        hooks.publish(new Event.BlockChanged(userId, options.accountId(), false, clock.instant()));
    }

    /** The IT account blocks the user (in X's app): delivered as {@code block_events} / {@code block.block}. */
    public void accountBlocks(String userId) {
        world.setAccountBlocks(userId, true);
        hooks.publish(new Event.BlockChanged(options.accountId(), userId, true, clock.instant()));
    }

    public void accountUnblocks(String userId) {
        world.setAccountBlocks(userId, false);
        hooks.publish(new Event.BlockChanged(options.accountId(), userId, false, clock.instant()));
    }

    /** The user stops accepting DMs from the account (their settings): DMs answer 403 recipient-not-messageable. */
    public void userClosesDms(String userId) {
        world.setAcceptsDms(userId, false);
    }

    public void userOpensDms(String userId) {
        world.setAcceptsDms(userId, true);
    }

    /**
     * The IT account revokes the app: its access token stops working (401) and X delivers the revocation
     * ({@code user_event} for Account Activity, {@code oauth.revoke} for the Activity API).
     */
    public void revokeAccess() {
        endpoints.revokeToken();
        hooks.publish(new Event.AppRevoked(options.accountId(), clock.instant()));
    }

    private static void requireUser(String userId, String handle) {
        if (userId == null || !userId.matches("[0-9]{1,19}")) {
            throw new IllegalArgumentException("a user id is 1 to 19 digits");
        }
        if (handle == null || !handle.matches("\\w{1,15}")) {
            throw new IllegalArgumentException("a handle is 1 to 15 letters, digits or underscores, without '@'");
        }
    }

    // ------------------------------------------------------------------ inspection

    /** The posts the account made through {@code POST /2/tweets}, oldest first (deleted ones included). */
    public List<Post> sentPosts() {
        return world.postsViaApi();
    }

    /** The DMs the account sent through the API, oldest first. */
    public List<DmEvent> sentDms() {
        List<DmEvent> sent = new java.util.ArrayList<>(world.dms(DmEvent::viaApi));
        java.util.Collections.reverse(sent);
        return sent;
    }

    /** Every live post on the stand-in's X, newest first. */
    public List<Post> posts() {
        return world.posts(p -> true);
    }

    /** A post by id, deleted or not; null when unknown. */
    public Post post(String id) {
        return world.post(id);
    }

    public boolean isDeleted(String postId) {
        return world.isDeleted(postId);
    }

    /** How many answers had each HTTP status (dropped connections are counted apart). */
    public Map<Integer, Integer> statusCounts() {
        return stats.byStatus();
    }

    /** Every 429 served, rate limits and usage caps alike. */
    public int tooManyRequests() {
        return stats.rateLimitedCount();
    }

    public int droppedConnections() {
        return stats.droppedCount();
    }

    /** The same DM text to the same user twice, or the same post text again. */
    public List<Duplicate> duplicates() {
        return stats.duplicates();
    }

    /** Why each refused credential was refused (X only says 401): for a test's failure message. */
    public List<String> authFailures() {
        return stats.authFailures();
    }

    /** Requests the stand-in itself failed on (answered 500 internal-error): a test should expect none. */
    public List<String> internalErrors() {
        return stats.internalErrors();
    }

    /** Every request made to a webhook (deliveries, replays, CRC checks), in order. */
    public List<Delivery> deliveries() {
        return hooks.deliveries();
    }

    /** Waits until every pending delivery has been made; false on timeout. Held-back deliveries do not count. */
    public boolean awaitDeliveries(Duration timeout) {
        try {
            return hooks.awaitIdle(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A registered webhook: id, URL, and whether its last CRC passed. */
    public record Webhook(String id, String url, boolean valid) {
    }

    public List<Webhook> webhooks() {
        return hooks.webhooks().stream().map(w -> new Webhook(w.id, w.url, w.valid)).toList();
    }

    /** Every batch compliance job the app created, oldest first: id to status. */
    public java.util.Map<String, String> complianceJobs() {
        return endpoints.compliance().statuses();
    }

    /** The ids uploaded to a batch compliance job. */
    public List<String> complianceUpload(String jobId) {
        return endpoints.compliance().uploaded(jobId);
    }

    @Override
    public void close() {
        hooks.close();
        server.stop();
    }
}
