package servicedesk.broadcast;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import servicedesk.outage.AnnouncementKind;
import servicedesk.outage.OutageStatus;

/**
 * Reads a staff tweet as an announcement: the command, the service, an ETA ("ETA 15:00 UTC"), a
 * maintenance window ("2025-11-29 22:00-23:30", UTC), a knowledge-article link, and the text to repost;
 * and words an announcement made through the admin API the same way.
 */
public final class AnnouncementText {
    private static final Pattern ETA = Pattern.compile(
            "(?i)\\bETA\\b[:\\s]*((?:\\d{4}-\\d{2}-\\d{2}[ T])?\\d{1,2}:\\d{2}(?:\\s*(?:UTC|GMT|Z))?)");
    private static final Pattern WINDOW = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})[ T](\\d{1,2}:\\d{2})\\s*(?:-|–|to)\\s*(?:(\\d{4}-\\d{2}-\\d{2})[ T])?(\\d{1,2}:\\d{2})");
    private static final Pattern EDGE_MENTIONS = Pattern.compile("^(?:@\\w+\\s+)+|(?:\\s+@\\w+)+$");

    private AnnouncementText() {
    }

    public static AnnouncementDraft fromTweet(String text, List<String> links, String authorId, String tweetId,
                                              AnnouncementKind kind, String service) {
        Optional<Instant[]> window = window(text);
        return new AnnouncementDraft(kind, service, publicText(text), eta(text).orElse(null),
                window.map(w -> w[0]).orElse(null), window.map(w -> w[1]).orElse(null),
                links.isEmpty() ? null : links.get(0), authorId, tweetId);
    }

    /**
     * An announcement made through the admin API: the words to post get the command and service hashtags,
     * the ETA and the link when the text lacks them, so the post reads like a staff tweet.
     */
    public static AnnouncementDraft fromApi(AnnouncementKind kind, String service, String text, String eta,
                                            Instant windowStart, Instant windowEnd, String link, String authorId) {
        StringBuilder post = new StringBuilder();
        if (!text.contains("#" + kind.hashtag())) {
            post.append('#').append(kind.hashtag()).append(' ');
        }
        if (service != null && !text.toLowerCase().contains("#" + service.toLowerCase())) {
            post.append('#').append(service.toLowerCase()).append(' ');
        }
        post.append(text.trim());
        if (eta != null && !text.contains(eta)) {
            post.append(" ETA ").append(eta);
        }
        if (link != null && !text.contains(link)) {
            post.append(' ').append(link);
        }
        return new AnnouncementDraft(kind, service, post.toString(), eta, windowStart, windowEnd, link, authorId, null);
    }

    /** The service is the first hashtag that is not a command. */
    public static Optional<String> serviceHashtag(List<String> hashtags) {
        return hashtags.stream().filter(tag -> AnnouncementKind.among(List.of(tag)).isEmpty()).findFirst();
    }

    /** The tweet as the IT account would repost it: without the @mentions that open or close it. */
    static String publicText(String text) {
        return EDGE_MENTIONS.matcher(text.trim()).replaceAll("").trim();
    }

    static Optional<String> eta(String text) {
        Matcher matcher = ETA.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1).trim()) : Optional.empty();
    }

    /** A window in UTC; an end earlier than the start without its own date is on the next day. */
    static Optional<Instant[]> window(String text) {
        Matcher matcher = WINDOW.matcher(text);
        if (!matcher.find()) {
            return Optional.empty();
        }
        LocalDate startDate = LocalDate.parse(matcher.group(1));
        Instant start = startDate.atTime(LocalTime.parse(pad(matcher.group(2)))).toInstant(ZoneOffset.UTC);
        LocalDate endDate = matcher.group(3) != null ? LocalDate.parse(matcher.group(3)) : startDate;
        Instant end = endDate.atTime(LocalTime.parse(pad(matcher.group(4)))).toInstant(ZoneOffset.UTC);
        if (!end.isAfter(start) && matcher.group(3) == null) {
            end = end.plusSeconds(86_400);
        }
        return end.isAfter(start) ? Optional.of(new Instant[]{start, end}) : Optional.empty();
    }

    private static String pad(String time) {
        return time.length() == 4 ? "0" + time : time;
    }

    /** A status named in an update's words ("identified", "monitoring"), if any. */
    static Optional<OutageStatus> statusNamed(String text) {
        String lower = text.toLowerCase();
        if (lower.contains("monitoring")) {
            return Optional.of(OutageStatus.MONITORING);
        }
        if (lower.contains("identified")) {
            return Optional.of(OutageStatus.IDENTIFIED);
        }
        if (lower.contains("investigating")) {
            return Optional.of(OutageStatus.INVESTIGATING);
        }
        return Optional.empty();
    }
}
