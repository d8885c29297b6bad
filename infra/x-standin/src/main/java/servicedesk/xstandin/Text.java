package servicedesk.xstandin;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What X does to a post's text: links become 23-character {@code t.co} links (with the original as
 * {@code expanded_url}, as XEP's entity examples show), mentions of existing accounts, hashtags and links
 * become entities (offsets in code points), and the length is X's weighted count.
 */
final class Text {
    private static final Pattern URL = Pattern.compile("https?://[^\\s]+");
    private static final Pattern MENTION = Pattern.compile("(?<![\\w@])@(\\w{1,15})");
    private static final Pattern HASHTAG = Pattern.compile("(?<![\\w&#])#(\\w*[\\p{L}_]\\w*)");
    private static final Pattern CASHTAG = Pattern.compile("(?<![\\w$])\\$[A-Za-z]{1,6}(?![\\w])");
    static final int TCO_LENGTH = 23;

    private Text() {
    }

    /** The text as X stores it: each link replaced by a t.co link; {@code shortLink} makes the next one. */
    record Shortened(String text, List<Entities.Link> links) {
    }

    static Shortened shorten(String original, java.util.function.Supplier<String> shortLink) {
        Matcher m = URL.matcher(original);
        StringBuilder out = new StringBuilder();
        List<String[]> pairs = new ArrayList<>();
        int last = 0;
        while (m.find()) {
            String url = trimTrailingPunctuation(m.group());
            int end = m.start() + url.length();
            String tco = shortLink.get();
            out.append(original, last, m.start()).append(tco);
            pairs.add(new String[]{tco, url});
            last = end;
        }
        out.append(original.substring(last));
        String text = out.toString();
        List<Entities.Link> links = new ArrayList<>();
        int from = 0;
        for (String[] pair : pairs) {
            int at = text.indexOf(pair[0], from);
            int start = text.codePointCount(0, at);
            links.add(new Entities.Link(start, start + pair[0].length(), pair[0], pair[1], display(pair[1])));
            from = at + pair[0].length();
        }
        return new Shortened(text, links);
    }

    private static String trimTrailingPunctuation(String url) {
        int end = url.length();
        while (end > 0 && ".,;:!?)'\"".indexOf(url.charAt(end - 1)) >= 0) {
            end--;
        }
        return url.substring(0, end);
    }

    private static String display(String url) {
        String bare = url.replaceFirst("^https?://(www\\.)?", "");
        return bare.length() > 26 ? bare.substring(0, 26) + "…" : bare;
    }

    /** Entities of a stored text; {@code idOfHandle} knows which handles are accounts (others are plain text). */
    static Entities entities(String text, List<Entities.Link> links, Function<String, String> idOfHandle) {
        List<Entities.Mention> mentions = new ArrayList<>();
        Matcher m = MENTION.matcher(text);
        while (m.find()) {
            String id = idOfHandle.apply(m.group(1));
            if (id != null) {
                int start = text.codePointCount(0, m.start());
                mentions.add(new Entities.Mention(start, start + m.group().codePointCount(0, m.group().length()), m.group(1), id));
            }
        }
        List<Entities.Hashtag> hashtags = new ArrayList<>();
        Matcher h = HASHTAG.matcher(text);
        while (h.find()) {
            int start = text.codePointCount(0, h.start());
            hashtags.add(new Entities.Hashtag(start, start + h.group().codePointCount(0, h.group().length()), h.group(1)));
        }
        return new Entities(List.copyOf(mentions), List.copyOf(hashtags), List.copyOf(links));
    }

    static int cashtags(String text) {
        Matcher m = CASHTAG.matcher(text);
        int count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }

    /**
     * X's weighted length (the twitter-text v3 configuration; X's reference only says 280 without premium):
     * NFC-normalized code points weigh 1 in Latin and general-punctuation ranges and 2 elsewhere (CJK,
     * emoji), and every link counts as 23 whatever its length.
     */
    static int weightedLength(String original) {
        String text = Normalizer.normalize(original, Normalizer.Form.NFC);
        Matcher m = URL.matcher(text);
        int length = 0;
        int last = 0;
        while (m.find()) {
            String url = trimTrailingPunctuation(m.group());
            length += weigh(text.substring(last, m.start())) + TCO_LENGTH;
            last = m.start() + url.length();
        }
        return length + weigh(text.substring(last));
    }

    private static int weigh(String part) {
        int length = 0;
        for (int i = 0; i < part.length(); ) {
            int cp = part.codePointAt(i);
            length += weight(cp);
            i += Character.charCount(cp);
        }
        return length;
    }

    /** One code point's weight: 1 in Latin and general-punctuation ranges, 2 elsewhere. */
    static int weight(int cp) {
        boolean light = cp <= 4351 || (cp >= 8192 && cp <= 8205) || (cp >= 8208 && cp <= 8223) || (cp >= 8242 && cp <= 8247);
        return light ? 1 : 2;
    }

    /** X escapes {@code &}, {@code <} and {@code >} in post text (and in DM text of webhook events). */
    static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static int codePoints(String text) {
        return text.codePointCount(0, text.length());
    }

    static String codePointPrefix(String text, int count) {
        int end = text.offsetByCodePoints(0, Math.min(count, codePoints(text)));
        return text.substring(0, end);
    }
}
