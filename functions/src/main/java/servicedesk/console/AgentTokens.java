package servicedesk.console;

import java.util.Optional;

/**
 * Checks an agent's access token as an HTTP API JWT authorizer would: its signature against the user pool's
 * published keys, its issuer, its client, that it is an access token, and that it has not expired.
 */
public interface AgentTokens {

    /** What a token turned out to be. */
    sealed interface Verdict {
        /** The pool's, for the console, and not expired. */
        record Valid(Agent agent) implements Verdict {
        }

        /**
         * Signed by the pool for the console's client as an access token, and only past its expiry: the one
         * kind of token worth asking the pool to refresh.
         */
        record Expired() implements Verdict {
        }

        /** Not the pool's token for the console (forged, unknown key, another client, malformed, …). */
        record Refused() implements Verdict {
        }
    }

    Verdict check(String accessToken);

    /** The agent the token was issued to, or empty if any check fails. */
    default Optional<Agent> verify(String accessToken) {
        return check(accessToken) instanceof Verdict.Valid valid ? Optional.of(valid.agent()) : Optional.empty();
    }
}
