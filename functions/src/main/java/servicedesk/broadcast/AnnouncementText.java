package servicedesk.broadcast;

import java.time.DateTimeException;
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
    /** Longer than any post X carries (25,000 characters): text past it is not read for an ETA or a window. */
    static final int MAX_TEXT = 30_000;
    // Linear time: whitespace is matched possessively and never as two optional runs side by side, so a
    // failed match does not re-read it (AnnouncementTextLinearTimeTest).
    private static final Pattern ETA = Pattern.compile(
            "(?i)\\bETA\\b[:\\s]*+((?:\\d{4}-\\d{2}-\\d{2}[ T])?\\d{1,2}:\\d{2}(?:\\s*+(?:UTC|GMT|Z))?)");
    private static final Pattern WINDOW = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})[ T](\\d{1,2}:\\d{2})\\s*+(?:-|–|to)\\s*+(?:(\\d{4}-\\d{2}-\\d{2})[ T])?(\\d{1,2}:\\d{2})");

    /** A staff tweet that names something it cannot mean, such as a window on 2030-13-45; the message says what. */
    public static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message);
        }
    }

    private AnnouncementText() {
    }

    /** @throws Unreadable when the tweet names a window that is not a real date and time */
    public static AnnouncementDraft fromTweet(String fullText, List<String> links, String authorId, String tweetId,
                                              AnnouncementKind kind, String service) {
        String text = fullText.length() > MAX_TEXT ? fullText.substring(0, MAX_TEXT) : fullText;
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

    /**
     * The tweet as the IT account would repost it: without the @mentions that open or close it. A scan, not
     * a regular expression: a run of mentions is read once, however long.
     */
    static String publicText(CharSequence text) {
        int start = 0;
        int stop = text.length();
        while (start < stop && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (stop > start && Character.isWhitespace(text.charAt(stop - 1))) {
            stop--;
        }
        for (int end = mentionEnd(text, start, stop); end > start && end < stop
                && Character.isWhitespace(text.charAt(end)); end = mentionEnd(text, start, stop)) {
            start = end;
            while (start < stop && Character.isWhitespace(text.charAt(start))) {
                start++;
            }
        }
        while (true) {
            int word = stop;
            while (word > start && isWordChar(text.charAt(word - 1))) {
                word--;
            }
            if (word == stop || word - 1 <= start || text.charAt(word - 1) != '@'
                    || !Character.isWhitespace(text.charAt(word - 2))) {
                break;
            }
            stop = word - 1;
            while (stop > start && Character.isWhitespace(text.charAt(stop - 1))) {
                stop--;
            }
        }
        return text.subSequence(start, stop).toString();
    }

    /** The end of an @mention starting at {@code at}, or {@code at} when there is none. */
    private static int mentionEnd(CharSequence text, int at, int stop) {
        if (at >= stop || text.charAt(at) != '@') {
            return at;
        }
        int end = at + 1;
        while (end < stop && isWordChar(text.charAt(end))) {
            end++;
        }
        return end == at + 1 ? at : end;
    }

    /** What {@code \\w} matches. */
    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    static Optional<String> eta(CharSequence text) {
        Matcher matcher = ETA.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1).trim()) : Optional.empty();
    }

    /** A window in UTC; an end earlier than the start without its own date is on the next day. */
    static Optional<Instant[]> window(CharSequence text) {
        Matcher matcher = WINDOW.matcher(text);
        if (!matcher.find()) {
            return Optional.empty();
        }
        LocalDate startDate;
        Instant start;
        LocalDate endDate;
        Instant end;
        try {
            startDate = LocalDate.parse(matcher.group(1));
            start = startDate.atTime(LocalTime.parse(pad(matcher.group(2)))).toInstant(ZoneOffset.UTC);
            endDate = matcher.group(3) != null ? LocalDate.parse(matcher.group(3)) : startDate;
            end = endDate.atTime(LocalTime.parse(pad(matcher.group(4)))).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException notADate) {
            throw new Unreadable(matcher.group() + " is not a real date and time; give the window in UTC, like "
                    + "2025-11-29 22:00-23:30");
        }
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
