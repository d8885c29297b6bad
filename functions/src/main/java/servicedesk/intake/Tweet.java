package servicedesk.intake;

import java.time.Instant;
import java.util.List;

/**
 * A tweet as the desk needs it: full text (extended text when X truncated it, HTML entities unescaped),
 * lower-case hashtags, expanded links, and where it sits in a thread.
 */
public record Tweet(
        String id,
        String authorId,
        String authorHandle,
        String text,
        List<String> hashtags,
        List<String> links,
        List<String> mentionedUserIds,
        String inReplyToTweetId,
        String inReplyToUserId,
        boolean retweet,
        Instant createdAt) {

    public Tweet {
        hashtags = List.copyOf(hashtags);
        links = List.copyOf(links);
        mentionedUserIds = List.copyOf(mentionedUserIds);
    }

    public String url() {
        return "https://x.com/" + authorHandle + "/status/" + id;
    }

    public boolean hasHashtag(String tag) {
        return hashtags.contains(tag);
    }
}
