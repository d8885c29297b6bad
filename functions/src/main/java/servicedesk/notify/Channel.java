package servicedesk.notify;

/** How a message reaches a person on X. */
public enum Channel {
    /** A direct message: the default for anything about a person's own incident. */
    DIRECT_MESSAGE,
    /** A public reply under a tweet: carries nothing private. */
    PUBLIC_REPLY,
    /** A post on the IT account's own timeline. */
    TIMELINE_POST
}
