package servicedesk.xstandin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Per-message refusals (§1, §2) and OA's body rules. */
class RefusalTest {
    private static final String JO = "1700000000000000002";
    private static final String SAM = "1700000000000000004";
    private final XStandIn x = XStandIn.start();
    private final Client client = new Client(x);

    @AfterEach
    void close() {
        x.close();
    }

    @Test
    void aDmToSomeoneWhoDoesNotAcceptThemIsA403RecipientNotMessageable() {
        x.userClosesDms(JO);
        Client.Reply reply = client.dm(JO, "Your incident is INC0001042");
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().path("type").asText()).isEqualTo("https://api.x.com/2/problems/recipient-not-messageable");
        assertThat(reply.json().has("title")).isTrue();
        assertThat(reply.json().has("detail")).isTrue();
        assertThat(x.sentDms()).isEmpty();

        x.userOpensDms(JO);
        assertThat(client.dm(JO, "Your incident is INC0001042").status()).isEqualTo(201);
    }

    @Test
    void blocksEitherWayStopDmsAndReplies() {
        Post mention = x.userPosts(JO, "jo_student", "@ITHelp #wifi down in the library");
        x.userBlocksAccount(JO);
        assertThat(client.dm(JO, "hello").status()).isEqualTo(403);
        assertThat(client.reply("INC0001042 opened", mention.id()).status()).isEqualTo(403);
        x.userUnblocksAccount(JO);
        x.accountBlocks(JO);
        assertThat(client.dm(JO, "hello").json().path("type").asText()).endsWith("recipient-not-messageable");
        assertThat(client.reply("INC0001042 opened", mention.id()).status()).isEqualTo(403);
        x.accountUnblocks(JO);
        assertThat(client.reply("INC0001042 opened", mention.id()).status()).isEqualTo(201);
    }

    @Test
    void aReplyIsAllowedOnlyWhereTheAccountWasSummoned() {
        Post plain = x.userPosts(JO, "jo_student", "my laptop is slow today");
        Client.Reply refused = client.reply("Try a restart", plain.id());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("detail").asText()).contains("mentioned");
        assertThat(x.sentPosts()).isEmpty();

        Post mention = x.userPosts(JO, "jo_student", "@ITHelp #blackboard I can't open my grades");
        assertThat(client.reply("INC0001042: we are on it", mention.id()).status()).isEqualTo(201);

        Client.Reply announcement = client.tweet("#outage #blackboard ETA 15:00");
        String announcementId = announcement.json().path("data").path("id").asText();
        // A quote of the account's post summons it (MTG), and so does the account's own post (field report).
        Post quote = x.userQuotes(SAM, "sam_ta", "still down for me", announcementId);
        assertThat(client.reply("Thanks, we are working on it", quote.id()).status()).isEqualTo(201);
        assertThat(client.reply("#update ETA 16:00", announcementId).status()).isEqualTo(201);

        // A reply in the thread that does not mention the account does not summon it.
        Post aside = x.userPosts(SAM, "sam_ta", "@jo_student clear your cache", mention.id());
        assertThat(client.reply("Good tip", aside.id()).status()).isEqualTo(403);
    }

    @Test
    void enterpriseHasNoReplyRestriction() {
        try (XStandIn enterprise = XStandIn.start(Options.defaults().withSelfServe(false))) {
            Post plain = enterprise.userPosts(JO, "jo_student", "my laptop is slow today");
            assertThat(new Client(enterprise).reply("Try a restart", plain.id()).status()).isEqualTo(201);
        }
    }

    @Test
    void aReplyToADeletedPostIsRefused() {
        Post mention = x.userPosts(JO, "jo_student", "@ITHelp #wifi help");
        x.deletePost(mention.id());
        Client.Reply reply = client.reply("On it", mention.id());
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().path("detail").asText()).contains("deleted or not visible");
    }

    @Test
    void theSamePostTextTwiceIsA403DuplicateAndIsCounted() {
        assertThat(client.tweet("#resolved #blackboard grades load again").status()).isEqualTo(201);
        Client.Reply again = client.tweet("#resolved #blackboard grades load again");
        assertThat(again.status()).isEqualTo(403);
        assertThat(again.json().path("type").asText()).isEqualTo("about:blank");
        assertThat(again.json().path("detail").asText()).isEqualTo("You are not allowed to create a Tweet with duplicate content.");
        assertThat(x.duplicates()).singleElement().satisfies(d -> assertThat(d.kind()).isEqualTo(Duplicate.Kind.POST));
        assertThat(x.sentPosts()).hasSize(1);
    }

    @Test
    void theSameDmTwiceIsDeliveredButRecordedAsADuplicate() {
        assertThat(client.dm(JO, "INC0001042 resolved").status()).isEqualTo(201);
        assertThat(client.dm(JO, "INC0001042 resolved").status()).isEqualTo(201);
        assertThat(client.dm(SAM, "INC0001042 resolved").status()).isEqualTo(201);
        assertThat(x.duplicates()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Duplicate.Kind.DM);
            assertThat(d.target()).isEqualTo(JO);
        });
    }

    @Test
    void postsLongerThan280WeightedCharactersAreRefused() {
        String link = " https://kb.example.edu/articles/" + "x".repeat(200);
        // 250 letters + a link (23, whatever its length) + the space = 274: allowed.
        assertThat(client.tweet("a".repeat(250) + link).status()).isEqualTo(201);
        assertThat(client.tweet("b".repeat(281)).status()).isEqualTo(400);
        // CJK characters weigh 2: 141 of them are 282.
        assertThat(client.tweet("漢".repeat(141)).status()).isEqualTo(400);
        assertThat(client.tweet("漢".repeat(140)).status()).isEqualTo(201);
    }

    @Test
    void linksBecomeTcoLinksWithTheOriginalInTheEntities() {
        Client.Reply reply = client.tweet("#kb https://kb.example.edu/article/42 fixes it");
        String text = reply.json().path("data").path("text").asText();
        assertThat(text).matches("#kb https://t\\.co/[0-9a-z]{10} fixes it");
        Post post = x.sentPosts().get(0);
        assertThat(post.entities().urls()).singleElement()
                .satisfies(l -> assertThat(l.expandedUrl()).isEqualTo("https://kb.example.edu/article/42"));
    }

    @Test
    void bodiesAreHeldToOpenApi() {
        assertThat(client.user("POST", "/2/tweets", "{\"text\":\"hi\",\"status\":\"x\"}").json().path("errors").get(0).path("message").asText())
                .contains("$.status").contains("additional properties");
        assertThat(client.user("POST", "/2/tweets", "{\"text\":\"hi\",\"reply\":{\"in_reply_to_tweet_id\":\"abc\"}}").status()).isEqualTo(400);
        assertThat(client.user("POST", "/2/tweets", "not json").status()).isEqualTo(400);
        assertThat(client.user("POST", "/2/tweets", "{\"text\":\"\"}").status()).isEqualTo(400);
        assertThat(client.user("POST", "/2/dm_conversations/with/" + JO + "/messages", "{\"text\":\"\"}").status()).isEqualTo(400);
        assertThat(client.user("POST", "/2/dm_conversations/with/" + JO + "/messages", "{\"message\":\"hi\"}").status()).isEqualTo(400);
        assertThat(client.user("POST", "/2/dm_conversations/with/jo/messages", "{\"text\":\"hi\"}").status()).isEqualTo(400);
        assertThat(client.user("POST", "/2/dm_conversations/with/" + JO + "/messages",
                Json.write(Json.object().put("text", "x".repeat(10_001)))).status()).isEqualTo(400);
        assertThat(client.user("POST", "/2/tweets", "{\"text\":\"$AAPL and $MSFT\"}").status()).isEqualTo(403);
        assertThat(x.sentPosts()).isEmpty();
        assertThat(x.sentDms()).isEmpty();
    }

    @Test
    void aDmAnswersWithTheConversationAndEventIds() {
        Client.Reply reply = client.dm(JO, "hello");
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().path("data").path("dm_conversation_id").asText()).isEqualTo("1600000000000000001-" + JO);
        assertThat(reply.json().path("data").path("dm_event_id").asText()).isEqualTo(x.sentDms().get(0).id());
    }
}
