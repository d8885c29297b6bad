package servicedesk.xstandin;

/**
 * X's published rate windows (§10, RL), one constant each. {@link XStandIn#spend(XLimit, int)} uses one up
 * the way requests made elsewhere would (the account's staff in X's app, another instance): with one user,
 * 15 DMs per 15 minutes fill exactly 1,440 a day, so only such outside use makes the daily cap bind first.
 */
public enum XLimit {
    POSTS_PER_USER_15_MIN(RateLimiter.Limit.user15("tweets.create", 100)),
    POSTS_PER_APP_24_HOURS(RateLimiter.Limit.app24("tweets.create", 10_000)),
    POST_DELETES_PER_USER_15_MIN(RateLimiter.Limit.user15("tweets.delete", 50)),
    POST_LOOKUPS_PER_USER_15_MIN(RateLimiter.Limit.user15("tweets.lookup", 900)),
    POST_LOOKUPS_PER_APP_15_MIN(RateLimiter.Limit.app15("tweets.lookup", 450)),
    DMS_PER_USER_15_MIN(RateLimiter.Limit.user15("dm.create", 15)),
    DMS_PER_USER_24_HOURS(RateLimiter.Limit.user24("dm.create", 1_440)),
    DMS_PER_APP_24_HOURS(RateLimiter.Limit.app24("dm.create", 1_440)),
    MENTIONS_PER_USER_15_MIN(RateLimiter.Limit.user15("mentions", 300)),
    MENTIONS_PER_APP_15_MIN(RateLimiter.Limit.app15("mentions", 450)),
    USER_POSTS_PER_USER_15_MIN(RateLimiter.Limit.user15("users.tweets", 900)),
    USER_POSTS_PER_APP_15_MIN(RateLimiter.Limit.app15("users.tweets", 10_000)),
    DM_EVENTS_PER_USER_15_MIN(RateLimiter.Limit.user15("dm_events", 15)),
    DM_EVENTS_WITH_PER_USER_15_MIN(RateLimiter.Limit.user15("dm_events.with", 15)),
    DM_EVENTS_IN_CONVERSATION_PER_USER_15_MIN(RateLimiter.Limit.user15("dm_events.conversation", 15)),
    USERS_ME_PER_USER_15_MIN(RateLimiter.Limit.user15("users.me", 75)),
    WEBHOOKS_CREATE_PER_APP_15_MIN(RateLimiter.Limit.app15("webhooks.POST", 450)),
    WEBHOOKS_LIST_PER_APP_15_MIN(RateLimiter.Limit.app15("webhooks.GET", 450)),
    WEBHOOKS_VALIDATE_PER_APP_15_MIN(RateLimiter.Limit.app15("webhooks.PUT", 450)),
    WEBHOOKS_DELETE_PER_APP_15_MIN(RateLimiter.Limit.app15("webhooks.DELETE", 450)),
    REPLAY_PER_APP_15_MIN(RateLimiter.Limit.app15("webhooks.replay", 100)),
    ACTIVITY_CREATE_PER_APP_15_MIN(RateLimiter.Limit.app15("activity.POST", 500)),
    ACTIVITY_LIST_PER_APP_15_MIN(RateLimiter.Limit.app15("activity.GET", 500)),
    ACTIVITY_UPDATE_PER_APP_15_MIN(RateLimiter.Limit.app15("activity.PUT", 500)),
    ACTIVITY_DELETE_PER_APP_15_MIN(RateLimiter.Limit.app15("activity.DELETE", 500)),
    COMPLIANCE_CREATE_PER_APP_15_MIN(RateLimiter.Limit.app15("compliance.POST", 150)),
    COMPLIANCE_LOOKUP_PER_APP_15_MIN(RateLimiter.Limit.app15("compliance.GET", 150));

    private final RateLimiter.Limit limit;

    XLimit(RateLimiter.Limit limit) {
        this.limit = limit;
    }

    RateLimiter.Limit limit() {
        return limit;
    }

    /** Requests allowed per window. */
    public int max() {
        return limit.max();
    }

    public java.time.Duration window() {
        return limit.window();
    }
}
