package servicedesk.xstandin;

/** Account-wide failures: every call fails the same way until the switch is cleared. */
public enum AccountFailure {
    /** Credentials rotated or revoked: 401 on every call (RC). */
    CREDENTIALS_INVALID,
    /** Pay-per-use balance empty: 402 {@code credits-depleted} (field report, §9). */
    CREDITS_DEPLETED,
    /** Usage cap reached: 429 {@code usage-capped} (xdk#25 field report, §9). */
    USAGE_CAPPED,
    /** The app is not enrolled for the endpoint: 403 {@code client-forbidden} (RC-old, §9). */
    CLIENT_FORBIDDEN,
    /**
     * The access tokens lack the app permission the endpoint needs (e.g. Direct Messages): 403
     * {@code oauth1-permissions} (field reports; X's pages say only "check scopes and user permissions").
     */
    APP_PERMISSIONS
}
