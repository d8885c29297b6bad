package servicedesk.xstandin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import servicedesk.x.XApi;
import servicedesk.x.XCredentials;
import twitter4j.HttpClient;
import twitter4j.HttpClientFactory;
import twitter4j.HttpParameter;
import twitter4j.HttpResponse;
import twitter4j.JSONObject;
import twitter4j.TwitterException;
import twitter4j.auth.AccessToken;
import twitter4j.auth.OAuthAuthorization;
import twitter4j.conf.Configuration;
import twitter4j.conf.ConfigurationBuilder;

/** §11: OAuth 1.0a verified as X does (checked against twitter4j and the desk's XApi), bearer as issued. */
class AuthenticationTest {
    private final XStandIn x = XStandIn.start();
    private final Client client = new Client(x);

    @AfterEach
    void close() {
        x.close();
    }

    private static Configuration configuration(Options o, String consumerSecret) {
        return new ConfigurationBuilder().setOAuthConsumerKey(o.consumerKey()).setOAuthConsumerSecret(consumerSecret)
                .setHttpRetryCount(0).build();
    }

    private OAuthAuthorization twitter4jUser(String consumerSecret) {
        Options o = x.options();
        OAuthAuthorization oauth = new OAuthAuthorization(configuration(o, consumerSecret));
        oauth.setOAuthAccessToken(new AccessToken(o.accessToken(), o.accessTokenSecret()));
        return oauth;
    }

