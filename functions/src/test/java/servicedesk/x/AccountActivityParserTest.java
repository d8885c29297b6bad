package servicedesk.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import servicedesk.format.Json;
import servicedesk.intake.ActivityBatch;
import servicedesk.intake.DirectMessage;
import servicedesk.intake.InboundEvent;
import servicedesk.intake.Tweet;
import servicedesk.testing.Fixtures;

class AccountActivityParserTest {
    private final AccountActivityParser parser = new AccountActivityParser();

    private Tweet onlyTweet(String fixture) throws Exception {
        ActivityBatch batch = parser.parse(Fixtures.webhook(fixture));
        assertThat(batch.events()).hasSize(1);
        return ((InboundEvent.TweetCreated) batch.events().get(0)).tweet();
    }

    @Test
    void readsAMentionWithIdsFromTheStringFields() throws Exception {
        ActivityBatch batch = parser.parse(Fixtures.webhook("tweet-new-incident"));
        assertThat(batch.forUserId()).isEqualTo(Fixtures.IT_ACCOUNT);
        Tweet tweet = ((InboundEvent.TweetCreated) batch.events().get(0)).tweet();
        assertThat(tweet.id()).isEqualTo("1990000000000000101");
        assertThat(tweet.authorId()).isEqualTo(Fixtures.JO);
        assertThat(tweet.authorHandle()).isEqualTo("jo_student");
        assertThat(tweet.hashtags()).containsExactly("blackboard");
        assertThat(tweet.text()).isEqualTo("@ITHelp #blackboard I can't open my grades, page just spins");
        assertThat(tweet.mentionedUserIds()).containsExactly(Fixtures.IT_ACCOUNT);
        assertThat(tweet.inReplyToTweetId()).isNull();
        assertThat(tweet.retweet()).isFalse();
        assertThat(tweet.url()).isEqualTo("https://x.com/jo_student/status/1990000000000000101");
    }

    @Test
    void usesTheExtendedTextOfATruncatedTweet() throws Exception {
        Tweet tweet = onlyTweet("tweet-extended");
        assertThat(tweet.text()).endsWith("three different laptops and two phones, still the same")
                .doesNotContain("…");
        assertThat(tweet.hashtags()).containsExactly("wifi");
    }

    @Test
    void unescapesHtmlEntitiesAndLowerCasesHashtags() throws Exception {
        ActivityBatch batch = parser.parse(Fixtures.webhook("tweet-batch-two-reports"));
        assertThat(batch.events()).hasSize(2);
        Tweet second = ((InboundEvent.TweetCreated) batch.events().get(1)).tweet();
        assertThat(second.text()).contains("quiz submission failed & lost my answers").doesNotContain("&amp;");
        assertThat(second.hashtags()).containsExactly("blackboard");
    }

    @Test
    void marksRetweetsAndReplies() throws Exception {
        assertThat(onlyTweet("tweet-retweet").retweet()).isTrue();
        Tweet reply = onlyTweet("tweet-community-reply");
        assertThat(reply.inReplyToTweetId()).isEqualTo("1990000000000000101");
        assertThat(reply.inReplyToUserId()).isEqualTo(Fixtures.JO);
    }

    @Test
    void takesExpandedLinks() throws Exception {
        assertThat(onlyTweet("tweet-staff-kb-reply").links()).containsExactly("https://kb.example.edu/article/KB0042");
    }

    @Test
    void readsUserHasBlockedAsBooleanOrString() throws Exception {
        String asBoolean = Fixtures.webhook("tweet-new-incident").replace("\"user_has_blocked\": false", "\"user_has_blocked\": true");
        String asString = Fixtures.webhook("tweet-new-incident").replace("\"user_has_blocked\": false", "\"user_has_blocked\": \"true\"");
        String asFalseString = Fixtures.webhook("tweet-new-incident").replace("\"user_has_blocked\": false", "\"user_has_blocked\": \"false\"");
        assertThat(blocked(asBoolean)).isTrue();
        assertThat(blocked(asString)).isTrue();
        assertThat(blocked(asFalseString)).isFalse();
        assertThat(blocked(Fixtures.webhook("tweet-new-incident"))).isFalse();
    }

    private boolean blocked(String payload) throws Exception {
        return ((InboundEvent.TweetCreated) parser.parse(payload).events().get(0)).authorBlocked();
    }

    @Test
    void readsDirectMessages() throws Exception {
        ActivityBatch batch = parser.parse(Fixtures.webhook("dm-incoming-status"));
        DirectMessage dm = ((InboundEvent.DirectMessageReceived) batch.events().get(0)).message();
        assertThat(dm.eventId()).isEqualTo("1990000000000000202");
        assertThat(dm.senderId()).isEqualTo(Fixtures.JO);
        assertThat(dm.recipientId()).isEqualTo(Fixtures.IT_ACCOUNT);
        assertThat(dm.text()).isEqualTo("status INC0000001");
        assertThat(dm.sourceAppId()).isEqualTo("3033300");
    }

    @Test
    void ignoresEventTypesTheDeskDoesNotHandle() throws Exception {
        assertThat(parser.parse(Fixtures.webhook("ignored-events")).events()).isEmpty();
    }

