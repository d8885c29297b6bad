package servicedesk.xstandin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Account-wide failures (§9) and outcome-unknown writes, switched on and off at run time. */
class FailureSwitchTest {
    private static final String JO = "1700000000000000002";
    private final XStandIn x = XStandIn.start();
    private final Client client = new Client(x);

    @AfterEach
    void close() {
        x.close();
    }

    @Test
    void credentialsInvalidIsA401EverywhereUntilCleared() {
        x.setAccountFailure(AccountFailure.CREDENTIALS_INVALID);
        assertThat(client.dm(JO, "hi").status()).isEqualTo(401);
        assertThat(client.user("GET", "/2/users/me", null).status()).isEqualTo(401);
        assertThat(client.app("GET", "/2/webhooks", null).status()).isEqualTo(401);
        x.clearAccountFailure();
        assertThat(client.user("GET", "/2/users/me", null).status()).isEqualTo(200);
        assertThat(client.dm(JO, "hi").status()).isEqualTo(201);
    }

    @Test
    void creditsDepletedIsA402WithTheFieldReportsProblem() {
        x.setAccountFailure(AccountFailure.CREDITS_DEPLETED);
        Client.Reply reply = client.tweet("hello");
        assertThat(reply.status()).isEqualTo(402);
        assertThat(reply.json().path("type").asText()).isEqualTo("https://api.x.com/2/problems/credits-depleted");
        assertThat(reply.json().path("title").asText()).isEqualTo("CreditsDepleted");
        assertThat(client.user("GET", "/2/users/me", null).status()).isEqualTo(402);
        x.clearAccountFailure();
        assertThat(client.tweet("hello").status()).isEqualTo(201);
    }

    @Test
    void aUsageCapIsA429UsageCappedThatCountsAsA429() {
        x.setAccountFailure(AccountFailure.USAGE_CAPPED);
        Client.Reply reply = client.dm(JO, "hi");
        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.json().path("type").asText()).endsWith("/2/problems/usage-capped");
        assertThat(reply.json().path("title").asText()).isEqualTo("UsageCapExceeded");
        assertThat(reply.header("x-rate-limit-reset")).isNull();
        assertThat(x.tooManyRequests()).isEqualTo(1);
    }

    @Test
    void clientForbiddenIsA403ClientForbidden() {
        x.setAccountFailure(AccountFailure.CLIENT_FORBIDDEN);
        Client.Reply reply = client.tweet("hello");
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().path("type").asText()).isEqualTo("https://api.x.com/2/problems/client-forbidden");
        assertThat(reply.json().path("reason").asText()).isEqualTo("client-not-enrolled");
        x.clearAccountFailure();
        assertThat(client.tweet("hello").status()).isEqualTo(201);
    }

    @Test
    void droppedWritesWentOutButTheCallerNeverHears() {
        x.dropNextWrites(2);
        assertThatThrownBy(() -> client.dm(JO, "INC0001042 opened")).isInstanceOf(java.io.UncheckedIOException.class);
        assertThatThrownBy(() -> client.tweet("#outage #wifi")).isInstanceOf(java.io.UncheckedIOException.class);
        assertThat(client.dm(JO, "INC0001043 opened").status()).isEqualTo(201);
        assertThat(x.sentDms()).extracting(DmEvent::text).containsExactly("INC0001042 opened", "INC0001043 opened");
        assertThat(x.sentPosts()).extracting(Post::originalText).containsExactly("#outage #wifi");
        assertThat(x.droppedConnections()).isEqualTo(2);
        // The dropped DM is in the conversation's events: reconciliation can find it.
        Client.Reply events = client.user("GET", "/2/dm_conversations/with/" + JO + "/dm_events", null);
        assertThat(events.json().path("data")).hasSize(2);
    }

    @Test
    void a503BeforeProcessingSendsNothing() {
        x.failNextWrites(1);
        Client.Reply reply = client.dm(JO, "hi");
        assertThat(reply.status()).isEqualTo(503);
        assertThat(x.sentDms()).isEmpty();
        assertThat(client.dm(JO, "hi").status()).isEqualTo(201);
    }

    @Test
    void a503AfterProcessingSentIt() {
        x.failNextWritesAfterProcessing(1);
        assertThat(client.tweet("#maintenance tonight").status()).isEqualTo(503);
        assertThat(x.sentPosts()).hasSize(1);
        // Trying again is a duplicate on X.
        assertThat(client.tweet("#maintenance tonight").status()).isEqualTo(403);
    }

    @Test
    void statusCountsAddUp() {
        client.tweet("one");
        client.tweet("one");
        client.withAuthorization(null, "GET", "/2/users/me", null);
        assertThat(x.statusCounts()).containsEntry(201, 1).containsEntry(403, 1).containsEntry(401, 1);
    }

    @Test
    void aRevokedAppLosesItsUserToken() {
        x.revokeAccess();
        assertThat(client.user("GET", "/2/users/me", null).status()).isEqualTo(401);
        assertThat(client.app("GET", "/2/webhooks", null).status()).isEqualTo(200);
    }
}
