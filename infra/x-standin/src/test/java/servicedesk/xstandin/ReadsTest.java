package servicedesk.xstandin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reads for reconciliation (§3, §4, §5): since_id, pagination, fields, expansions. */
class ReadsTest {
    private static final String JO = "1700000000000000002";
    private static final String SAM = "1700000000000000004";
    private final XStandIn x = XStandIn.start();
    private final Client client = new Client(x);
    private final String mentions = "/2/users/" + x.options().accountId() + "/mentions";

    @AfterEach
    void close() {
        x.close();
    }

    @Test
    void mentionsAreNewestFirstWithDefaultFieldsOnly() {
        Post first = x.userPosts(JO, "jo_student", "@ITHelp #wifi down");
        Post second = x.userPosts(SAM, "sam_ta", "@ITHelp #blackboard slow");
        x.userPosts(SAM, "sam_ta", "nothing to do with IT");

        JsonNode body = client.user("GET", mentions, null).json();
        assertThat(body.path("data")).hasSize(2);
        assertThat(body.path("data").get(0).path("id").asText()).isEqualTo(second.id());
        assertThat(body.path("data").get(0).has("author_id")).isFalse();
        assertThat(body.path("data").get(0).path("edit_history_tweet_ids").get(0).asText()).isEqualTo(second.id());
        assertThat(body.path("meta").path("newest_id").asText()).isEqualTo(second.id());
        assertThat(body.path("meta").path("oldest_id").asText()).isEqualTo(first.id());
        assertThat(body.path("meta").path("result_count").asInt()).isEqualTo(2);
    }