    @Test
    void readsTheAccountsBlocksAsXDeliversThem() throws Exception {
        // AAI's example with its user objects filled in: block_events are for blocks BY the subscribed account.
        String block = Fixtures.recorded("block-by-account");
        Instant at = Instant.ofEpochMilli(1518127020304L);
        assertThat(parser.parse(block).events()).containsExactly(
                new InboundEvent.BlockChanged("2244994945", Fixtures.JO, true, at));
        String unblock = block.replace("\"block\",", "\"unblock\",");
        assertThat(parser.parse(unblock).events()).containsExactly(
                new InboundEvent.BlockChanged("2244994945", Fixtures.JO, false, at));
    }

    @Test
    void readsABlockOfTheAccountByAUser() throws Exception {
        // AAI "Activity Types": blocks come both by the subscribed user and of them; source is the blocker.
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree(Fixtures.recorded("block-by-account"));
        ObjectNode event = (ObjectNode) body.path("block_events").get(0);
        var source = event.get("source");
        event.set("source", event.get("target"));
        event.set("target", source);
        assertThat(parser.parse(body.toString()).events()).containsExactly(
                new InboundEvent.BlockChanged(Fixtures.JO, "2244994945", true, Instant.ofEpochMilli(1518127020304L)));
    }

    @Test
    void userHasBlockedSaysTheAccountBlockedTheAuthorAndItsAbsenceLeavesItOpen() throws Exception {
        String fixture = Fixtures.webhook("tweet-new-incident");
        assertThat(((InboundEvent.TweetCreated) parser.parse(fixture).events().get(0)).authorBlocked()).isFalse();
        String without = fixture.replaceAll("\"user_has_blocked\": *[a-z\"]+,?", "");
        assertThat(((InboundEvent.TweetCreated) parser.parse(without).events().get(0)).authorBlocked()).isNull();
    }

    @Test
    void readsTweetDeletions() throws Exception {
        ActivityBatch batch = parser.parse(Fixtures.recorded("tweet-delete"));
        assertThat(batch.forUserId()).isEqualTo("930524282358325248");
        assertThat(batch.events()).containsExactly(new InboundEvent.TweetDeleted("1045405559317569537",
                "930524282358325248", Instant.ofEpochMilli(1432228155593L)));
    }

    @Test
    void readsARevocationWhichHasNoForUserId() throws Exception {
        ActivityBatch batch = parser.parse(Fixtures.recorded("user-event-revoke"));
        assertThat(batch.forUserId()).isEqualTo("63046977");
        assertThat(batch.events()).containsExactly(new InboundEvent.AccessRevoked("63046977", "13090192",
                Instant.parse("2018-05-24T09:48:12Z")));
    }

    @Test
    void rejectsWhatIsNotAJsonObject() {
        assertThatThrownBy(() -> parser.parse("{\"for_user_id\": ")).isInstanceOf(AccountActivityParser.MalformedPayload.class);
        assertThatThrownBy(() -> parser.parse("[1,2]")).isInstanceOf(AccountActivityParser.MalformedPayload.class);
    }

    @Test
    void keepsOnlyHttpLinksAndAFewDozenHashtags() throws Exception {
        ObjectNode payload = (ObjectNode) Json.MAPPER.readTree(Fixtures.webhook("tweet-new-incident"));
        ObjectNode entities = (ObjectNode) payload.path("tweet_create_events").get(0).path("entities");
        ArrayNode urls = entities.putArray("urls");
        for (String link : new String[]{"javascript:alert(1)", "data:text/html,x", "https://kb.example.edu/1"}) {
            urls.addObject().put("url", "https://t.co/x").put("expanded_url", link).putArray("indices").add(0).add(1);
        }
        ArrayNode hashtags = entities.putArray("hashtags");
        for (int i = 0; i < 500; i++) {
            hashtags.addObject().put("text", "tag" + i).putArray("indices").add(0).add(1);
        }
        hashtags.addObject().put("text", "x".repeat(1_000)).putArray("indices").add(0).add(1);

        Tweet tweet = ((InboundEvent.TweetCreated) parser.parse(payload.toString()).events().get(0)).tweet();

        assertThat(tweet.links()).containsExactly("https://kb.example.edu/1");
        assertThat(tweet.hashtags()).hasSize(AccountActivityParser.MAX_HASHTAGS).allMatch(tag -> tag.length() < 10);
    }

    @Test
    void anEventWithIdsThatAreNotXsIsCountedUnreadableAndTheRestAreRead() throws Exception {
        ObjectNode payload = (ObjectNode) Json.MAPPER.readTree(Fixtures.webhook("tweet-new-incident"));
        ArrayNode tweets = (ArrayNode) payload.path("tweet_create_events");
        ObjectNode hugeId = tweets.get(0).deepCopy();
        hugeId.put("id_str", "9".repeat(100_000));
        ObjectNode notANumber = tweets.get(0).deepCopy();
        ((ObjectNode) notANumber.path("user")).put("id_str", "<script>");
        tweets.add(hugeId).add(notANumber).add(5).addNull().add("text");
        payload.putArray("direct_message_events").addObject().put("type", "message_create").put("id", "x".repeat(5_000));
        payload.put("block_events", "not an array");

        ActivityBatch batch = parser.parse(payload.toString());

        assertThat(batch.events()).hasSize(1);
        assertThat(batch.unreadable()).isEqualTo(6);
        assertThat(AccountActivityParser.isId("1990000000000000101")).isTrue();
        assertThat(AccountActivityParser.isId("19900000000000001010")).isFalse();
    }
}
