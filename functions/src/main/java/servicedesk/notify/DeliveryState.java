package servicedesk.notify;

/** Where an outbox message is on its way out. */
public enum DeliveryState {
    /** Waiting in the plan for its turn. */
    PENDING,
    /** An attempt is under way (claimed). */
    SENDING,
    SENT,
    /** X refused it, for good, and there was no other way to say it. */
    FAILED,
    /** An attempt may or may not have reached X: the desk looks it up, then marks it sent or sends it once. */
    UNCERTAIN,
    /** Not sent, by the desk's own rules: the recipient blocks the account, or has had enough for the day. */
    WITHHELD,
    /** Dropped or merged because another message carries the same news (the reason says which and why). */
    SUPERSEDED;

    /** Nothing more happens to it. */
    public boolean isFinal() {
        return this == SENT || this == FAILED || this == WITHHELD || this == SUPERSEDED;
    }
}
