package servicedesk.notify;

/** Where an outbox message is on its way out. */
public enum DeliveryState {
    PENDING, SENDING, SENT, FAILED, UNCERTAIN,
    /** Not sent, by the desk's own rules: the recipient blocks the account, or has had enough for the day. */
    WITHHELD
}
