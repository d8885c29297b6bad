package servicedesk.xstandin;

import java.time.Clock;
import java.time.Duration;

/**
 * How the stand-in is set up: the app's credentials as X issued them, the IT account it acts for, the time
 * scale, and the few choices X's tier makes. Start from {@link #defaults()} and change what a test needs.
 *
 * @param consumerKey      the app's OAuth 1.0a consumer key (API key)
 * @param consumerSecret   the app's OAuth 1.0a consumer secret; half the user-context signing key, the legacy
 *                         webhook signature key, and the CRC key when there is no client secret. May be empty.
 * @param accessToken      the IT account's OAuth 1.0a access token
 * @param accessTokenSecret its secret (the other half of the signing key)
 * @param bearerToken      the app-only bearer token exactly as X issues it, percent-escapes and all
 *                         ({@code …%2B…%3D…}): it is compared as sent, never decoded (BT)
 * @param clientSecret     the app's OAuth 2.0 client secret: keys the CRC and {@code x-twitter-webhooks-signature-oauth2}
 *                         when set (WH). May be empty.
 * @param appId            the app's id, shown as {@code source_app_id} and in client-forbidden bodies
 * @param accountId        the IT account's user id
 * @param accountHandle    the IT account's username, without '@'
 * @param accountName      the IT account's display name
 * @param timeScale        X seconds per real second (60: an X minute per second)
 * @param baseClock        the real clock the scale applies to (injectable for tests)
 * @param selfServe        pay-per-use / self-serve rules: replies only where summoned, no quote posts (MTG, CP).
 *                         Enterprise customers are not subject to them.
 * @param maxPostLength    weighted characters per post: 280 without premium
 * @param maxWebhooks      webhooks per app; pay-per-use is not documented, Pro has 1 (WI), so 1
 * @param legacySignature  also sign deliveries with {@code x-twitter-webhooks-signature} (consumer secret) when
 *                         the app has a client secret too; WH: such apps "may receive both during migration"
 * @param strictReplayTiming hold {@code POST /2/webhooks/replay} to the AAA replay's timing rules (from_date at
 *                         least 31 minutes old, to_date at least 10 minutes old); not documented for the v2 endpoint
 * @param replayCompletionEvent after a replay, deliver AAA's {@code replay_job_status} event ({@code Complete} when
 *                         every replayed event reached the webhook, else {@code Incomplete}); AAQ documents it for
 *                         replay jobs, so on; off to check a desk that does not rely on it
 * @param loopbackWebhooks accept {@code http://127.0.0.1:port/…} webhook URLs: X wants https on the default port,
 *                         which a test's desk cannot serve; any non-loopback URL is still held to X's rule
 * @param oauthTimestampTolerance how far an OAuth 1.0a timestamp may be from the wall clock (X: "too far in
 *                         the past" is rejected; the bound is not documented)
 * @param deliveryTimeout  how long a webhook has to answer a delivery or a CRC (WH: 10 seconds)
 * @param dmsOpenByDefault whether a user the stand-in has not been told about accepts DMs
 */
