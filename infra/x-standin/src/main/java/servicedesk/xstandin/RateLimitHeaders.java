package servicedesk.xstandin;

/** Which rate-limit headers answers carry (§10: "either may be missing"). */
public enum RateLimitHeaders {
    /** {@code x-rate-limit-limit/-remaining/-reset} on every answer past authentication (RL). */
    STANDARD,
    /** Also {@code x-user-limit-24hour-*} and {@code x-app-limit-24hour-*} where a 24-hour window applies. */
    WITH_24_HOUR,
    /** No rate-limit headers at all. */
    NONE
}
