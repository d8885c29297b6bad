package servicedesk.notify;

/**
 * What a message is worth, best first: the sender always spends X's next allowed request on the best
 * waiting message. A message's class comes from its cause, the first part of its key (see {@link #ofKey}).
 */
public enum MessageClass {
    /** A post on the IT account's timeline (an announcement): one post tells everyone, so it goes first. */
    ANNOUNCEMENT,
    /** The acknowledgement of a new report: its incident number (and what the desk needs the reporter to know now). */
    ACKNOWLEDGEMENT,
    /** The answer to a reporter's DM: {@code status}, a note taken, a question. */
    ANSWER,
    /** A staff response or a resolution of the reporter's own incident. */
    RESPONSE,
    /** A per-person notice of an outage or of its resolution: the public post has told everyone already. */
    OUTAGE_NOTICE,
    /** Everything else, such as the hashtag hint. */
    OTHER;

    /**
     * The class of a message by its cause: {@code timeline:} announcements; {@code opened:} and
     * {@code secret-warning:} answer a new report; {@code dm-reply:} answers a DM; {@code resolved:} and
     * {@code rejected:} are the desk's or staff's responses; {@code told:} tells an affected reporter about an
     * outage; anything else (the {@code help:} hint) is {@link #OTHER}.
     */
    public static MessageClass ofKey(String key) {
        String cause = key.contains(":") ? key.substring(0, key.indexOf(':')) : key;
        return switch (cause) {
            case "timeline" -> ANNOUNCEMENT;
            case "opened", "secret-warning" -> ACKNOWLEDGEMENT;
            case "dm-reply" -> ANSWER;
            case "resolved", "rejected" -> RESPONSE;
            case "told" -> OUTAGE_NOTICE;
            default -> OTHER;
        };
    }

    /** The classes an optional daily spend ceiling holds back once the day's estimate reaches it. */
    public boolean heldBySpendCeiling() {
        return this == OUTAGE_NOTICE || this == OTHER;
    }

    /**
     * Whether the class may use the last slots of a window that are kept for better ones: DMs keep a few
     * for acknowledgements, answers and responses; posts keep one for announcements.
     */
    public boolean mayUseReserve(Lane lane) {
        return lane == Lane.DIRECT_MESSAGES ? compareTo(RESPONSE) <= 0 : this == ANNOUNCEMENT;
    }
}