public record Options(
        String consumerKey,
        String consumerSecret,
        String accessToken,
        String accessTokenSecret,
        String bearerToken,
        String clientSecret,
        String appId,
        String accountId,
        String accountHandle,
        String accountName,
        double timeScale,
        Clock baseClock,
        boolean selfServe,
        int maxPostLength,
        int maxWebhooks,
        boolean legacySignature,
        boolean strictReplayTiming,
        boolean replayCompletionEvent,
        boolean loopbackWebhooks,
        Duration oauthTimestampTolerance,
        Duration deliveryTimeout,
        boolean dmsOpenByDefault) {

    public Options {
        consumerKey = orEmpty(consumerKey);
        consumerSecret = orEmpty(consumerSecret);
        accessToken = orEmpty(accessToken);
        accessTokenSecret = orEmpty(accessTokenSecret);
        bearerToken = orEmpty(bearerToken);
        clientSecret = orEmpty(clientSecret);
        if (consumerSecret.isEmpty() && clientSecret.isEmpty()) {
            throw new IllegalArgumentException("an app has a consumer secret, a client secret, or both");
        }
        if (!accountId.matches("[0-9]{1,19}")) {
            throw new IllegalArgumentException("the account id is a numeric X user id");
        }
        if (!(timeScale > 0)) {
            throw new IllegalArgumentException("time scale must be positive");
        }
    }

    /** Test credentials (the bearer token shaped as X issues it), account 1600000000000000001 @ITHelp, real time. */
    public static Options defaults() {
        return new Options(
                "test-consumer-key", "test-consumer-secret",
                "1600000000000000001-testAccessToken", "test-access-token-secret",
                "AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid%2BULvsea4JtiGRiSDSJSI%3DEUifiRBkKG5E2XzMDjRfl76ZC9Ub0wnz4XsNiRVBChTYbJcE3F",
                "test-client-secret",
                "29820954",
                "1600000000000000001", "ITHelp", "Campus IT Help",
                1.0, Clock.systemUTC(),
                true, 280, 1, true, true, true, true,
                Duration.ofMinutes(5), Duration.ofSeconds(10), true);
    }

    /**
     * Defaults overridden by the desk's own variable names ({@code TWITTER_CONSUMER_KEY},
     * {@code TWITTER_CONSUMER_SECRET}, {@code TWITTER_ACCESS_TOKEN}, {@code TWITTER_ACCESS_TOKEN_SECRET},
     * {@code TWITTER_BEARER_TOKEN}, {@code TWITTER_CLIENT_SECRET}, {@code TWITTER_ACCOUNT_ID}) and
     * {@code X_STANDIN_TIME_SCALE}, so a stand-in and a desk started from one environment agree.
     */
    public static Options fromEnvironment(java.util.Map<String, String> env) {
        Options d = defaults();
        java.util.function.BiFunction<String, String, String> get = (name, dflt) -> {
            String value = env.get(name);
            return value == null ? dflt : value;
        };
        return d.withCredentials(get.apply("TWITTER_CONSUMER_KEY", d.consumerKey()),
                        get.apply("TWITTER_CONSUMER_SECRET", d.consumerSecret()),
                        get.apply("TWITTER_ACCESS_TOKEN", d.accessToken()),
                        get.apply("TWITTER_ACCESS_TOKEN_SECRET", d.accessTokenSecret()),
                        get.apply("TWITTER_BEARER_TOKEN", d.bearerToken()),
                        get.apply("TWITTER_CLIENT_SECRET", d.clientSecret()))
                .withAccount(get.apply("TWITTER_ACCOUNT_ID", d.accountId()), d.accountHandle(), d.accountName())
                .withTimeScale(Double.parseDouble(get.apply("X_STANDIN_TIME_SCALE", "1")));
    }

    public Options withCredentials(String consumerKey, String consumerSecret, String accessToken,
                                   String accessTokenSecret, String bearerToken, String clientSecret) {
        return new Options(consumerKey, consumerSecret, accessToken, accessTokenSecret, bearerToken, clientSecret,
                appId, accountId, accountHandle, accountName, timeScale, baseClock, selfServe, maxPostLength,
                maxWebhooks, legacySignature, strictReplayTiming, replayCompletionEvent, loopbackWebhooks,
                oauthTimestampTolerance, deliveryTimeout, dmsOpenByDefault);
    }

    public Options withAccount(String accountId, String accountHandle, String accountName) {
        return new Options(consumerKey, consumerSecret, accessToken, accessTokenSecret, bearerToken, clientSecret,
                appId, accountId, accountHandle, accountName, timeScale, baseClock, selfServe, maxPostLength,
                maxWebhooks, legacySignature, strictReplayTiming, replayCompletionEvent, loopbackWebhooks,
                oauthTimestampTolerance, deliveryTimeout, dmsOpenByDefault);
    }

    /** {@code scale} X seconds per real second, on {@code baseClock}. */
    public Options withTime(double scale, Clock baseClock) {
        return new Options(consumerKey, consumerSecret, accessToken, accessTokenSecret, bearerToken, clientSecret,
                appId, accountId, accountHandle, accountName, scale, baseClock, selfServe, maxPostLength,
                maxWebhooks, legacySignature, strictReplayTiming, replayCompletionEvent, loopbackWebhooks,
                oauthTimestampTolerance, deliveryTimeout, dmsOpenByDefault);
    }

    public Options withTimeScale(double scale) {
        return withTime(scale, baseClock);
    }

    /** Enterprise rules (no reply restriction, quote posts allowed) when {@code selfServe} is false. */
    public Options withSelfServe(boolean selfServe) {
        return new Options(consumerKey, consumerSecret, accessToken, accessTokenSecret, bearerToken, clientSecret,
                appId, accountId, accountHandle, accountName, timeScale, baseClock, selfServe, maxPostLength,
                maxWebhooks, legacySignature, strictReplayTiming, replayCompletionEvent, loopbackWebhooks,
                oauthTimestampTolerance, deliveryTimeout, dmsOpenByDefault);
    }

    public Options withMaxPostLength(int maxPostLength) {
        return new Options(consumerKey, consumerSecret, accessToken, accessTokenSecret, bearerToken, clientSecret,
                appId, accountId, accountHandle, accountName, timeScale, baseClock, selfServe, maxPostLength,
                maxWebhooks, legacySignature, strictReplayTiming, replayCompletionEvent, loopbackWebhooks,
                oauthTimestampTolerance, deliveryTimeout, dmsOpenByDefault);
    }

    public Options withMaxWebhooks(int maxWebhooks) {
        return new Options(consumerKey, consumerSecret, accessToken, accessTokenSecret, bearerToken, clientSecret,
                appId, accountId, accountHandle, accountName, timeScale, baseClock, selfServe, maxPostLength,
                maxWebhooks, legacySignature, strictReplayTiming, replayCompletionEvent, loopbackWebhooks,
                oauthTimestampTolerance, deliveryTimeout, dmsOpenByDefault);
    }

    public Options withLegacySignature(boolean legacySignature) {
        return new Options(consumerKey, consumerSecret, accessToken, accessTokenSecret, bearerToken, clientSecret,
                appId, accountId, accountHandle, accountName, timeScale, baseClock, selfServe, maxPostLength,
                maxWebhooks, legacySignature, strictReplayTiming, replayCompletionEvent, loopbackWebhooks,
                oauthTimestampTolerance, deliveryTimeout, dmsOpenByDefault);
    }

    public Options withReplay(boolean strictReplayTiming, boolean replayCompletionEvent) {
        return new Options(consumerKey, consumerSecret, accessToken, accessTokenSecret, bearerToken, clientSecret,
                appId, accountId, accountHandle, accountName, timeScale, baseClock, selfServe, maxPostLength,
                maxWebhooks, legacySignature, strictReplayTiming, replayCompletionEvent, loopbackWebhooks,
                oauthTimestampTolerance, deliveryTimeout, dmsOpenByDefault);
    }

    public Options withLoopbackWebhooks(boolean loopbackWebhooks) {
        return new Options(consumerKey, consumerSecret, accessToken, accessTokenSecret, bearerToken, clientSecret,
                appId, accountId, accountHandle, accountName, timeScale, baseClock, selfServe, maxPostLength,
                maxWebhooks, legacySignature, strictReplayTiming, replayCompletionEvent, loopbackWebhooks,
                oauthTimestampTolerance, deliveryTimeout, dmsOpenByDefault);
    }

    public Options withDeliveryTimeout(Duration deliveryTimeout) {
        return new Options(consumerKey, consumerSecret, accessToken, accessTokenSecret, bearerToken, clientSecret,
                appId, accountId, accountHandle, accountName, timeScale, baseClock, selfServe, maxPostLength,
                maxWebhooks, legacySignature, strictReplayTiming, replayCompletionEvent, loopbackWebhooks,
                oauthTimestampTolerance, deliveryTimeout, dmsOpenByDefault);
    }

    public Options withDmsOpenByDefault(boolean dmsOpenByDefault) {
        return new Options(consumerKey, consumerSecret, accessToken, accessTokenSecret, bearerToken, clientSecret,
                appId, accountId, accountHandle, accountName, timeScale, baseClock, selfServe, maxPostLength,
                maxWebhooks, legacySignature, strictReplayTiming, replayCompletionEvent, loopbackWebhooks,
                oauthTimestampTolerance, deliveryTimeout, dmsOpenByDefault);
    }

    /** The key X uses for the CRC answer: the client secret when the app has one (WH). */
    String crcSecret() {
        return clientSecret.isEmpty() ? consumerSecret : clientSecret;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    @Override
    public String toString() {
        return "Options[account=" + accountId + " @" + accountHandle + ", scale=" + timeScale + ", selfServe=" + selfServe + "]";
    }
}
