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

    /** The entities wholly within the first {@code codePoints} code points of the text. */
    Entities upTo(int codePoints) {
        return new Entities(mentions.stream().filter(m -> m.end() <= codePoints).toList(),
                hashtags.stream().filter(h -> h.end() <= codePoints).toList(),
                urls.stream().filter(l -> l.end() <= codePoints).toList());
    }

    /** {@code cut}, moved back to the start of any entity it would split. */
    int cutBefore(int cut) {
        int at = cut;
        for (Mention m : mentions) {
            at = m.start() < at && at < m.end() ? m.start() : at;
        }
        for (Hashtag h : hashtags) {
            at = h.start() < at && at < h.end() ? h.start() : at;
        }
        for (Link l : urls) {
            at = l.start() < at && at < l.end() ? l.start() : at;
        }
        return at;
    }

    public boolean mentions(String userId) {
        return mentions.stream().anyMatch(m -> m.id().equals(userId));
    }
}
