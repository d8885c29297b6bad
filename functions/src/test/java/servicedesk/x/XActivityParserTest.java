package servicedesk.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import servicedesk.intake.ActivityBatch;
import servicedesk.intake.DirectMessage;
import servicedesk.intake.InboundEvent;
import servicedesk.intake.Tweet;

/** X Activity API envelopes (§8), on fixtures copied from X's documented examples (XEP). */
class XActivityParserTest {
    private final XPayloads payloads = new XPayloads();

    static String example(String name) {
        try (InputStream in = XActivityParserTest.class.getResourceAsStream("/activity/" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aMentionIsATweetForTheFilteredUser() throws Exception {
        ActivityBatch batch = payloads.parse(example("post-mention-create"));

        assertThat(batch.forUserId()).isEqualTo("1111111111111111111");
        InboundEvent.TweetCreated created = (InboundEvent.TweetCreated) batch.events().get(0);
        Tweet tweet = created.tweet();
        assertThat(tweet.id()).isEqualTo("2080765813578191303");
        assertThat(tweet.authorId()).isEqualTo("2222222222222222222");
        assertThat(tweet.authorHandle()).isEqualTo("OtherUser");
        assertThat(tweet.text()).isEqualTo("hey @ExampleUser");
        assertThat(tweet.mentionedUserIds()).containsExactly("1111111111111111111");
        assertThat(tweet.inReplyToTweetId()).isNull();
        assertThat(tweet.retweet()).isFalse();
        assertThat(tweet.createdAt()).isEqualTo(Instant.parse("2026-07-24T21:23:23Z"));
        // The Activity API does not say whether the account blocked the author: the desk's record decides.
        assertThat(created.authorBlocked()).isNull();
    }

    @Test
    void hashtagsLinksAndTheRepliedToPostComeFromV2Fields() throws Exception {
        String reply = example("post-mention-create")
                .replace("\"text\": \"hey @ExampleUser\"", "\"text\": \"@ExampleUser #WiFi down &amp; out, see https://t.co/x\","
                        + " \"referenced_tweets\": [{\"type\": \"replied_to\", \"id\": \"2080765813578191000\"}],"
                        + " \"in_reply_to_user_id\": \"1111111111111111111\"")
                .replace("\"entities\": {", "\"entities\": {\"hashtags\": [{\"start\": 13, \"start_str\": \"13\", \"end\": 18,"
                        + " \"end_str\": \"18\", \"tag\": \"WiFi\"}], \"urls\": [{\"start\": 35, \"end\": 58,"
                        + " \"url\": \"https://t.co/x\", \"expanded_url\": \"https://kb.example.edu/a/1\"}], ");

        Tweet tweet = ((InboundEvent.TweetCreated) payloads.parse(reply).events().get(0)).tweet();

        assertThat(tweet.hashtags()).containsExactly("wifi");
        assertThat(tweet.links()).containsExactly("https://kb.example.edu/a/1");
        assertThat(tweet.text()).contains("down & out");
        assertThat(tweet.inReplyToTweetId()).isEqualTo("2080765813578191000");
        assertThat(tweet.inReplyToUserId()).isEqualTo("1111111111111111111");
    }

    @Test
    void aDeletionNamesThePostAndItsAuthor() throws Exception {
        ActivityBatch batch = payloads.parse(example("post-delete"));

        assertThat(batch.forUserId()).isEqualTo("1111111111111111111");
        assertThat(batch.events()).containsExactly(new InboundEvent.TweetDeleted("2080761269309813134", "1111111111111111111", null));
    }

    @Test
    void aReceivedDmKeepsTheLegacyShape() throws Exception {
        ActivityBatch batch = payloads.parse(example("dm-received"));

        DirectMessage dm = ((InboundEvent.DirectMessageReceived) batch.events().get(0)).message();
        assertThat(dm.eventId()).isEqualTo("2080765901528535096");
        assertThat(dm.senderId()).isEqualTo("2222222222222222222");
        assertThat(dm.recipientId()).isEqualTo("1111111111111111111");
        assertThat(dm.text()).isEqualTo("hello!");
        assertThat(dm.createdAt()).isEqualTo(Instant.ofEpochMilli(1784928224372L));
    }

    @Test
    void aRevocationHasAnEmptyFilterAndNamesTheUserInItsPayload() throws Exception {
        ActivityBatch batch = payloads.parse(example("oauth-revoke"));

        assertThat(batch.forUserId()).isEqualTo("1111111111111111111");
        assertThat(batch.events()).containsExactly(new InboundEvent.AccessRevoked("1111111111111111111", "29820954",
                Instant.parse("2026-07-23T21:44:05Z")));
    }

    @Test
    void blocksAreTheFilteredUsersOwnWithUsersWrappedOrFlat() throws Exception {
        String wrapped = "{\"data\":{\"event_uuid\":\"-1\",\"filter\":{\"user_id\":\"1111111111111111111\"},\"event_type\":\"block.block\","
                + "\"payload\":{\"source\":{\"data\":{\"id\":\"1111111111111111111\"}},\"target\":{\"data\":{\"id\":\"2222222222222222222\"}}}}}";
        assertThat(payloads.parse(wrapped).events()).containsExactly(
                new InboundEvent.BlockChanged("1111111111111111111", "2222222222222222222", true, null));
        String flat = wrapped.replace("block.block", "block.unblock").replace("{\"data\":{\"id\":\"1111111111111111111\"}}",
                "{\"id\":\"1111111111111111111\"}");
        assertThat(payloads.parse(flat).events()).containsExactly(
                new InboundEvent.BlockChanged("1111111111111111111", "2222222222222222222", false, null));
    }

    @Test
    void otherEventTypesCarryNothingForTheDesk() throws Exception {
        String like = example("post-mention-create").replace("post.mention.create", "like.create");
        assertThat(payloads.parse(like).events()).isEmpty();
    }

    @Test
    void aPostWithoutIdOrAuthorIsMalformed() {
        String broken = example("post-mention-create").replace("\"author_id\": \"2222222222222222222\",", "");
        assertThatThrownBy(() -> payloads.parse(broken)).isInstanceOf(AccountActivityParser.MalformedPayload.class);
    }
}
