package servicedesk.records;

import java.time.Instant;

/**
 * Marks a cause (a tweet, a DM event, a daily hint) as handled, so that its effects happen once however
 * often X or a queue delivers it. {@code incidentNumber} links a tweet to the incident it belongs to;
 * {@code expiresAt}, when set, lets the table forget claims that only guard against redelivery.
 */
public record Claim(String key, String incidentNumber, Instant expiresAt) {

    public static Claim tweet(String tweetId, String incidentNumber) {
        return new Claim("tweet:" + tweetId, incidentNumber, null);
    }

    public static Claim expiring(String key, Instant expiresAt) {
        return new Claim(key, null, expiresAt);
    }
}
