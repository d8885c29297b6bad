package servicedesk.console;

import java.util.Optional;

/**
 * Checks an agent's access token as an HTTP API JWT authorizer would: its signature against the user pool's
 * published keys, its issuer, its client, that it is an access token, and that it has not expired.
 */
public interface AgentTokens {

    /** The agent the token was issued to, or empty if any check fails. */
    Optional<Agent> verify(String accessToken);
}
