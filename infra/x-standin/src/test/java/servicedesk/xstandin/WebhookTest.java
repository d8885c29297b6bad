package servicedesk.xstandin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Webhooks and CRC (§6), subscriptions (§7, §8), signed deliveries, the delivery switches, and replay. */
class WebhookTest {
    private static final String JO = "1700000000000000002";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private XStandIn x;
    private FakeDesk desk;

    @AfterEach
    void close() {
        if (x != null) {
            x.close();
        }
        if (desk != null) {
            desk.close();
        }
    }

    private Client start(Options options, String deskSecret) throws Exception {
        x = XStandIn.start(options);
        desk = new FakeDesk(deskSecret);
        return new Client(x);
    }

    /** Registers the desk's webhook and subscribes the IT account with Account Activity; returns the webhook id. */
    private String goLive(Client client) {
        Client.Reply created = client.app("POST", "/2/webhooks", Json.write(Json.object().put("url", desk.url())));
        assertThat(created.status()).isEqualTo(200);
        String id = created.json().path("data").path("id").asText();
        assertThat(client.user("POST", "/2/account_activity/webhooks/" + id + "/subscriptions/all", null).status()).isEqualTo(200);
        return id;
    }

    @Test
    void theCrcIsAnsweredWithTheClientSecretWhenTheAppHasOne() throws Exception {
        Client client = start(Options.defaults(), "test-client-secret");
        Client.Reply created = client.app("POST", "/2/webhooks", Json.write(Json.object().put("url", desk.url())));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().path("data").path("valid").asBoolean()).isTrue();
        assertThat(created.json().path("data").path("created_at").asText()).endsWith("Z");
        // The token is X-shaped base64 and arrives percent-encoded; the desk decoded it before signing.
        assertThat(desk.crcTokens).singleElement().satisfies(t -> assertThat(t).hasSize(44));
    }

    @Test
    void anAppWithOnlyAConsumerSecretIsCheckedWithIt() throws Exception {
        Options consumerOnly = Options.defaults().withCredentials("key", "only-consumer-secret", "1600000000000000001-t", "ts",
                Options.defaults().bearerToken(), "");
        Client client = start(consumerOnly, "only-consumer-secret");
        assertThat(client.app("POST", "/2/webhooks", Json.write(Json.object().put("url", desk.url()))).status()).isEqualTo(200);
    }

    @Test
    void aCrcAnsweredWithTheWrongSecretIsCrcValidationFailed() throws Exception {
        Client client = start(Options.defaults(), "test-consumer-secret");
        Client.Reply refused = client.app("POST", "/2/webhooks", Json.write(Json.object().put("url", desk.url())));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("errors").get(0).path("message").asText()).startsWith("CrcValidationFailed: ");
        assertThat(refused.json().path("type").asText()).endsWith("/2/problems/invalid-request");
        assertThat(x.webhooks()).isEmpty();
    }

    @Test
    void registeringTwiceIsDuplicateUrlFailedAndASecondUrlIsOverTheLimit() throws Exception {
        Client client = start(Options.defaults(), "test-client-secret");
        String id = goLive(client);
        Client.Reply again = client.app("POST", "/2/webhooks", Json.write(Json.object().put("url", desk.url())));
        assertThat(again.json().path("errors").get(0).path("message").asText()).startsWith("DuplicateUrlFailed: ");
        Client.Reply other = client.app("POST", "/2/webhooks", Json.write(Json.object().put("url", desk.url() + "/v2")));
        assertThat(other.json().path("errors").get(0).path("message").asText()).startsWith("WebhookLimitExceeded: ");
        Client.Reply subscribeAgain = client.user("POST", "/2/account_activity/webhooks/" + id + "/subscriptions/all", null);
        assertThat(subscribeAgain.status()).isEqualTo(400);
        assertThat(subscribeAgain.json().path("errors").get(0).path("message").asText()).startsWith("DuplicateSubscriptionFailed: ");

        JsonNode list = client.app("GET", "/2/webhooks", null).json();
        assertThat(list.path("data")).hasSize(1);
        assertThat(list.path("meta").path("result_count").asInt()).isEqualTo(1);
        assertThat(client.user("GET", "/2/account_activity/webhooks/" + id + "/subscriptions/all", null).json()
                .path("data").path("subscribed").asBoolean()).isTrue();
        assertThat(client.app("GET", "/2/account_activity/webhooks/" + id + "/subscriptions/all/list", null).json()
                .path("data").path("subscriptions").get(0).path("user_id").asText()).isEqualTo(x.options().accountId());

        assertThat(client.app("DELETE", "/2/webhooks/" + id, null).json().path("data").path("deleted").asBoolean()).isTrue();
        assertThat(client.app("DELETE", "/2/webhooks/" + id, null).json().path("errors").get(0).path("message").asText())
                .startsWith("WebhookIdInvalid: ");
    }

    @Test
    void aPutWhoseCheckFailsIsXsDocumented400CrcValidationFailedAndOneThatPassesIsValid() throws Exception {
        Client client = start(Options.defaults(), "test-client-secret");
        String id = goLive(client);
        x.setWebhookDown(true);
        Client.Reply failed = client.app("PUT", "/2/webhooks/" + id, null);
        assertThat(failed.status()).isEqualTo(400);
        assertThat(failed.json().path("errors").get(0).path("message").asText()).startsWith("CrcValidationFailed: ");
        assertThat(x.webhooks()).singleElement().extracting(XStandIn.Webhook::valid).isEqualTo(false);
        x.setWebhookDown(false);
        desk.crcSecret("a-rotated-secret");
        assertThat(client.app("PUT", "/2/webhooks/" + id, null).status()).isEqualTo(400);
        desk.crcSecret("test-client-secret");
        Client.Reply passed = client.app("PUT", "/2/webhooks/" + id, null);
        assertThat(passed.status()).isEqualTo(200);
        assertThat(passed.json().path("data").path("valid").asBoolean()).isTrue();
    }

    private MutableClock base;
    private int checksBefore;

    /** Registers at a fixed X time, has the desk answer CRCs as given, then lets a day pass: the periodic CRC is due. */
    private void aDayAfterGoingLive(Runnable thenTheDesk) throws Exception {
        base = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
        goLive(start(Options.defaults().withTime(60, base), "test-client-secret"));
        thenTheDesk.run();
        xTimePasses(Duration.ofHours(24).plusMinutes(1));
    }

    private void xTimePasses(Duration xTime) {
        checksBefore = x.deliveries().size();
        base.tick(Duration.ofSeconds(xTime.toMinutes())); // one X minute per second at scale 60
    }

    /** Whether X holds the webhook valid after the periodic check that followed (recorded once it took effect). */
    private boolean validAfterTheNextCheck() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (x.deliveries().size() == checksBefore && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(x.deliveries()).as("X made its periodic check").hasSizeGreaterThan(checksBefore);
        return x.webhooks().get(0).valid();
    }

    @Test
    void aPeriodicCrcAnsweredWithAWrongTokenInvalidatesTheWebhookAtOnce() throws Exception {
        aDayAfterGoingLive(() -> desk.crcSecret("a-rotated-secret"));
        assertThat(validAfterTheNextCheck()).isFalse();
        x.userPosts(JO, "jo_student", "@ITHelp not delivered to an invalid webhook");
        assertThat(x.awaitDeliveries(WAIT)).isTrue();
        assertThat(desk.received).isEmpty();
    }

    @Test
    void aPeriodicCrcAnsweredWithARedirectInvalidatesTheWebhookAtOnce() throws Exception {
        aDayAfterGoingLive(() -> desk.answerCrcWith(302));
        assertThat(validAfterTheNextCheck()).isFalse();
    }

    @Test
    void aPeriodicCrcThatFailsTransientlyIsGracedUntilTwentyEightHoursWithoutSuccess() throws Exception {
        aDayAfterGoingLive(() -> desk.answerCrcWith(503));
        assertThat(validAfterTheNextCheck()).isTrue();
        xTimePasses(Duration.ofHours(3)); // 27 X hours since the last success
        assertThat(validAfterTheNextCheck()).isTrue();
        xTimePasses(Duration.ofMinutes(61)); // past 28
        assertThat(validAfterTheNextCheck()).isFalse();
    }

    @Test
    void httpsWithoutAPortIsRequiredOffLoopback() throws Exception {
        Client client = start(Options.defaults(), "test-client-secret");
        Client.Reply plain = client.app("POST", "/2/webhooks", Json.write(Json.object().put("url", "http://desk.example.edu/webhooks/twitter")));
        assertThat(plain.json().path("errors").get(0).path("message").asText()).startsWith("UrlValidationFailed: ");
        Client.Reply port = client.app("POST", "/2/webhooks", Json.write(Json.object().put("url", "https://desk.example.edu:8443/webhooks/twitter")));
        assertThat(port.json().path("errors").get(0).path("message").asText()).startsWith("UrlValidationFailed: ");
    }

    @Test
    void aMentionIsDeliveredAsAnAccountActivityEnvelopeSignedWithBothSecrets() throws Exception {
        Client client = start(Options.defaults(), "test-client-secret");
        goLive(client);
        Post post = x.userPosts(JO, "jo_student", "@ITHelp #blackboard I can't open my grades & marks");
        assertThat(x.awaitDeliveries(WAIT)).isTrue();

        FakeDesk.Received received = desk.received.get(0);
        byte[] raw = received.body().getBytes(StandardCharsets.UTF_8);
        assertThat(received.oauth2Signature()).isEqualTo(Hooks.signature("test-client-secret", raw));
        assertThat(received.legacySignature()).isEqualTo(Hooks.signature("test-consumer-secret", raw));

        JsonNode envelope = received.json();
        assertThat(envelope.path("for_user_id").asText()).isEqualTo(x.options().accountId());
        assertThat(envelope.path("user_has_blocked").asText()).isEqualTo("false");
        JsonNode tweet = envelope.path("tweet_create_events").get(0);
        assertThat(tweet.path("id_str").asText()).isEqualTo(post.id());
        assertThat(tweet.path("text").asText()).contains("&amp; marks");
        assertThat(tweet.path("created_at").asText()).matches("\\w{3} \\w{3} \\d\\d \\d\\d:\\d\\d:\\d\\d \\+0000 \\d{4}");
        assertThat(tweet.path("user").path("screen_name").asText()).isEqualTo("jo_student");
        assertThat(tweet.path("in_reply_to_status_id_str").isNull()).isTrue();
        assertThat(tweet.path("entities").path("hashtags").get(0).path("text").asText()).isEqualTo("blackboard");
        assertThat(tweet.path("entities").path("user_mentions").get(0).path("id_str").asText()).isEqualTo(x.options().accountId());
    }

    @Test
    void anAppWithOnlyAClientSecretGetsOnlyTheNewHeader() throws Exception {
        Options clientOnly = Options.defaults().withCredentials("key", "", "1600000000000000001-t", "ts",
                Options.defaults().bearerToken(), "only-client-secret");
        Client client = start(clientOnly, "only-client-secret");
        goLive(client);
        x.userSendsDm(JO, "jo_student", "status");
        assertThat(x.awaitDeliveries(WAIT)).isTrue();
        assertThat(desk.received.get(0).legacySignature()).isNull();
        assertThat(desk.received.get(0).oauth2Signature()).startsWith("sha256=");
    }

    @Test
    void sentDmsAndPostsAreEchoedAndBlocksAndDeletesDelivered() throws Exception {
        Client client = start(Options.defaults(), "test-client-secret");
        goLive(client);
        Post mention = x.userPosts(JO, "jo_student", "@ITHelp #wifi down");
        client.dm(JO, "INC0001042 opened");
        String ownReply = client.reply("@jo_student INC0001042: we are on it", mention.id()).json().path("data").path("id").asText();
        // AAI: deletions are delivered for the subscribed account's own posts only, never a reporter's.
        x.deletePost(mention.id());
        x.deletePost(ownReply);
        x.accountBlocks(JO);
        x.userBlocksAccount("1700000000000000009");
        assertThat(x.awaitDeliveries(WAIT)).isTrue();

        List<JsonNode> bodies = desk.bodies();
        assertThat(bodies).hasSize(6);
        JsonNode dm = bodies.get(1).path("direct_message_events").get(0);
        assertThat(dm.path("message_create").path("sender_id").asText()).isEqualTo(x.options().accountId());
        assertThat(dm.path("message_create").path("source_app_id").asText()).isEqualTo(x.options().appId());
        assertThat(bodies.get(1).path("users").has(JO)).isTrue();
        JsonNode echoed = bodies.get(2).path("tweet_create_events").get(0);
        assertThat(echoed.path("user").path("id_str").asText()).isEqualTo(x.options().accountId());
        assertThat(echoed.path("in_reply_to_status_id_str").asText()).isEqualTo(mention.id());
        assertThat(bodies.get(2).has("user_has_blocked")).isFalse();
        assertThat(bodies.get(3).path("tweet_delete_events")).singleElement()
                .satisfies(deleted -> assertThat(deleted.path("status").path("id").asText()).isEqualTo(ownReply));
        JsonNode block = bodies.get(4).path("block_events").get(0);
        assertThat(block.path("type").asText()).isEqualTo("block");
        assertThat(block.path("source").path("id_str").asText()).isEqualTo(x.options().accountId());
        assertThat(block.path("target").path("id_str").asText()).isEqualTo(JO);
        // AAI: blocks both by and of the subscribed user — a user blocking the account is delivered too, source the blocker.
        JsonNode ofAccount = bodies.get(5).path("block_events").get(0);
        assertThat(bodies.get(5).path("for_user_id").asText()).isEqualTo(x.options().accountId());
        assertThat(ofAccount.path("type").asText()).isEqualTo("block");
        assertThat(ofAccount.path("source").path("id_str").asText()).isEqualTo("1700000000000000009");
        assertThat(ofAccount.path("target").path("id_str").asText()).isEqualTo(x.options().accountId());
        // A mention by a user the account blocked says so.
        x.userPosts(JO, "jo_student", "@ITHelp hello again");
        assertThat(x.awaitDeliveries(WAIT)).isTrue();
        assertThat(desk.bodies().get(6).path("user_has_blocked").asText()).isEqualTo("true");
    }

    @Test
    void activityApiSubscriptionsDeliverTheirOwnEnvelope() throws Exception {
        Client client = start(Options.defaults(), "test-client-secret");
        String id = client.app("POST", "/2/webhooks", Json.write(Json.object().put("url", desk.url()))).json().path("data").path("id").asText();
        String account = x.options().accountId();
        for (String type : List.of("post.mention.create", "dm.received")) {
            var body = Json.object().put("event_type", type).put("tag", type.replace('.', '-')).put("webhook_id", id);
            body.putObject("filter").put("user_id", account);
            Client.Reply created = client.app("POST", "/2/activity/subscriptions", Json.write(body));
            assertThat(created.status()).isEqualTo(200);
            assertThat(created.json().path("data").path("subscription").path("event_type").asText()).isEqualTo(type);
        }
        var duplicate = Json.object().put("event_type", "dm.received").put("tag", "dm-received").put("webhook_id", id);
        duplicate.putObject("filter").put("user_id", account);
        assertThat(client.app("POST", "/2/activity/subscriptions", Json.write(duplicate)).status()).isEqualTo(400);
        var foreign = Json.object().put("event_type", "dm.received").put("webhook_id", id);
        foreign.putObject("filter").put("user_id", JO);
        assertThat(client.app("POST", "/2/activity/subscriptions", Json.write(foreign)).status()).isEqualTo(403);
        assertThat(client.app("GET", "/2/activity/subscriptions", null).json().path("data")).hasSize(2);

        Post mention = x.userPosts(JO, "jo_student", "@ITHelp #wifi down");
        x.userSendsDm(JO, "jo_student", "status");
        assertThat(x.awaitDeliveries(WAIT)).isTrue();

        JsonNode postEvent = desk.bodies().get(0).path("data");
        assertThat(postEvent.path("event_type").asText()).isEqualTo("post.mention.create");
        assertThat(postEvent.path("filter").path("user_id").asText()).isEqualTo(account);
        assertThat(postEvent.path("tag").asText()).isEqualTo("post-mention-create");
        assertThat(postEvent.path("event_uuid").asText()).matches("-?[0-9]{1,19}");
        assertThat(postEvent.path("payload").path("id").asText()).isEqualTo(mention.id());
        assertThat(postEvent.path("payload").path("author_id").asText()).isEqualTo(JO);
        assertThat(postEvent.path("payload").path("entities").path("mentions").get(0).path("start_str").asText()).isEqualTo("0");
        assertThat(postEvent.path("includes").path("users").get(0).path("username").asText()).isEqualTo("jo_student");
        JsonNode dmEvent = desk.bodies().get(1).path("data");
        assertThat(dmEvent.path("event_type").asText()).isEqualTo("dm.received");
        assertThat(dmEvent.path("payload").path("direct_message_events").get(0).path("message_create").path("sender_id").asText()).isEqualTo(JO);
        assertThat(dmEvent.path("payload").path("users").path(JO).path("data").path("username").asText()).isEqualTo("jo_student");
    }

    @Test
    void whileTheWebhookIsDownEventsAreLostAndReplayBringsThemBack() throws Exception {
        MutableClock base = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
        Client client = start(Options.defaults().withTime(60, base), "test-client-secret");
        String id = goLive(client);
        Instant outageStart = x.now();
        x.setWebhookDown(true);
        Post lost1 = x.userPosts(JO, "jo_student", "@ITHelp #wifi down");
        x.userSendsDm(JO, "jo_student", "any news?");
        assertThat(x.awaitDeliveries(WAIT)).isTrue();
        x.setWebhookDown(false);
        assertThat(desk.received).isEmpty();
        assertThat(x.deliveries()).filteredOn(d -> d.kind() != Delivery.Kind.CRC)
                .allSatisfy(d -> assertThat(d.status()).isEqualTo(Delivery.NOT_SENT));

        DateTimeFormatter minute = DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);
        var request = Json.object().put("webhook_id", id).put("from_date", minute.format(outageStart))
                .put("to_date", minute.format(x.now()));
        // AAA's timing rules: from_date at least 31 minutes old, to_date at least 10.
        assertThat(client.app("POST", "/2/webhooks/replay", Json.write(request)).json().path("errors").get(0)
                .path("message").asText()).startsWith("QueryParamInvalid: ");
        base.tick(Duration.ofSeconds(32)); // 32 X minutes at scale 60
        Client.Reply job = client.app("POST", "/2/webhooks/replay", Json.write(request));
        assertThat(job.status()).isEqualTo(200);
        assertThat(job.json().path("data").path("job_id").asText()).isNotEmpty();
        assertThat(job.json().path("data").path("created_at").asText()).isNotEmpty();
        assertThat(x.awaitDeliveries(WAIT)).isTrue();

        assertThat(desk.bodies()).hasSize(3);
        assertThat(desk.bodies().get(0).path("tweet_create_events").get(0).path("id_str").asText()).isEqualTo(lost1.id());
        assertThat(desk.bodies().get(1).has("direct_message_events")).isTrue();
        // AAQ: the job's end is delivered too, Complete when every event reached the webhook.
        JsonNode status = desk.bodies().get(2).path("replay_job_status");
        assertThat(status.path("job_state").asText()).isEqualTo("Complete");
        assertThat(status.path("job_id").asText()).isEqualTo(job.json().path("data").path("job_id").asText());
        assertThat(status.path("webhook_id").asText()).isEqualTo(id);
        assertThat(x.deliveries()).filteredOn(d -> d.kind() == Delivery.Kind.REPLAY).allMatch(Delivery::delivered);

        // A replay whose events the webhook refuses ends Incomplete: the client is to ask again.
        desk.answerWith(503);
        assertThat(client.app("POST", "/2/webhooks/replay", Json.write(request)).status()).isEqualTo(200);
        assertThat(x.awaitDeliveries(WAIT)).isTrue();
        assertThat(desk.bodies().get(desk.bodies().size() - 1).path("replay_job_status").path("job_state").asText()).isEqualTo("Incomplete");

        var stale = Json.object().put("webhook_id", id).put("from_date", minute.format(outageStart.minus(Duration.ofHours(25))))
                .put("to_date", minute.format(outageStart));
        assertThat(client.app("POST", "/2/webhooks/replay", Json.write(stale)).status()).isEqualTo(400);
    }

    @Test
    void deliveriesCanComeTwiceOrOutOfOrder() throws Exception {
        Client client = start(Options.defaults(), "test-client-secret");
        goLive(client);
        x.deliverTwice(1);
        x.userPosts(JO, "jo_student", "@ITHelp twice");
        assertThat(x.awaitDeliveries(WAIT)).isTrue();
        assertThat(desk.bodies()).hasSize(2);
        assertThat(desk.received.get(0).body()).isEqualTo(desk.received.get(1).body());

        x.holdBack(3);
        Post a = x.userPosts(JO, "jo_student", "@ITHelp #blackboard first");
        Post b = x.userPosts("1700000000000000004", "sam_ta", "@jo_student @ITHelp clear the cache", a.id());
        Post c = x.userPosts("1700000000000000005", "staff_kb", "@sam_ta @ITHelp #kb https://kb.example.edu/1", b.id());
        assertThat(x.awaitDeliveries(WAIT)).isTrue();
        List<String> order = desk.bodies().subList(2, 5).stream()
                .map(e -> e.path("tweet_create_events").get(0).path("id_str").asText()).toList();
        assertThat(order).containsExactly(c.id(), b.id(), a.id());
    }

    @Test
    void aWebhookThatAnswersAnErrorLosesTheEvent() throws Exception {
        Client client = start(Options.defaults(), "test-client-secret");
        goLive(client);
        desk.answerWith(500);
        x.userPosts(JO, "jo_student", "@ITHelp lost");
        assertThat(x.awaitDeliveries(WAIT)).isTrue();
        assertThat(x.deliveries()).filteredOn(d -> d.kind() == Delivery.Kind.ACCOUNT_ACTIVITY)
                .singleElement().satisfies(d -> assertThat(d.status()).isEqualTo(500));
    }

    @Test
    void revocationAndTheActivityApisBlockAndDeleteEventsAreDelivered() throws Exception {
        Client client = start(Options.defaults(), "test-client-secret");
        String id = goLive(client);
        String account = x.options().accountId();
        for (String type : List.of("block.block", "post.delete")) {
            var body = Json.object().put("event_type", type).put("webhook_id", id);
            body.putObject("filter").put("user_id", account);
            assertThat(client.user("POST", "/2/activity/subscriptions", Json.write(body)).status()).isEqualTo(200);
        }
        String own = client.tweet("#maintenance tonight").json().path("data").path("id").asText();
        x.deletePost(own);
        x.userBlocksAccount("1700000000000000009");
        x.accountBlocks(JO);
        x.revokeAccess();
        assertThat(x.awaitDeliveries(WAIT)).isTrue();

        // XEP: block.* filter on the blocker, so only the account's own block comes as block.block.
        assertThat(desk.bodies()).filteredOn(b -> "block.block".equals(b.path("data").path("event_type").asText()))
                .singleElement().satisfies(b -> assertThat(b.path("data").path("payload").path("source").path("data")
                        .path("id").asText()).isEqualTo(account));
        List<String> kinds = desk.bodies().stream().map(b -> b.has("data") ? b.path("data").path("event_type").asText()
                : b.fieldNames().hasNext() ? String.join(",", (Iterable<String>) b::fieldNames) : "").toList();
        assertThat(kinds).contains("post.delete", "block.block", "oauth.revoke");
        JsonNode delete = desk.bodies().stream().filter(b -> "post.delete".equals(b.path("data").path("event_type").asText())).findFirst().orElseThrow();
        assertThat(delete.path("data").path("payload").path("id").asText()).isEqualTo(own);
        assertThat(delete.path("data").path("includes").path("users").get(0).path("data").path("id").asText()).isEqualTo(account);
        JsonNode block = desk.bodies().stream().filter(b -> "block.block".equals(b.path("data").path("event_type").asText())).findFirst().orElseThrow();
        assertThat(block.path("data").path("payload").path("target").path("data").path("id").asText()).isEqualTo(JO);
        JsonNode revoke = desk.bodies().stream().filter(b -> b.has("user_event")).findFirst().orElseThrow();
        assertThat(revoke.path("user_event").path("revoke").path("date_time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00");
        assertThat(revoke.path("user_event").path("revoke").path("source").path("user_id").asText()).isEqualTo(account);
        // LEG: the revocation removes the Account Activity subscription; the user token is dead too.
        assertThat(client.app("GET", "/2/account_activity/webhooks/" + id + "/subscriptions/all/list", null).json()
                .path("data").path("subscriptions")).isEmpty();
        assertThat(client.user("GET", "/2/users/me", null).status()).isEqualTo(401);
        assertThat(x.internalErrors()).isEmpty();
    }

    @Test
    void accountActivitySubscriptionsCanBeCountedAndRemoved() throws Exception {
        Client client = start(Options.defaults(), "test-client-secret");
        String id = goLive(client);
        JsonNode count = client.app("GET", "/2/account_activity/subscriptions/count", null).json().path("data");
        assertThat(count.path("subscriptions_count_all").asText()).isEqualTo("1");
        String account = x.options().accountId();
        assertThat(client.app("DELETE", "/2/account_activity/webhooks/" + id + "/subscriptions/" + account + "/all", null)
                .json().path("data").path("subscribed").asBoolean()).isFalse();
        assertThat(client.app("DELETE", "/2/account_activity/webhooks/" + id + "/subscriptions/" + account + "/all", null)
                .json().path("errors").get(0).path("message").asText()).startsWith("SubscriptionNotFound: ");
        x.userPosts(JO, "jo_student", "@ITHelp nobody listens");
        assertThat(x.awaitDeliveries(WAIT)).isTrue();
        assertThat(desk.received).isEmpty();
    }
}
