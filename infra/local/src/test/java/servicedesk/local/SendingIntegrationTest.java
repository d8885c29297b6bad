package servicedesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import servicedesk.format.Json;
import servicedesk.messaging.OutboundKeys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import servicedesk.xstandin.AccountFailure;
import servicedesk.xstandin.DmEvent;
import servicedesk.xstandin.Post;
import servicedesk.xstandin.RateLimitHeaders;
import servicedesk.xstandin.XLimit;

/**
 * Sending on X as X's reference says X answers (issue 17), through the X stand-in: account-wide failures
 * pause everything and resume by themselves, each refusal of one message is handled its own way, rate windows
 * are taken as X gives them (with and without headers, 24-hour caps included), and a message whose outcome is
 * unknown is looked up and then marked sent or sent once.
 */
class SendingIntegrationTest extends StandInDesk {
    private static final String REPORT = "@ITHelp #blackboard I can't open my grades";

    @BeforeEach
    void live() throws Exception {
        goLive();
    }

    /** A user posts on X; the desk receives it and does everything it causes. */
    private Post reports(String userId, String handle, String text) {
        Post post = x.userPosts(userId, handle, text);
        settle();
        return post;
    }

    private void delivered() {
        settle();
    }

    /** The sender woken (as its queued wake-up or the heartbeat would), then everything that follows. */
    private void wakeTheSender() {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(UUID.randomUUID().toString());
        message.setBody(new OutboundKeys(List.of()).json());
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        desk.invoke("SenderFunction", event);
        settle();
    }

    /**
     * X's time moves on by {@code duration}; then the sender is woken. The wake-ups the sender queued itself wait
     * on the queue in real time, which does not jump with X's: this wake stands in for them, so a test moves X's
     * time to (or past) the moment the desk waits for, or the desk rightly waits for a wake-up that never comes.
     */
    private void later(Duration duration) {
        x.advance(duration);
        wakeTheSender();
    }

    private JsonNode outbox() {
        return getJson("/outbox", Map.of());
    }

    /** The state and failure of an outbox message, as the table holds it. */
    private String messageState(String key) {
        var item = desk.dynamoDb().getItem(get -> get.tableName(desk.tableName("IncidentsTable"))
                .key(Map.of("pk", AttributeValue.fromS("MSG#" + key), "sk", AttributeValue.fromS("MSG")))).item();
        return item.get("deliveryState").s() + (item.containsKey("failure") ? ": " + item.get("failure").s() : "");
    }

    private List<String> timeline(String number) {
        return incident(number).path("timeline").findValuesAsText("text");
    }

    /** Requests the stand-in answered for a method and path (a regex). */
    private List<DmEvent> dmEventsTo(String userId) {
        return x.sentDms().stream().filter(dm -> dm.recipientId().equals(userId)).toList();
    }

    private List<Post> repliesUnder(String postId) {
        return x.sentPosts().stream().filter(post -> postId.equals(post.inReplyToId())).toList();
    }

