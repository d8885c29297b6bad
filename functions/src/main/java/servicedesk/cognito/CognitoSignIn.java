package servicedesk.cognito;

import java.util.Map;
import servicedesk.console.AgentSignIn;
import servicedesk.format.Log;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminInitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminRespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordResetRequiredException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

/**
 * Sign-in through the agents' user pool with its admin (server-side) password flow: the console's app client
 * allows only {@code ADMIN_USER_PASSWORD_AUTH} and refreshes, so passwords can be tried only through this
 * function's IAM role, never straight against the pool with the (public) client id.
 */
public final class CognitoSignIn implements AgentSignIn {
    private static final String WRONG = "That email address and password do not match an agent of this desk.";

    private final CognitoIdentityProviderClient cognito;
    private final String poolId;
    private final String clientId;

    public CognitoSignIn(CognitoIdentityProviderClient cognito, String poolId, String clientId) {
        this.cognito = cognito;
        this.poolId = poolId;
        this.clientId = clientId;
    }

    @Override
    public Result signIn(String username, String password) {
        return attempt("password", () -> {
            AdminInitiateAuthResponse response = cognito.adminInitiateAuth(auth -> auth.userPoolId(poolId).clientId(clientId)
                    .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                    .authParameters(Map.of("USERNAME", username, "PASSWORD", password)));
            if (response.challengeName() == ChallengeNameType.NEW_PASSWORD_REQUIRED) {
                return new Result.NewPasswordRequired(response.session());
            }
            if (response.authenticationResult() == null) {
                Log.info("agent-sign-in-challenge-unsupported", "challenge", String.valueOf(response.challengeNameAsString()));
                return new Result.Refused("This account needs a sign-in step the console does not offer yet ("
                        + response.challengeNameAsString() + "). Ask a desk administrator.");
            }
            return signedIn(response.authenticationResult());
        });
    }

    @Override
    public Result chooseNewPassword(String username, String session, String newPassword) {
        return attempt("new-password", () -> {
            AdminRespondToAuthChallengeResponse response = cognito.adminRespondToAuthChallenge(answer -> answer
                    .userPoolId(poolId).clientId(clientId).session(session)
                    .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED)
                    .challengeResponses(Map.of("USERNAME", username, "NEW_PASSWORD", newPassword)));
            return response.authenticationResult() == null
                    ? new Result.Refused("The user pool asked for another step; sign in again.")
                    : signedIn(response.authenticationResult());
        });
    }

    @Override
    public Result refresh(String refreshToken) {
        return attempt("refresh", () -> signedIn(cognito.adminInitiateAuth(auth -> auth.userPoolId(poolId).clientId(clientId)
                .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", refreshToken))).authenticationResult()));
    }

    /**
     * {@code RevokeToken} with the app client's id (it has no secret). Cognito authorizes this call by the client
     * id and the token, not by IAM, so the function's role needs no grant for it.
     */
    @Override
    public void signOut(String refreshToken) {
        try {
            cognito.revokeToken(revoke -> revoke.clientId(clientId).token(refreshToken));
            Log.info("agent-signed-out", "revoked", "true");
        } catch (SdkException failed) {
            Log.error("agent-sign-out-not-revoked", "error", failed instanceof AwsServiceException service
                    ? service.statusCode() + " " + (service.awsErrorDetails() == null ? "?" : service.awsErrorDetails().errorCode())
                    : failed.getClass().getSimpleName());
        }
    }

    private static Result signedIn(AuthenticationResultType tokens) {
        Integer expiresIn = tokens.expiresIn();
        return new Result.SignedIn(tokens.accessToken(), tokens.refreshToken(), expiresIn == null ? 3600 : expiresIn);
    }

    private static Result attempt(String step, java.util.function.Supplier<Result> call) {
        try {
            return call.get();
        } catch (NotAuthorizedException | UserNotFoundException wrong) {
            Log.info("agent-sign-in-refused", "step", step);
            return new Result.Refused(step.equals("new-password")
                    ? "The sign-in took too long or was already used; sign in again with your temporary password."
                    : WRONG);
        } catch (InvalidPasswordException weak) {
            return new Result.Refused("That password is not allowed: " + weak.awsErrorDetails().errorMessage());
        } catch (PasswordResetRequiredException reset) {
            return new Result.Refused("Your password must be reset: ask a desk administrator.");
        } catch (TooManyRequestsException slowDown) {
            return new Result.Refused("Too many attempts: wait a minute and try again.");
        } catch (CognitoIdentityProviderException failed) {
            Log.error("agent-sign-in-failed", "step", step, "error", failed.awsErrorDetails() == null ? "?"
                    : failed.awsErrorDetails().errorCode());
            return new Result.Refused("Sign-in is not available right now; try again shortly.");
        }
    }
}
