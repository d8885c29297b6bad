package servicedesk.xstandin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Registered webhooks, the Account Activity and X Activity subscriptions on them, and the deliveries X makes
 * to them: CRC checks, signed event POSTs, the 24-hour journal that replay reads, and the switches that make
 * deliveries go wrong as X's do (lost while down, twice, out of order).
 */
final class Hooks implements AutoCloseable {

    /** A webhook config (§6). */
    static final class Webhook {
        final String id;
        final String url;
        final Instant createdAt;
        volatile boolean valid;
        volatile Instant lastCrcOk;
        volatile Instant lastCrcAttempt;

        Webhook(String id, String url, Instant createdAt) {
            this.id = id;
            this.url = url;
            this.createdAt = createdAt;
        }

        ObjectNode json() {
            ObjectNode node = Json.object();
            node.put("created_at", Payloads.v2Time(createdAt));
            node.put("id", id);
            node.put("url", url);
            node.put("valid", valid);
            return node;
        }
    }

    /** An X Activity API subscription (§8.1). */
    record Subscription(String id, String eventType, ObjectNode filter, String tag, String webhookId,
                        Instant createdAt, Instant updatedAt) {
        String userId() {
            return filter.path("user_id").asText(null);
        }

        String keyword() {
            return filter.path("keyword").asText(null);
        }

        ObjectNode json() {
            ObjectNode node = Json.object();
            node.put("subscription_id", id);
            node.put("event_type", eventType);
            node.set("filter", filter.deepCopy());
            if (tag != null) {
                node.put("tag", tag);
            }
            if (webhookId != null) {
                node.put("webhook_id", webhookId);
            }
            node.put("created_at", Payloads.v2Time(createdAt));
            node.put("updated_at", Payloads.v2Time(updatedAt));
            return node;
        }

        Subscription withTagAndWebhook(String newTag, String newWebhookId, Instant at) {
            return new Subscription(id, eventType, filter, newTag, newWebhookId, createdAt, at);
        }
    }

    /** A refusal of a webhook operation, reported as {@code errors[].message = "<reason>: <details>"} (WI). */
    static final class Refused extends Exception {
        Refused(String reason, String details) {
            super(reason + ": " + details);
        }
    }

    private record JournalEntry(Instant at, Delivery.Kind kind, String body) {
    }

    private final Options options;
    private final XClock clock;
    private final World world;
    private final SecureRandom random = new SecureRandom();
    private final HttpClient http;
    private final ExecutorService sender;
    private final ScheduledExecutorService ticker;
    private final Map<String, Webhook> webhooks = new LinkedHashMap<>();
    private final Map<String, Set<String>> accountActivity = new LinkedHashMap<>();
    private final Map<String, Subscription> activity = new LinkedHashMap<>();
    private final Map<String, List<JournalEntry>> journal = new LinkedHashMap<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final List<Runnable> held = new ArrayList<>();
    private final Object idle = new Object();
    private int pending;
    private volatile boolean down;
    private int twiceRemaining;
    private int holdBackTarget;