    @ParameterizedTest
    @EnumSource(AccountFailure.class)
    void anAccountWideFailurePausesAllSendingAlarmsOnceAndResumesByItselfWhenXAcceptsAgain(AccountFailure failure) {
        String onCall = DeskLooks.subscribe(desk, "OnCallTopic");
        x.setAccountFailure(failure);

        reports(JO, "jo_student", REPORT);
        reports(SAM, "sam_k", "@ITHelp #wifi no signal in the library");

        assertThat(x.sentDms()).isEmpty();
        assertThat(messageState("opened:" + x.posts().get(1).id())).isEqualTo("PENDING");
        JsonNode paused = outbox().path("paused");
        assertThat(paused.path("problem").asText()).isEqualTo(switch (failure) {
            case CREDENTIALS_INVALID -> "CREDENTIALS";
            case CREDITS_DEPLETED -> "CREDITS";
            case CLIENT_FORBIDDEN, APP_PERMISSIONS -> "FORBIDDEN";
            case USAGE_CAPPED -> "USAGE_CAPPED";
        });
        assertThat(outbox().path("waiting").asInt()).isEqualTo(2);
        // One write reached X and told the desk; nothing else is tried while paused.
        assertThat(requests("POST", "/2/dm_conversations/with/[0-9]+/messages")).isEqualTo(1);

        // Probes back off while X still refuses; one notice to on-call in all.
        later(Duration.ofSeconds(30));
        later(Duration.ofSeconds(60));
        // The probe proves what was refused: the account read for credentials, credits and caps; a DM read,
        // which needs the app's Direct Message permission, for a 403 about the app's access.
        boolean forbidden = failure == AccountFailure.CLIENT_FORBIDDEN || failure == AccountFailure.APP_PERMISSIONS;
        assertThat(requests("GET", "/2/users/me")).isEqualTo(forbidden ? 0 : 2);
        assertThat(requests("GET", "/2/dm_events")).isEqualTo(forbidden ? 2 : 0);
        assertThat(x.sentDms()).isEmpty();
        List<String> notices = DeskLooks.received(desk, onCall);
        assertThat(notices).as(logText()).hasSize(1);
        assertThat(notices.get(0)).contains("paused");

        // X accepts again: within five minutes (the next probe is at most four minutes away) everything goes.
        x.clearAccountFailure();
        Instant accepting = x.now();
        later(Duration.ofMinutes(2));
        later(Duration.ofMinutes(2));
        assertThat(dmEventsTo(JO)).hasSize(1);
        assertThat(dmEventsTo(SAM)).hasSize(1);
        assertThat(Duration.between(accepting, x.now())).isLessThanOrEqualTo(Duration.ofMinutes(5));
        assertThat(outbox().path("paused").isNull()).isTrue();
        assertThat(DeskLooks.received(desk, onCall)).isEmpty();
        assertThat(x.duplicates()).isEmpty();
    }

    @Test
    void aRecipientWhoDoesNotAcceptDmsGetsThePublicReplyAndIsRememberedForTheNextMessage() {
        x.userClosesDms(JO);

        Post report = reports(JO, "jo_student", REPORT);

        assertThat(x.sentDms()).isEmpty();
        assertThat(repliesUnder(report.id())).singleElement()
                .satisfies(reply -> assertThat(reply.originalText()).contains("INC0000001").doesNotContain("grades"));
        assertThat(timeline("INC0000001")).anyMatch(text -> text.contains("does not accept DMs"));

        Post second = reports(JO, "jo_student", "@ITHelp #wifi and the wifi too");

        assertThat(requests("POST", "/2/dm_conversations/with/" + JO + "/messages")).isEqualTo(1);
        assertThat(repliesUnder(second.id())).singleElement()
                .satisfies(reply -> assertThat(reply.originalText()).contains("INC0000002"));
    }

    @Test
    void someoneWhoBlocksTheAccountUnheardOfGetsNothingAndTheMessageFailsOnceWithItsReason() {
        // The block's delivery is lost (the webhook down): only X's refusals tell the desk.
        x.setWebhookDown(true);
        x.userBlocksAccount(JO);
        x.awaitDeliveries(Duration.ofSeconds(10));
        x.setWebhookDown(false);

        reports(JO, "jo_student", REPORT);
        later(Duration.ofMinutes(15));

        assertThat(requests("POST", "/2/dm_conversations/with/" + JO + "/messages")).isEqualTo(1);
        assertThat(requests("POST", "/2/tweets")).isEqualTo(1);
        assertThat(x.sentDms()).isEmpty();
        assertThat(x.sentPosts()).isEmpty();
        assertThat(messageState("opened:" + x.posts().get(0).id())).startsWith("FAILED").contains("deleted or not visible");
    }

    @Test
    void someoneWhoBlockedTheAccountIsSentNothingAboutTheirIncidentOrAnOutageUntilTheyUnblockIt() {
        // Account Activity delivers blocks of the account (AAI: both by the subscribed user and of them).
        x.userBlocksAccount(JO);
        delivered();

        Post report = reports(JO, "jo_student", REPORT);
        announce("outage", "{\"kind\":\"outage\",\"service\":\"blackboard\",\"text\":\"Blackboard is down\"}");
        later(Duration.ofMinutes(15));

        assertThat(incidents()).hasSize(1);
        assertThat(requests("POST", "/2/dm_conversations/with/" + JO + "/messages")).isZero();
        assertThat(x.sentPosts()).extracting(Post::originalText).singleElement().asString().startsWith("#outage #blackboard");
        assertThat(messageState("opened:" + report.id())).isEqualTo("WITHHELD: the recipient has blocked the IT account");
        assertThat(messageState("told:OUT0000001:OUTAGE:" + JO)).isEqualTo("WITHHELD: the recipient has blocked the IT account");

        x.userUnblocksAccount(JO);
        delivered();
        reports(JO, "jo_student", "@ITHelp #wifi and the wifi too");
        later(Duration.ofMinutes(1));
        assertThat(dmsTo(JO)).singleElement().asString().contains("INC0000002");
    }

