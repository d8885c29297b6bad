package servicedesk.xstandin;

import java.util.List;

/** A post's entities as X gives them: offsets in code points into the stored text (with its t.co links). */
public record Entities(List<Mention> mentions, List<Hashtag> hashtags, List<Link> urls) {

    /** An @mention of an existing account. */
    public record Mention(int start, int end, String username, String id) {
    }

    /** A hashtag; {@code tag} is without '#'. */
    public record Hashtag(int start, int end, String tag) {
    }

    /** A link: {@code url} is the t.co link in the text, {@code expandedUrl} what the author wrote. */
    public record Link(int start, int end, String url, String expandedUrl, String displayUrl) {
    }

    public boolean mentions(String userId) {
        return mentions.stream().anyMatch(m -> m.id().equals(userId));
    }
}