    @Test
    void aJsonPostSignedByTwitter4jVerifies_theJsonBodyIsNotInTheBaseString() throws Exception {
        HttpClient http = HttpClientFactory.getInstance(configuration(x.options(), x.options().consumerSecret()).getHttpClientConfiguration());
        HttpResponse response = http.post(x.baseUrl() + "/2/tweets",
                new HttpParameter[]{new HttpParameter(new JSONObject().put("text", "Maintenance tonight 22:00 #maintenance"))},
                twitter4jUser(x.options().consumerSecret()), null);

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.asJSONObject().getJSONObject("data").getString("id")).matches("[0-9]{1,19}");
        assertThat(x.sentPosts()).hasSize(1);
    }

    @Test
    void aGetWithAQueryStringSignedByTwitter4jVerifies() throws Exception {
        HttpClient http = HttpClientFactory.getInstance(configuration(x.options(), x.options().consumerSecret()).getHttpClientConfiguration());
        HttpResponse response = http.get(x.baseUrl() + "/2/users/" + x.options().accountId()
                        + "/mentions?max_results=5&tweet.fields=created_at,author_id&expansions=author_id",
                new HttpParameter[0], twitter4jUser(x.options().consumerSecret()), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
    }

    @Test
    void aWrongConsumerSecretIsA401WithXsProblemBody() {
        HttpClient http = HttpClientFactory.getInstance(configuration(x.options(), "not-the-secret").getHttpClientConfiguration());
        assertThatThrownBy(() -> http.post(x.baseUrl() + "/2/tweets",
                new HttpParameter[]{new HttpParameter(new JSONObject().put("text", "hello"))}, twitter4jUser("not-the-secret"), null))
                .isInstanceOfSatisfying(TwitterException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("\"title\":\"Unauthorized\"").contains("\"type\":\"about:blank\"");
                });
        assertThat(x.sentPosts()).isEmpty();
        assertThat(x.authFailures()).anySatisfy(f -> assertThat(f).contains("signature mismatch"));
    }

    @Test
    void aQueryChangedAfterSigningIsRefused() {
        String header = client.oauthHeader("GET", "/2/users/me", x.options().consumerSecret());
        assertThat(client.withAuthorization(header, "GET", "/2/users/me?user.fields=created_at", null).status()).isEqualTo(401);
    }

    @Test
    void aReplayedNonceIsRefused() {
        String header = client.oauthHeader("GET", "/2/users/me", x.options().consumerSecret());
        assertThat(client.withAuthorization(header, "GET", "/2/users/me", null).status()).isEqualTo(200);
        assertThat(client.withAuthorization(header, "GET", "/2/users/me", null).status()).isEqualTo(401);
    }

    @Test
    void theDesksOwnXApiSignsUserCallsThatVerify() throws Exception {
        Options o = x.options();
        XApi desk = new XApi(x.baseUrl(), new XCredentials(o.consumerKey(), o.consumerSecret(), o.accessToken(),
                o.accessTokenSecret(), o.bearerToken(), o.clientSecret()));

        XApi.Reply reply = desk.postAsUser("/2/dm_conversations/with/1700000000000000002/messages",
                new JSONObject().put("text", "Your incident is INC0001042"));

        assertThat(reply.body().getJSONObject("data").getString("dm_conversation_id"))
                .isEqualTo("1600000000000000001-1700000000000000002");
        assertThat(reply.limit()).isNotNull();
        assertThat(x.sentDms()).extracting(DmEvent::text).containsExactly("Your incident is INC0001042");
    }

    @Test
    void theBearerTokenIsAcceptedExactlyAsIssued() {
        assertThat(x.options().bearerToken()).contains("%2B").contains("%3D");
        assertThat(client.app("GET", "/2/webhooks", null).status()).isEqualTo(200);
    }

    @Test
    void aBearerTokenEncodedAgainOrDecodedIsA401() {
        String issued = x.options().bearerToken();
        String doubled = issued.replace("%", "%25");
        String decoded = java.net.URLDecoder.decode(issued, StandardCharsets.UTF_8);

        assertThat(client.withAuthorization("Bearer " + doubled, "GET", "/2/webhooks", null).status()).isEqualTo(401);
        assertThat(client.withAuthorization("Bearer " + decoded, "GET", "/2/webhooks", null).status()).isEqualTo(401);
        assertThat(x.authFailures()).anySatisfy(f -> assertThat(f).contains("encoded again"))
                .anySatisfy(f -> assertThat(f).contains("decoded"));
    }

    @Test
    void theDesksXApiSendsTheBearerTokenAsIssued() throws Exception {
        // Issue 17: twitter4j's OAuth2Authorization URL-encodes the token again (%2B -> %252B), which X
        // refuses. The desk's XApi sends the token exactly as issued; the stand-in rejects anything else.
        Options o = x.options();
        assertThat(o.bearerToken()).contains("%2B").contains("%3D");
        XApi desk = new XApi(x.baseUrl(), new XCredentials(o.consumerKey(), o.consumerSecret(), o.accessToken(),
                o.accessTokenSecret(), o.bearerToken(), o.clientSecret()));

        XApi.Reply reply = desk.getAsApp("/2/webhooks");

        assertThat(reply.body().getJSONObject("meta").getInt("result_count")).isZero();
        String header = x.wireMock().getAllServeEvents().get(0).getRequest().getHeader("Authorization");
        assertThat(header).isEqualTo("Bearer " + o.bearerToken());
        assertThat(x.authFailures()).isEmpty();
    }

    @Test
    void theWrongKindOfCredentialIsA403UnsupportedAuthentication() {
        Client.Reply bearerOnUserEndpoint = client.app("POST", "/2/tweets", "{\"text\":\"hi\"}");
        assertThat(bearerOnUserEndpoint.status()).isEqualTo(403);
        assertThat(bearerOnUserEndpoint.json().path("type").asText()).endsWith("/2/problems/unsupported-authentication");

        Client.Reply userOnAppEndpoint = client.user("GET", "/2/webhooks", null);
        assertThat(userOnAppEndpoint.status()).isEqualTo(403);
        assertThat(userOnAppEndpoint.json().path("detail").asText()).contains("OAuth 1.0a User Context is forbidden");
    }

    @Test
    void noAuthorizationAtAllIsA401() {
        assertThat(client.withAuthorization(null, "GET", "/2/users/me", null).status()).isEqualTo(401);
    }

    @Test
    void requestsStayInWireMocksJournal() {
        client.tweet("Journal check");
        assertThat(x.wireMock().findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/2/tweets")))).hasSize(1);
    }
}