    @Test
    void mentionsWithFieldsAndTheAuthorExpansion() {
        Post parent = x.userPosts(JO, "jo_student", "@ITHelp #blackboard I can't open my grades");
        Post reply = x.userPosts(SAM, "sam_ta", "@jo_student @ITHelp clear your cache https://kb.example.edu/42", parent.id());

        JsonNode body = client.user("GET", mentions + "?tweet.fields=created_at,author_id,conversation_id,in_reply_to_user_id,referenced_tweets,entities"
                + "&expansions=author_id&user.fields=username", null).json();
        JsonNode newest = body.path("data").get(0);
        assertThat(newest.path("id").asText()).isEqualTo(reply.id());
        assertThat(newest.path("author_id").asText()).isEqualTo(SAM);
        assertThat(newest.path("conversation_id").asText()).isEqualTo(parent.id());
        assertThat(newest.path("in_reply_to_user_id").asText()).isEqualTo(JO);
        assertThat(newest.path("referenced_tweets").get(0).path("type").asText()).isEqualTo("replied_to");
        assertThat(newest.path("referenced_tweets").get(0).path("id").asText()).isEqualTo(parent.id());
        assertThat(newest.path("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(newest.path("entities").path("mentions")).extracting(m -> m.path("username").asText())
                .containsExactly("jo_student", "ITHelp");
        assertThat(newest.path("entities").path("urls").get(0).path("expanded_url").asText()).isEqualTo("https://kb.example.edu/42");
        assertThat(body.path("data").get(1).path("entities").path("hashtags").get(0).path("tag").asText()).isEqualTo("blackboard");
        assertThat(body.path("includes").path("users")).extracting(u -> u.path("username").asText())
                .containsExactlyInAnyOrder("sam_ta", "jo_student");
    }

    @Test
    void aLongFormPostIsCutInTextAndWholeOnlyInNoteTweetWhenAskedFor() {
        String body = "@ITHelp " + "the lab printers jam on every job and nobody can print. ".repeat(5)
                + "#printing https://kb.example.edu/printers";
        Post post = x.userPosts(JO, "jo_student", body);
        String fields = "?tweet.fields=entities,display_text_range";

        JsonNode plain = client.user("GET", mentions + fields, null).json().path("data").get(0);
        String cut = plain.path("text").asText();
        assertThat(Text.weightedLength(cut)).isLessThanOrEqualTo(280);
        assertThat(cut).endsWith("…").doesNotContain("#printing");
        assertThat(post.text()).startsWith(cut.substring(0, cut.length() - 1));
        assertThat(plain.path("display_text_range").get(1).asInt()).isEqualTo(cut.codePointCount(0, cut.length()) - 1);
        assertThat(plain.path("entities").has("hashtags")).isFalse();
        assertThat(plain.path("entities").path("mentions").get(0).path("username").asText()).isEqualTo("ITHelp");
        assertThat(plain.has("note_tweet")).isFalse();

        JsonNode whole = client.user("GET", mentions + fields + ",note_tweet", null).json().path("data").get(0);
        assertThat(whole.path("text").asText()).isEqualTo(cut);
        assertThat(whole.path("note_tweet").path("text").asText()).isEqualTo(post.text());
        assertThat(whole.path("note_tweet").path("entities").path("hashtags").get(0).path("tag").asText()).isEqualTo("printing");
        assertThat(whole.path("note_tweet").path("entities").path("urls").get(0).path("expanded_url").asText())
                .isEqualTo("https://kb.example.edu/printers");

        // A post within 280 weighted characters has no note_tweet, asked for or not.
        x.userPosts(SAM, "sam_ta", "@ITHelp #printing short one");
        JsonNode shortPost = client.user("GET", mentions + fields + ",note_tweet", null).json().path("data").get(0);
        assertThat(shortPost.path("text").asText()).isEqualTo("@ITHelp #printing short one");
        assertThat(shortPost.has("note_tweet")).isFalse();
    }

    @Test
    void sinceIdReturnsOnlyWhatIsNewer() {
        Post old = x.userPosts(JO, "jo_student", "@ITHelp one");
        Post newer = x.userPosts(JO, "jo_student", "@ITHelp two");
        JsonNode body = client.user("GET", mentions + "?since_id=" + old.id(), null).json();
        assertThat(body.path("data")).extracting(p -> p.path("id").asText()).containsExactly(newer.id());
        JsonNode none = client.user("GET", mentions + "?since_id=" + newer.id(), null).json();
        assertThat(none.has("data")).isFalse();
        assertThat(none.path("meta").path("result_count").asInt()).isZero();
    }

    @Test
    void paginationWalksEveryMentionOnce() {
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            posted.add(0, x.userPosts(JO, "jo_student", "@ITHelp report " + i).id());
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            JsonNode body = client.user("GET", mentions + "?max_results=5" + (token == null ? "" : "&pagination_token=" + token), null).json();
            body.path("data").forEach(p -> seen.add(p.path("id").asText()));
            token = body.path("meta").path("next_token").asText(null);
        } while (token != null);
        assertThat(seen).containsExactlyElementsOf(posted);
    }

    @Test
    void badParametersAre400sThatNameThem() {
        Client.Reply tooFew = client.user("GET", mentions + "?max_results=3", null);
        assertThat(tooFew.status()).isEqualTo(400);
        assertThat(tooFew.json().path("errors").get(0).path("parameters").has("max_results")).isTrue();
        assertThat(client.user("GET", mentions + "?since_id=abc", null).status()).isEqualTo(400);
        assertThat(client.user("GET", mentions + "?tweet.fields=colour", null).status()).isEqualTo(400);
        assertThat(client.user("GET", mentions + "?sort=asc", null).status()).isEqualTo(400);
        assertThat(client.user("GET", mentions + "?pagination_token=zzzz", null).status()).isEqualTo(400);
    }

    @Test
    void theAppCanReadMentionsToo() {
        x.userPosts(JO, "jo_student", "@ITHelp #wifi down");
        assertThat(client.app("GET", mentions, null).json().path("data")).hasSize(1);
    }

    @Test
    void deletedPostsDisappearFromReads() {
        Post post = x.userPosts(JO, "jo_student", "@ITHelp my password is hunter2");
        x.deletePost(post.id());
        assertThat(client.user("GET", mentions, null).json().has("data")).isFalse();
        JsonNode lookup = client.user("GET", "/2/tweets/" + post.id(), null).json();
        assertThat(lookup.path("errors").get(0).path("type").asText()).endsWith("resource-not-found");
    }

    @Test
    void theAccountsOwnPostsShowWhetherAPostWentOut() {
        client.tweet("#outage #wifi ETA 15:00");
        Post mention = x.userPosts(JO, "jo_student", "@ITHelp #wifi down");
        client.reply("INC0001042: we are on it", mention.id());
        String own = "/2/users/" + x.options().accountId() + "/tweets";
        assertThat(client.user("GET", own, null).json().path("data")).extracting(p -> p.path("text").asText())
                .containsExactly("INC0001042: we are on it", "#outage #wifi ETA 15:00");
        assertThat(client.user("GET", own + "?exclude=replies", null).json().path("data")).hasSize(1);
    }

    @Test
    void dmEventsAreNewestFirstWithTheRequestedFields() {
        DmEvent in = x.userSendsDm(JO, "jo_student", "It happens on Chrome & Firefox");
        client.dm(JO, "Thanks, noted on INC0001042");
        x.userSendsDm(SAM, "sam_ta", "status");

        JsonNode all = client.user("GET", "/2/dm_events?dm_event.fields=sender_id,created_at,dm_conversation_id&event_types=MessageCreate", null).json();
        assertThat(all.path("data")).hasSize(3);
        assertThat(all.path("data").get(0).path("sender_id").asText()).isEqualTo(SAM);
        assertThat(all.path("data").get(0).path("event_type").asText()).isEqualTo("MessageCreate");
        assertThat(all.path("data").get(2).path("text").asText()).isEqualTo("It happens on Chrome & Firefox");
        assertThat(all.path("data").get(2).path("id").asText()).isEqualTo(in.id());

        JsonNode withJo = client.user("GET", "/2/dm_conversations/with/" + JO + "/dm_events?dm_event.fields=sender_id", null).json();
        assertThat(withJo.path("data")).extracting(e -> e.path("sender_id").asText())
                .containsExactly(x.options().accountId(), JO);
        JsonNode defaults = client.user("GET", "/2/dm_events", null).json();
        assertThat(defaults.path("data").get(0).has("sender_id")).isFalse();
    }

    @Test
    void dmEventsPageWithLongTokens() {
        for (int i = 0; i < 5; i++) {
            x.userSendsDm(JO, "jo_student", "message " + i);
        }
        JsonNode first = client.user("GET", "/2/dm_events?max_results=2", null).json();
        String token = first.path("meta").path("next_token").asText();
        assertThat(token.length()).isGreaterThanOrEqualTo(16);
        JsonNode second = client.user("GET", "/2/dm_events?max_results=2&pagination_token=" + token, null).json();
        assertThat(second.path("data").get(0).path("text").asText()).isEqualTo("message 2");
    }

    @Test
    void dmEventsOlderThan30DaysAreGone() {
        x.userSendsDm(JO, "jo_student", "long ago");
        x.advance(java.time.Duration.ofDays(31));
        assertThat(client.user("GET", "/2/dm_events", null).json().has("data")).isFalse();
    }

    @Test
    void usersMeIsTheAccount() {
        JsonNode me = client.user("GET", "/2/users/me", null).json().path("data");
        assertThat(me.path("id").asText()).isEqualTo(x.options().accountId());
        assertThat(me.path("username").asText()).isEqualTo("ITHelp");
    }

    @Test
    void idsPastTheLongRangeAreHandledNotCrashedOn() {
        assertThat(client.user("GET", mentions + "?since_id=9999999999999999999", null).status()).isEqualTo(200);
        assertThat(client.user("GET", "/2/tweets/9999999999999999999", null).json().path("errors")).hasSize(1);
        assertThat(client.reply("hello", "9999999999999999999").status()).isEqualTo(403);
        assertThat(x.internalErrors()).isEmpty();
    }
}
