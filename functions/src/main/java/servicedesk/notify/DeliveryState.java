package servicedesk.notify;

/** Where an outbox message is on its way out. */
public enum DeliveryState {
    PENDING, SENDING, SENT, FAILED, UNCERTAIN
}
