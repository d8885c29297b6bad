package servicedesk.xstandin;

import java.time.Instant;

/**
 * One request the stand-in made to a registered webhook: an event delivery or a CRC check. {@code status}
 * is the webhook's HTTP answer, {@link #NOT_SENT} when X would not have sent it (webhook down or invalid:
 * the event is lost, as X loses it), or {@link #FAILED} when the connection failed or timed out.
 */
public record Delivery(String webhookId, Kind kind, String body, int status, Instant at) {
    public static final int NOT_SENT = 0;
    public static final int FAILED = -1;

    public enum Kind {
        /** An Account Activity envelope ({@code for_user_id}, {@code tweet_create_events}, …). */
        ACCOUNT_ACTIVITY,
        /** An X Activity API envelope ({@code data.event_type}, …). */
        ACTIVITY,
        /** A re-delivery by a replay job. */
        REPLAY,
        /** A CRC GET. */
        CRC
    }

    public boolean delivered() {
        return status >= 200 && status < 300;
    }
}