    Hooks(Options options, XClock clock, World world) {
        this.options = options;
        this.clock = clock;
        this.world = world;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        this.sender = Executors.newSingleThreadExecutor(daemon("x-standin-deliveries"));
        this.ticker = Executors.newSingleThreadScheduledExecutor(daemon("x-standin-clock"));
        ticker.scheduleWithFixedDelay(this::periodicCrc, 100, 100, TimeUnit.MILLISECONDS);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    // ---------------------------------------------------------------- webhooks (§6)

    /** POST /2/webhooks: URL checks, one webhook per app, a CRC before it is created (WH, WQ, WI). */
    Webhook create(String url) throws Refused {
        checkUrl(url);
        synchronized (this) {
            for (Webhook existing : webhooks.values()) {
                if (existing.url.equals(url)) {
                    throw new Refused("DuplicateUrlFailed", "A webhook with the url " + url + " already exists for this application.");
                }
            }
            if (webhooks.size() >= options.maxWebhooks()) {
                throw new Refused("WebhookLimitExceeded", "Too many webhooks for this application: the limit is " + options.maxWebhooks() + ".");
            }
        }
        Webhook candidate = new Webhook(world.nextId(clock.instant()), url, clock.instant());
        if (!crc(candidate)) {
            throw new Refused("CrcValidationFailed", "The webhook did not answer the CRC request with the expected response_token.");
        }
        synchronized (this) {
            if (webhooks.size() >= options.maxWebhooks()) {
                throw new Refused("WebhookLimitExceeded", "Too many webhooks for this application: the limit is " + options.maxWebhooks() + ".");
            }
            webhooks.put(candidate.id, candidate);
        }
        return candidate;
    }

    private void checkUrl(String url) throws Refused {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            throw new Refused("UrlValidationFailed", "The url is not a valid URL.");
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            throw new Refused("UrlValidationFailed", "The url must be absolute.");
        }
        boolean loopback = uri.getHost().equals("127.0.0.1") || uri.getHost().equals("localhost") || uri.getHost().equals("[::1]");
        if (loopback && options.loopbackWebhooks()) {
            return;
        }
        // WH, WQ: HTTPS, publicly reachable, no port.
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new Refused("UrlValidationFailed", "The url must use https.");
        }
        if (uri.getPort() != -1) {
            throw new Refused("UrlValidationFailed", "The url must not specify a port.");
        }
        if (loopback) {
            throw new Refused("UrlValidationFailed", "The url must be publicly reachable.");
        }
    }

    synchronized List<Webhook> webhooks() {
        return List.copyOf(webhooks.values());
    }

    synchronized Webhook webhook(String id) {
        return webhooks.get(id);
    }

    /** PUT /2/webhooks/:id: a CRC now; whether it passed (WQ). */
    boolean revalidate(Webhook webhook) {
        return crc(webhook);
    }

    /** How a CRC check went (WH "Webhook validation"). */
    enum CrcOutcome {
        PASSED,
        /** A 2xx with a wrong or missing response_token, a 3xx, or an SSL failure: invalid at once. */
        WRONG,
        /** A 4xx or 5xx, a timeout, no connection: covered by X's grace until 28 hours without success. */
        TRANSIENT
    }

    synchronized boolean delete(String id) {
        Webhook removed = webhooks.remove(id);
        if (removed == null) {
            return false;
        }
        accountActivity.remove(id);
        activity.values().removeIf(s -> id.equals(s.webhookId()));
        return true;
    }

    /**
     * The CRC (§6.6): GET {@code url?crc_token=T}; the webhook must answer 200 with JSON
     * {@code response_token = "sha256=" + base64(HMAC-SHA256(key, T))}, the key being the client secret when
     * the app has one. X's token format is not documented: 32 random bytes in standard base64, so '+', '/'
     * and '=' arrive percent-encoded and must be decoded before signing.
     */
    boolean crc(Webhook webhook) {
        return check(webhook, false) == CrcOutcome.PASSED;
    }

    /** @param periodic X's own re-check: a transient failure keeps a valid webhook valid until 28 hours without success */
    private CrcOutcome check(Webhook webhook, boolean periodic) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = Base64.getEncoder().encodeToString(raw);
        Instant at = clock.instant();
        webhook.lastCrcAttempt = at;
        String url = webhook.url + (webhook.url.contains("?") ? "&" : "?") + "crc_token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8);
        CrcOutcome outcome;
        int status;
        if (down) {
            status = Delivery.NOT_SENT;
            outcome = CrcOutcome.TRANSIENT;
        } else {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url)).GET()
                        .timeout(options.deliveryTimeout()).build(), HttpResponse.BodyHandlers.ofString());
                status = answer.statusCode();
                JsonNode body = Json.parse(answer.body());
                boolean rightToken = body != null
                        && signature(options.crcSecret(), token.getBytes(StandardCharsets.UTF_8)).equals(body.path("response_token").asText(""));
                outcome = status == 200 && rightToken ? CrcOutcome.PASSED
                        : status >= 200 && status < 400 ? CrcOutcome.WRONG : CrcOutcome.TRANSIENT;
            } catch (javax.net.ssl.SSLException e) {
                status = Delivery.FAILED;
                outcome = CrcOutcome.WRONG;
            } catch (IOException e) {
                status = Delivery.FAILED;
                outcome = CrcOutcome.TRANSIENT;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = Delivery.FAILED;
                outcome = CrcOutcome.TRANSIENT;
            }
        }
        boolean graced = periodic && outcome == CrcOutcome.TRANSIENT && webhook.valid
                && webhook.lastCrcOk != null && webhook.lastCrcOk.plus(Duration.ofHours(28)).isAfter(at);
        webhook.valid = outcome == CrcOutcome.PASSED || graced;
        if (outcome == CrcOutcome.PASSED) {
            webhook.lastCrcOk = at;
        }
        // Recorded once the webhook's state is settled: whoever sees the check sees its effect.
        deliveries.add(new Delivery(webhook.id, Delivery.Kind.CRC, url, status, at));
        return outcome;
    }

    /**
     * WH: X re-checks "every 30 minutes, but only if the webhook has not been successfully validated in the
     * past 24 hours". A transient failure (4xx, 5xx, timeout, no connection) invalidates only once 28 hours
     * have passed without success; a wrong answer (a 2xx with a wrong response_token, a 3xx) at once.
     */
    private void periodicCrc() {
        try {
            Instant now = clock.instant();
            for (Webhook webhook : webhooks()) {
                boolean stale = webhook.lastCrcOk == null || webhook.lastCrcOk.plus(Duration.ofHours(24)).isBefore(now);
                boolean due = webhook.lastCrcAttempt == null || !webhook.lastCrcAttempt.plus(Duration.ofMinutes(30)).isAfter(now);
                if (stale && due) {
                    check(webhook, true);
                }
            }
        } catch (RuntimeException ignored) {
            // a tick must never kill the ticker
        }
    }

    // ---------------------------------------------------------------- Account Activity subscriptions (§7)

    synchronized void subscribeAccountActivity(String webhookId, String userId) throws Refused {
        if (!webhooks.containsKey(webhookId)) {
            throw new Refused("WebhookIdInvalid", "Webhook id " + webhookId + " is not a webhook of this application.");
        }
        Set<String> users = accountActivity.computeIfAbsent(webhookId, k -> new LinkedHashSet<>());
        if (users.contains(userId)) {
            throw new Refused("DuplicateSubscriptionFailed", "The user " + userId + " is already subscribed to webhook " + webhookId + ".");
        }
        users.add(userId);
    }

    synchronized boolean accountActivitySubscribed(String webhookId, String userId) throws Refused {
        if (!webhooks.containsKey(webhookId)) {
            throw new Refused("WebhookIdInvalid", "Webhook id " + webhookId + " is not a webhook of this application.");
        }
        return accountActivity.getOrDefault(webhookId, Set.of()).contains(userId);
    }

    synchronized List<String> accountActivitySubscriptions(String webhookId) throws Refused {
        if (!webhooks.containsKey(webhookId)) {
            throw new Refused("WebhookIdInvalid", "Webhook id " + webhookId + " is not a webhook of this application.");
        }
        return List.copyOf(accountActivity.getOrDefault(webhookId, Set.of()));
    }

    synchronized void unsubscribeAccountActivity(String webhookId, String userId) throws Refused {
        if (!webhooks.containsKey(webhookId)) {
            throw new Refused("WebhookIdInvalid", "Webhook id " + webhookId + " is not a webhook of this application.");
        }
        Set<String> users = accountActivity.get(webhookId);
        if (users == null || !users.remove(userId)) {
            throw new Refused("SubscriptionNotFound", "The user " + userId + " is not subscribed to webhook " + webhookId + ".");
        }
    }

    synchronized int accountActivityCount() {
        return accountActivity.values().stream().mapToInt(Set::size).sum();
    }

    // ---------------------------------------------------------------- X Activity subscriptions (§8.1)

    synchronized Subscription addActivity(String eventType, ObjectNode filter, String tag, String webhookId,
                                          int limit) throws Refused {
        if (webhookId != null && !webhooks.containsKey(webhookId)) {
            throw new Refused("WebhookIdInvalid", "Webhook id " + webhookId + " is not a webhook of this application.");
        }
        for (Subscription existing : activity.values()) {
            if (existing.eventType().equals(eventType) && existing.filter().equals(filter)
                    && java.util.Objects.equals(existing.webhookId(), webhookId)) {
                throw new Refused("DuplicateSubscriptionFailed", "A subscription to " + eventType + " with this filter already exists: " + existing.id() + ".");
            }
        }
        if (activity.size() >= limit) {
            throw new Refused("SubscriptionLimitExceeded", "This application already has " + activity.size() + " subscriptions.");
        }
        Instant now = clock.instant();
        Subscription subscription = new Subscription(world.nextId(now), eventType, filter, tag, webhookId, now, now);
        activity.put(subscription.id(), subscription);
        return subscription;
    }

    synchronized List<Subscription> activitySubscriptions() {
        return List.copyOf(activity.values());
    }

    synchronized Subscription activitySubscription(String id) {
        return activity.get(id);
    }

    synchronized boolean removeActivity(String id) {
        return activity.remove(id) != null;
    }

    synchronized Subscription updateActivity(String id, String tag, String webhookId) throws Refused {
        Subscription existing = activity.get(id);
        if (existing == null) {
            return null;
        }
        if (webhookId != null && !webhooks.containsKey(webhookId)) {
            throw new Refused("WebhookIdInvalid", "Webhook id " + webhookId + " is not a webhook of this application.");
        }
        Subscription updated = existing.withTagAndWebhook(tag != null ? tag : existing.tag(),
                webhookId != null ? webhookId : existing.webhookId(), clock.instant());
        activity.put(id, updated);
        return updated;
    }

    // ---------------------------------------------------------------- deliveries

    /** Everything X would deliver for {@code event}, to every webhook whose subscriptions match it. */
    void publish(Event event) {
        List<Webhook> targets = webhooks();
        for (Webhook webhook : targets) {
            for (ObjectNode envelope : accountActivityEnvelopes(webhook, event)) {
                deliver(webhook, Delivery.Kind.ACCOUNT_ACTIVITY, Json.write(envelope), event.at());
            }
            for (ObjectNode envelope : activityEnvelopes(webhook, event)) {
                deliver(webhook, Delivery.Kind.ACTIVITY, Json.write(envelope), event.at());
            }
        }
    }

    /** AAI: what the subscribed user sees — posts by, mentioning, replying to or quoting them. */
    private boolean concernsAccount(Post post, String userId) {
        if (post.authorId().equals(userId) || post.entities().mentions(userId) || userId.equals(post.inReplyToUserId())) {
            return true;
        }
        Post quoted = post.quotedId() == null ? null : world.post(post.quotedId());
        return quoted != null && quoted.authorId().equals(userId);
    }

    private List<ObjectNode> accountActivityEnvelopes(Webhook webhook, Event event) {
        List<String> subscribed;
        synchronized (this) {
            subscribed = List.copyOf(accountActivity.getOrDefault(webhook.id, Set.of()));
        }
        List<ObjectNode> out = new ArrayList<>();
        for (String userId : subscribed) {
            switch (event) {
                case Event.PostCreated created -> {
                    Post post = created.post();
                    if (concernsAccount(post, userId)) {
                        // AAI/LEG: on others' posts, whether the subscribed user has blocked the author.
                        Boolean blocked = post.authorId().equals(userId) ? null : world.accountBlocks(post.authorId());
                        out.add(Payloads.aaaTweet(userId, blocked, Payloads.v1Tweet(post, world::userOrPlaceholder)));
                    }
                }
                case Event.PostDeleted deleted -> {
                    // AAI: post deletes are delivered "by user", the subscribed user's own (its only example
                    // has user_id = for_user_id). Others' deletions reach an app only through batch compliance.
                    if (deleted.post().authorId().equals(userId)) {
                        out.add(Payloads.aaaTweetDelete(userId, deleted.post(), deleted.at()));
                    }
                }
                case Event.DmCreated created -> {
                    DmEvent dm = created.dm();
                    if (dm.senderId().equals(userId) || dm.recipientId().equals(userId)) {
                        out.add(Payloads.aaaDirectMessage(userId, dm, options.appId(), "Service desk",
                                List.of(world.userOrPlaceholder(dm.senderId()), world.userOrPlaceholder(dm.recipientId()))));
                    }
                }
                case Event.BlockChanged block -> {
                    // AAI "Activity Types": blocks by the subscribed user and of them — the account's own, and a user's of it.
                    if (block.sourceId().equals(userId) || block.targetId().equals(userId)) {
                        out.add(Payloads.aaaBlock(userId, block.blocked(), world.userOrPlaceholder(block.sourceId()),
                                world.userOrPlaceholder(block.targetId()), block.at()));
                    }
                }
                case Event.AppRevoked revoked -> {
                    if (revoked.userId().equals(userId)) {
                        out.add(Payloads.aaaRevoke(options.appId(), userId, revoked.at()));
                    }
                }
            }
        }
        if (event instanceof Event.AppRevoked revoked) {
            // LEG: the subscription is removed with the revocation.
            synchronized (this) {
                Set<String> users = accountActivity.get(webhook.id);
                if (users != null) {
                    users.remove(revoked.userId());
                }
            }
        }
        return out;
    }

    private List<ObjectNode> activityEnvelopes(Webhook webhook, Event event) {
        List<Subscription> subscriptions;
        synchronized (this) {
            subscriptions = activity.values().stream().filter(s -> webhook.id.equals(s.webhookId())).toList();
        }
        List<ObjectNode> out = new ArrayList<>();
        for (Subscription s : subscriptions) {
            String user = s.userId();
            ObjectNode filter = s.filter().deepCopy();
            switch (event) {
                case Event.PostCreated created -> {
                    Post post = created.post();
                    if (s.keyword() != null && !post.originalText().toLowerCase(Locale.ROOT).contains(s.keyword().toLowerCase(Locale.ROOT))) {
                        continue;
                    }
                    boolean match = switch (s.eventType()) {
                        case "post.create" -> post.authorId().equals(user);
                        case "post.mention.create" -> post.entities().mentions(user) && !post.authorId().equals(user);
                        // Not documented beyond the enum: a reply to / quote of the filtered user's post.
                        case "post.reply.create" -> user != null && user.equals(post.inReplyToUserId()) && !post.authorId().equals(user);
                        case "post.quote.create" -> {
                            Post quoted = post.quotedId() == null ? null : world.post(post.quotedId());
                            yield quoted != null && quoted.authorId().equals(user) && !post.authorId().equals(user);
                        }
                        default -> false;
                    };
                    if (match) {
                        ObjectNode includes = Json.object();
                        ArrayNode users = includes.putArray("users");
                        Set<String> seen = new LinkedHashSet<>();
                        seen.add(post.authorId());
                        post.entities().mentions().forEach(m -> seen.add(m.id()));
                        for (String id : seen) {
                            users.add(Payloads.xaaUser(world.userOrPlaceholder(id)));
                        }
                        includes.putArray("tweets").add(Payloads.xaaPost(post));
                        out.add(Payloads.xaaEnvelope(eventUuid(), filter, s.eventType(), s.tag(), Payloads.xaaPost(post), includes));
                    }
                }
                case Event.PostDeleted deleted -> {
                    Post post = deleted.post();
                    if ("post.delete".equals(s.eventType()) && post.authorId().equals(user)) {
                        ObjectNode payload = Json.object().put("id", post.id()).put("author_id", post.authorId());
                        ObjectNode includes = Json.object();
                        includes.putArray("users").add(Payloads.wrapped(Payloads.xaaUser(world.userOrPlaceholder(post.authorId()))));
                        out.add(Payloads.xaaEnvelope(eventUuid(), filter, s.eventType(), s.tag(), payload, includes));
                    }
                }
                case Event.DmCreated created -> {
                    DmEvent dm = created.dm();
                    boolean match = ("dm.received".equals(s.eventType()) && dm.recipientId().equals(user))
                            || ("dm.sent".equals(s.eventType()) && dm.senderId().equals(user));
                    if (match) {
                        ObjectNode payload = Json.object();
                        payload.putArray("direct_message_events").add(Payloads.v1DirectMessage(dm, null));
                        ObjectNode users = payload.putObject("users");
                        users.set(dm.senderId(), Payloads.wrapped(Payloads.xaaUser(world.userOrPlaceholder(dm.senderId()))));
                        users.set(dm.recipientId(), Payloads.wrapped(Payloads.xaaUser(world.userOrPlaceholder(dm.recipientId()))));
                        out.add(Payloads.xaaEnvelope(eventUuid(), filter, s.eventType(), s.tag(), payload, null));
                    }
                }
                case Event.BlockChanged block -> {
                    // XEP: the filter "matches the user performing the block"; source/target like follow events.
                    String type = block.blocked() ? "block.block" : "block.unblock";
                    if (type.equals(s.eventType()) && block.sourceId().equals(user)) {
                        ObjectNode payload = Json.object();
                        payload.set("source", Payloads.wrapped(Payloads.xaaUser(world.userOrPlaceholder(block.sourceId()))));
                        payload.set("target", Payloads.wrapped(Payloads.xaaUser(world.userOrPlaceholder(block.targetId()))));
                        out.add(Payloads.xaaEnvelope(eventUuid(), filter, type, s.tag(), payload, null));
                    }
                }
                case Event.AppRevoked revoked -> {
                    // XEP: oauth.revoke is delivered though not subscribable; once per webhook, filter {}.
                    if (revoked.userId().equals(user) && out.stream().noneMatch(e -> "oauth.revoke".equals(e.path("data").path("event_type").asText()))) {
                        ObjectNode payload = Json.object();
                        payload.put("date_time", Payloads.OFFSET_TIME.format(revoked.at()));
                        payload.put("user_id", revoked.userId());
                        payload.put("app_id", options.appId());
                        out.add(Payloads.xaaEnvelope(eventUuid(), Json.object(), "oauth.revoke", null, payload, null));
                    }
                }
            }
        }
        return out;
    }

    /** XEP: delivery ids are 64-bit numbers in a string, and can be negative. */
    private String eventUuid() {
        return Long.toString(random.nextLong());
    }

    private void deliver(Webhook webhook, Delivery.Kind kind, String body, Instant eventAt) {
        synchronized (this) {
            // OA (replay): "all events delivered or attempted to be delivered to the webhook".
            journal.computeIfAbsent(webhook.id, k -> new ArrayList<>()).add(new JournalEntry(eventAt, kind, body));
            pruneJournal(webhook.id);
        }
        Runnable send = () -> post(webhook, kind, body);
        List<Runnable> release = null;
        synchronized (this) {
            if (twiceRemaining > 0) {
                twiceRemaining--;
                Runnable once = send;
                send = () -> {
                    once.run();
                    once.run();
                };
            }
            if (holdBackTarget > 0) {
                held.add(send);
                if (held.size() >= holdBackTarget) {
                    release = new ArrayList<>(held);
                    Collections.reverse(release);
                    held.clear();
                    holdBackTarget = 0;
                }
            } else {
                release = List.of(send);
            }
        }
        if (release != null) {
            release.forEach(this::submit);
        }
    }

    private void pruneJournal(String webhookId) {
        Instant horizon = clock.instant().minus(Duration.ofHours(25));
        journal.get(webhookId).removeIf(entry -> entry.at().isBefore(horizon));
    }

    private void submit(Runnable task) {
        synchronized (idle) {
            pending++;
        }
        sender.execute(() -> {
            try {
                task.run();
            } finally {
                synchronized (idle) {
                    pending--;
                    idle.notifyAll();
                }
            }
        });
    }

    /**
     * One signed POST (§6.7): {@code X-Twitter-Webhooks-Signature-OAuth2} with the client secret when the
     * app has one, and the legacy {@code X-Twitter-Webhooks-Signature} with the consumer secret when it has
     * one (and, beside a client secret, while {@code legacySignature} is on). Not sent while the webhook is
     * down or invalid; no retry (retries are Enterprise-only, LEG), so a failed delivery is lost.
     */
    private int post(Webhook webhook, Delivery.Kind kind, String body) {
        Instant at = clock.instant();
        if (down || !webhook.valid || webhook(webhook.id) == null) {
            deliveries.add(new Delivery(webhook.id, kind, body, Delivery.NOT_SENT, at));
            return Delivery.NOT_SENT;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(webhook.url))
                .timeout(options.deliveryTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (!options.clientSecret().isEmpty()) {
            request.header("X-Twitter-Webhooks-Signature-OAuth2", signature(options.clientSecret(), bytes));
        }
        if (!options.consumerSecret().isEmpty() && (options.clientSecret().isEmpty() || options.legacySignature())) {
            request.header("X-Twitter-Webhooks-Signature", signature(options.consumerSecret(), bytes));
        }
        int status;
        try {
            status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            status = Delivery.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = Delivery.FAILED;
        }
        deliveries.add(new Delivery(webhook.id, kind, body, status, at));
        return status;
    }

    /** {@code sha256=} + base64(HMAC-SHA256(secret, bytes)) (WH, WQ). */
    static String signature(String secret, byte[] bytes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + Base64.getEncoder().encodeToString(mac.doFinal(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- replay (§6.5)

    /** Re-delivers, in order, every event delivered or attempted in [from, to] (inclusive, OA). */
    void replay(Webhook webhook, Instant from, Instant toInclusive, String jobId) {
        List<JournalEntry> window;
        synchronized (this) {
            window = journal.getOrDefault(webhook.id, List.of()).stream()
                    .filter(e -> !e.at().isBefore(from) && !e.at().isAfter(toInclusive))
                    .sorted(java.util.Comparator.comparing(JournalEntry::at))
                    .toList();
        }
        // One sender thread: the completion notice runs after every replayed event has been tried.
        java.util.concurrent.atomic.AtomicBoolean allDelivered = new java.util.concurrent.atomic.AtomicBoolean(true);
        for (JournalEntry entry : window) {
            submit(() -> {
                int status = post(webhook, Delivery.Kind.REPLAY, entry.body());
                if (status < 200 || status >= 300) {
                    allDelivered.set(false);
                }
            });
        }
        if (options.replayCompletionEvent()) {
            // AAQ's completion event for replay jobs: Incomplete asks the client to request the window again.
            submit(() -> {
                ObjectNode status = Json.object();
                ObjectNode job = status.putObject("replay_job_status");
                job.put("webhook_id", webhook.id);
                job.put("job_state", allDelivered.get() ? "Complete" : "Incomplete");
                job.put("job_state_description", allDelivered.get() ? "All events were delivered"
                        : "Some events could not be delivered; request the replay again");
                job.put("job_id", jobId);
                post(webhook, Delivery.Kind.REPLAY, Json.write(status));
            });
        }
    }

    // ---------------------------------------------------------------- switches and inspection

    void setDown(boolean down) {
        this.down = down;
    }

    synchronized void deliverTwice(int count) {
        twiceRemaining = count;
    }

    synchronized void holdBack(int count) {
        holdBackTarget = count;
    }

    /** Sends what is held back now, newest first. */
    void releaseHeld() {
        List<Runnable> release;
        synchronized (this) {
            release = new ArrayList<>(held);
            Collections.reverse(release);
            held.clear();
            holdBackTarget = 0;
        }
        release.forEach(this::submit);
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Waits until every delivery handed to the sender has been made; false on timeout. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (pending > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
            return true;
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        sender.shutdownNow();
    }
}
