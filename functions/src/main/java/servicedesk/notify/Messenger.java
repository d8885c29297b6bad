package servicedesk.notify;

/** The desk's voice on X: the X API adapter implements it. */
public interface Messenger {

    Delivery directMessage(String recipientId, String text);

    Delivery reply(String inReplyToTweetId, String text);

    Delivery post(String text);
}
