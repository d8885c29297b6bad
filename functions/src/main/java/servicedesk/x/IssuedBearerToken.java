package servicedesk.x;

import twitter4j.HttpRequest;
import twitter4j.auth.Authorization;

/**
 * The app's OAuth 2.0 bearer token sent exactly as X issued it. X's token already contains percent-escapes
 * ({@code %2B}, {@code %3D}) and is used as is (§11, bearer-tokens.mdx); twitter4j's
 * {@code OAuth2Authorization} URL-encodes it again ({@code %252B}), which X answers with a 401.
 */
record IssuedBearerToken(String token) implements Authorization {

    @Override
    public String getAuthorizationHeader(HttpRequest request) {
        return "Bearer " + token;
    }

    @Override
    public boolean isEnabled() {
        return !token.isEmpty();
    }

    @Override
    public String toString() {
        return "IssuedBearerToken[hidden]";
    }
}
