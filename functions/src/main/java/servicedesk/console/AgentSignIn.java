package servicedesk.console;

/**
 * The agents' user pool's own sign-in: a password, a new password when the pool asks for one, a refresh, and
 * signing out on the pool's side.
 */
public interface AgentSignIn {

    sealed interface Result {
        /** {@code refreshToken} is null on a refresh: the one the agent holds stays valid. */
        record SignedIn(String accessToken, String refreshToken, int expiresInSeconds) implements Result {
        }

        /** The agent signs in for the first time with a temporary password and must choose their own. */
        record NewPasswordRequired(String session) implements Result {
        }

        /** {@code reason} is safe to show: it never says whether the user exists. */
        record Refused(String reason) implements Result {
        }
    }

    Result signIn(String username, String password);

    Result chooseNewPassword(String username, String session, String newPassword);

    Result refresh(String refreshToken);

    /**
     * Revokes the refresh token and the access tokens made from it, so a copy of either stops working. Whatever
     * the pool answers is logged (never the token), not thrown: signing out locally must not depend on it.
     */
    void signOut(String refreshToken);
}