    @Test
    void aDuplicateAnnouncementIsPostedWithTheTimeAddedAndAThreadWhoseFirstPostIsGoneGoesOnItsOwn() {
        announce("first", "{\"kind\":\"maintenance\",\"service\":\"email\",\"text\":\"Email maintenance tonight\","
                + "\"windowStart\":\"2030-01-01T22:00:00Z\",\"windowEnd\":\"2030-01-01T23:00:00Z\"}");
        announce("second", "{\"kind\":\"maintenance\",\"service\":\"email\",\"text\":\"Email maintenance tonight\","
                + "\"windowStart\":\"2030-01-02T22:00:00Z\",\"windowEnd\":\"2030-01-02T23:00:00Z\"}");

        assertThat(x.sentPosts()).extracting(Post::originalText).hasSize(2)
                .allMatch(text -> text.startsWith("#maintenance #email Email maintenance tonight"))
                .anyMatch(text -> text.matches(".*\\(\\d\\d:\\d\\d UTC\\)"));

        announce("outage", "{\"kind\":\"outage\",\"service\":\"vpn\",\"text\":\"VPN is down\"}");
        Post first = x.sentPosts().get(2);
        x.deletePost(first.id());
        announce("update", "{\"kind\":\"update\",\"service\":\"vpn\",\"text\":\"VPN: cause identified\"}");

        Post update = x.sentPosts().get(3);
        assertThat(update.originalText()).contains("VPN: cause identified");
        assertThat(update.inReplyToId()).isNull();
    }

    private void announce(String key, String body) {
        assertThat(desk.http("POST", "/announcements", Map.of(), Map.of("idempotency-key", key), body).getStatusCode())
                .isEqualTo(201);
        delivered();
    }

    @Test
    void anAcknowledgementXWillNotLetTheDeskPostAsAReplyIsPostedAddressedToTheReporter() {
        announce("outage", "{\"kind\":\"outage\",\"service\":\"vpn\",\"text\":\"VPN is down\"}");
        Post announcement = x.sentPosts().get(0);
        x.userClosesDms(SAM);

        // A reply under the account's post that does not mention it: X refuses replies under it (self-serve).
        Post report = x.userPosts(SAM, "sam_k", "#blackboard and now blackboard is down too", announcement.id());
        settle();

        assertThat(requests("POST", "/2/dm_conversations/with/" + SAM + "/messages")).isEqualTo(1);
        assertThat(requests("POST", "/2/tweets")).isEqualTo(3);
        assertThat(repliesUnder(report.id())).isEmpty();
        assertThat(x.sentPosts().get(1).originalText()).startsWith("@sam_k ").contains("INC0000001");
        assertThat(x.sentPosts().get(1).inReplyToId()).isNull();
        assertThat(timeline("INC0000001")).anyMatch(text -> text.contains("the reply restriction"));
    }

