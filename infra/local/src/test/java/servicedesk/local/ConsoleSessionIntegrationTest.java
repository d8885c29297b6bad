package servicedesk.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;

/**
 * The console's session against the user pool as template.yaml makes it on moto: the real console function,
 * its real sign-in, refresh and token checks. A session whose token the pool signed and that merely expired is
 * renewed with one refresh; a stranger's refresh cookie leads to sign-in without a call to the pool; signing
 * out calls RevokeToken with the agent's refresh token and signs out locally whatever the pool answers.
 */
class ConsoleSessionIntegrationTest extends EmulatedDesk {
    private static final String AGENT = "agent@example.edu";
    private static final String PASSWORD = "Integration-passw0rd!";
    private static final String HOST = "127.0.0.1:3000";

    private Map<String, String> signedIn;

    @BeforeEach
    void signIn() {
        LocalAgent.create(desk, AGENT, PASSWORD);
        String csrf = cookie(console("GET", "/console/sign-in", Map.of(), null), "__Host-desk-csrf");
        APIGatewayV2HTTPResponse in = console("POST", "/console/sign-in", Map.of("__Host-desk-csrf", csrf),
                "csrf=" + csrf + "&email=" + URLEncoder.encode(AGENT, StandardCharsets.UTF_8) + "&password="
                        + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8));
        assertThat(in.getStatusCode()).isEqualTo(303);
        signedIn = Map.of("__Host-desk-session", cookie(in, "__Host-desk-session"),
                "__Host-desk-refresh", cookie(in, "__Host-desk-refresh"), "__Host-desk-csrf", cookie(in, "__Host-desk-csrf"));
        assertThat(console("GET", "/console", signedIn, null).getStatusCode()).isEqualTo(200);
    }

    @Test
    void aGenuineExpiredSessionIsRenewedWithOneRefreshFromThePool() throws Exception {
        long now = Instant.now().getEpochSecond();
        String expired = Jwts.sign(Jwts.claims(signedIn.get("__Host-desk-session")).put("iat", now - 3_700).put("exp", now - 100),
                Jwts.motoKey());
        Map<String, String> cookies = new LinkedHashMap<>(signedIn);
        cookies.put("__Host-desk-session", expired);

        APIGatewayV2HTTPResponse queue = console("GET", "/console", cookies, null);

        assertThat(queue.getStatusCode()).isEqualTo(200);
        String renewed = cookie(queue, "__Host-desk-session");
        ObjectNode claims = Jwts.claims(renewed);
        assertThat(claims.path("username").asText()).isEqualTo(AGENT);
        assertThat(claims.path("exp").asLong()).isGreaterThan(now);
        assertThat(console("GET", "/console", Map.of("__Host-desk-session", renewed), null).getStatusCode()).isEqualTo(200);
    }

    @Test
    void aStrangersRefreshCookieIsSentToSignInWithoutACallToThePool() throws Exception {
        long now = Instant.now().getEpochSecond();
        String forged = Jwts.sign(Jwts.claims(signedIn.get("__Host-desk-session")).put("exp", now - 100), Jwts.anotherKey());
        for (Map<String, String> cookies : List.of(Map.of("__Host-desk-refresh", "made-up-refresh-token"),
                Map.of("__Host-desk-session", "garbage", "__Host-desk-refresh", "made-up-refresh-token"),
                Map.of("__Host-desk-session", forged, "__Host-desk-refresh", signedIn.get("__Host-desk-refresh")))) {
            APIGatewayV2HTTPResponse page = console("GET", "/console", cookies, null);
            assertThat(page.getStatusCode()).isEqualTo(303);
            assertThat(page.getHeaders()).containsEntry("location", "/console/sign-in");
        }
        // moto answers a refresh with a token it never issued with a 500, which the console would log as a failed
        // refresh: no such line means no refresh was asked for.
        assertThat(logText()).doesNotContain("\"step\":\"refresh\"");
    }

    @Test
    void signingOutRevokesTheRefreshTokenAndSignsOutHereWhateverThePoolAnswers() {
        String refresh = signedIn.get("__Host-desk-refresh");
        APIGatewayV2HTTPResponse out = console("POST", "/console/sign-out", signedIn, "csrf=" + signedIn.get("__Host-desk-csrf"));

        assertThat(out.getStatusCode()).isEqualTo(303);
        assertThat(out.getHeaders()).containsEntry("location", "/console/sign-in");
        assertThat(out.getCookies()).contains("__Host-desk-session=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0",
                "__Host-desk-refresh=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0");
        assertThat(console("GET", "/console", Map.of(), null).getHeaders()).containsEntry("location", "/console/sign-in");
        assertThat(logText()).doesNotContain(refresh);

        // moto (5.2.5) does not implement RevokeToken: the console's call reached it and was answered 500, and the
        // agent was signed out here all the same. On AWS the refresh token then no longer refreshes; when moto
        // implements RevokeToken this assertion fails: assert instead that REFRESH_TOKEN_AUTH is refused.
        assertThat(logText()).contains("\"event\":\"agent-sign-out-not-revoked\"", "\"error\":\"500 ");
        CognitoIdentityProviderException notImplemented = catchThrowableOfType(CognitoIdentityProviderException.class,
                () -> desk.cognito().revokeToken(revoke -> revoke.clientId(desk.ref("AgentPoolClient")).token(refresh)));
        assertThat(notImplemented.statusCode()).isEqualTo(500);
        assertThat(desk.cognito().adminInitiateAuth(auth -> auth.userPoolId(desk.ref(LocalAgent.POOL))
                .clientId(desk.ref("AgentPoolClient")).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", refresh))).authenticationResult().accessToken())
                .as("moto still refreshes a token it could not revoke").isNotBlank();
    }

    private APIGatewayV2HTTPResponse console(String method, String path, Map<String, String> cookies, String form) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", HOST);
        if (!cookies.isEmpty()) {
            headers.put("cookie", String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        if (form != null) {
            headers.put("origin", "http://" + HOST);
            headers.put("content-type", "application/x-www-form-urlencoded");
        }
        return desk.http(method, path, Map.of(), headers, form);
    }

    private static String cookie(APIGatewayV2HTTPResponse response, String name) {
        return response.getCookies().stream().filter(cookie -> cookie.startsWith(name + "="))
                .map(cookie -> cookie.substring(name.length() + 1, cookie.indexOf(';'))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + response.getCookies()));
    }
}
