package servicedesk.notify;

/** One of X's write budgets: a message counts against the one its channel uses. */
public enum Lane {
    /** {@code POST /2/dm_conversations/with/:id/messages}: 15 per 15 minutes for a user, 1,440 a day. */
    DIRECT_MESSAGES,
    /** {@code POST /2/tweets}, replies included: 100 per 15 minutes for a user, 10,000 a day for the app. */
    POSTS;

    public static Lane of(Channel channel) {
        return channel == Channel.DIRECT_MESSAGE ? DIRECT_MESSAGES : POSTS;
    }
}