    @Test
    void aRateLimitedAcknowledgementGoesPubliclyAndAnAnswerWaitsForTheReset() {
        Instant spending = x.now();
        x.spend(XLimit.DMS_PER_USER_15_MIN, 15);
        Instant spent = x.now();

        Post report = reports(JO, "jo_student", REPORT);

        assertThat(x.tooManyRequests()).isEqualTo(1);
        assertThat(repliesUnder(report.id())).singleElement()
                .satisfies(reply -> assertThat(reply.originalText()).startsWith("Thanks, we've logged this as INC0000001."));

        x.userSendsDm(JO, "jo_student", "status");
        delivered();
        assertThat(x.sentDms()).isEmpty();
        assertThat(x.tooManyRequests()).isEqualTo(1);
        assertThat(outbox().path("waitingByClass").path("ANSWER").asInt()).as("the answer waits: %s", outbox()).isEqualTo(1);
        // X names the reset in whole epoch seconds, cut down to the second, and the desk waits out the second it
        // names: the answer goes up to a second after the quarter-hour, not at it. Exactly 15 minutes on would be
        // too early whenever the steps since the spend took less than the rest of that second.
        Instant sendAt = Instant.parse(outbox().path("expectedLastSendAt").asText());
        assertThat(sendAt).isAfter(spending.plus(Duration.ofMinutes(15)))
                .isBeforeOrEqualTo(spent.plus(Duration.ofMinutes(15)).plusSeconds(1));

        later(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(dmEventsTo(JO)).as("after the reset, the outbox: %s", outbox()).singleElement()
                .satisfies(dm -> assertThat(dm.text()).contains("INC0000001"));
        assertThat(x.tooManyRequests()).isEqualTo(1);
    }

    @Test
    void aRateLimitWithoutAResetHeaderBacksOffAndNothingIsLeftSending() {
        x.setResetHeaderOn429(false);
        x.spend(XLimit.DMS_PER_USER_15_MIN, 15);
        Instant asked = x.now();
        x.userSendsDm(JO, "jo_student", "status");
        delivered();

        assertThat(x.tooManyRequests()).isEqualTo(1);
        JsonNode dms = outbox().path("lanes").get(0);
        assertThat(dms.path("lane").asText()).isEqualTo("DIRECT_MESSAGES");
        // The first back-off is 15 to 30 seconds (half of 30, plus jitter) from the 429, which came between these two
        // moments of X's time: bounded by them, not by how long the steps since the 429 took (X's time runs
        // with the real one). The outbox shows the back-off only while it lasts: at least 15 s of slack.
        Instant backoff = Instant.parse(dms.path("backoffUntil").asText());
        assertThat(backoff).isAfterOrEqualTo(asked.plusSeconds(15)).isBeforeOrEqualTo(x.now().plusSeconds(30));
        assertThat(logText()).doesNotContain("NullPointerException");

        later(Duration.ofSeconds(31));
        assertThat(x.tooManyRequests()).isEqualTo(2);
        later(Duration.ofMinutes(15));
        assertThat(x.sentDms()).hasSize(1);
        assertThat(outbox().path("waiting").asInt()).isZero();
    }

    @Test
    void aDailyCapWaitsForTheDaysResetNotTheQuarterHours() {
        x.setRateLimitHeaders(RateLimitHeaders.WITH_24_HOUR);
        x.spend(XLimit.DMS_PER_USER_24_HOURS, 1_440);
        x.userSendsDm(JO, "jo_student", "status");
        delivered();

        assertThat(x.tooManyRequests()).isEqualTo(1);
        JsonNode day = outbox().path("lanes").get(0).path("windows").get(1);
        assertThat(day.path("window").asText()).isEqualTo("24 hours, user");
        assertThat(day.path("remaining").asInt()).isZero();
        assertThat(Duration.between(x.now(), Instant.parse(day.path("resetsAt").asText())))
                .isBetween(Duration.ofHours(23), Duration.ofHours(24).plusSeconds(2));

        later(Duration.ofMinutes(16));
        later(Duration.ofHours(2));
        assertThat(requests("POST", "/2/dm_conversations/with/[0-9]+/messages")).isEqualTo(1);

        later(Duration.ofHours(22));
        assertThat(x.sentDms()).hasSize(1);
        assertThat(x.tooManyRequests()).isEqualTo(1);
    }

    @Test
    void withNoRateHeadersTheDeskCountsItselfAndNever429s() {
        x.setRateLimitHeaders(RateLimitHeaders.NONE);
        for (int i = 0; i < 16; i++) {
            x.userSendsDm(Long.toString(1_700_000_000_000_000_100L + i), "user" + i, "status");
        }
        delivered();

        assertThat(x.sentDms()).hasSize(15);
        assertThat(x.tooManyRequests()).isZero();
        later(Duration.ofMinutes(15));
        assertThat(x.sentDms()).hasSize(16);
        assertThat(x.tooManyRequests()).isZero();
    }

    @Test
    void aDmWhoseAnswerWasLostIsFoundOnXAndNotSentAgain() {
        x.dropNextWrites(1);

        Post report = reports(JO, "jo_student", REPORT);

        assertThat(messageState("opened:" + report.id())).startsWith("UNCERTAIN");
        later(Duration.ofMinutes(1));
        assertThat(messageState("opened:" + report.id())).as(logText()).isEqualTo("SENT");
        assertThat(x.sentDms()).hasSize(1);
        assertThat(requests("GET", "/2/dm_conversations/with/" + JO + "/dm_events")).isEqualTo(1);
        assertThat(x.duplicates()).isEmpty();
    }

    @Test
    void aPostThatFailedBeforeXDidItIsSentOnceAfterTheLookUpAndOneXDidIsNot() {
        x.failNextWrites(1);
        announce("one", "{\"kind\":\"kb\",\"service\":\"email\",\"text\":\"How to set up mail\",\"link\":\"https://kb.example.edu/mail\"}");
        later(Duration.ofMinutes(1));
        assertThat(x.sentPosts()).hasSize(1);

        x.failNextWritesAfterProcessing(1);
        announce("two", "{\"kind\":\"kb\",\"service\":\"vpn\",\"text\":\"How to set up the VPN\",\"link\":\"https://kb.example.edu/vpn\"}");
        later(Duration.ofMinutes(1));
        assertThat(x.sentPosts()).hasSize(2);
        assertThat(requests("GET", "/2/users/" + IT + "/tweets")).isEqualTo(2);
        assertThat(x.duplicates()).isEmpty();
        assertThat(outbox().path("waiting").asInt()).isZero();
    }

    @Test
    void aMessageLeftSendingByASenderThatStoppedIsLookedUpAndSentOnce() throws Exception {
        // A sender claims the message and dies before calling X (its function timed out).
        var outbox = new servicedesk.dynamo.DynamoOutbox(desk.dynamoDb(), desk.tableName("IncidentsTable"));
        x.setAccountFailure(AccountFailure.CREDITS_DEPLETED);
        Post report = reports(JO, "jo_student", REPORT);
        x.clearAccountFailure();
        desk.dynamoDb().deleteItem(delete -> delete.tableName(desk.tableName("IncidentsTable"))
                .key(Map.of("pk", AttributeValue.fromS("SENDING"),
                        "sk", AttributeValue.fromS("PAUSE"))));
        var pending = outbox.find("opened:" + report.id()).orElseThrow();
        assertThat(outbox.claim(pending, x.now(), true, x.now().plus(Duration.ofMinutes(2)))).isTrue();

        later(Duration.ofMinutes(1));
        assertThat(x.sentDms()).isEmpty();
        later(Duration.ofMinutes(1));

        assertThat(requests("GET", "/2/dm_conversations/with/" + JO + "/dm_events")).isEqualTo(1);
        assertThat(dmEventsTo(JO)).hasSize(1);
        assertThat(messageState("opened:" + report.id())).isEqualTo("SENT");
    }

    @Test
    void theOutboxShowsWhatWaitsByClassTheBudgetLeftAndTheLastExpectedSend() {
        x.spend(XLimit.DMS_PER_USER_15_MIN, 14);
        for (int i = 0; i < 4; i++) {
            x.userSendsDm(Long.toString(1_700_000_000_000_000_100L + i), "user" + i, "status");
        }
        delivered();

        JsonNode outbox = outbox();
        assertThat(outbox.path("waiting").asInt()).isEqualTo(3);
        assertThat(outbox.path("waitingByClass").path("ANSWER").asInt()).isEqualTo(3);
        JsonNode quarter = outbox.path("lanes").get(0).path("windows").get(0);
        assertThat(quarter.path("limit").asInt()).isEqualTo(15);
        assertThat(quarter.path("remaining").asInt()).isZero();
        Instant reset = Instant.parse(quarter.path("resetsAt").asText());
        assertThat(Instant.parse(outbox.path("expectedLastSendAt").asText())).isEqualTo(reset);
        assertThat(outbox.path("estimatedSpendTodayUsd").asDouble()).isEqualTo(0.015);
        assertThat(Json.MAPPER.convertValue(outbox.path("lanes").get(1).path("waitingByClass"), Map.class).values())
                .allMatch(count -> ((Integer) count) == 0);
    }
}
