package servicedesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the abuse suite tried and what came of it, by category: requests tried, forgeries accepted,
 * answers in the 5xx range, and markup or script URLs rendered. Each {@code …AbuseIntegrationTest} class
 * keeps one, asserts the three bad counts are 0, prints its table and adds it to
 * {@code infra/local/target/abuse-figures.md} (the figures in RELIABILITY.md).
 */
final class AbuseTally {
    /** A raw tag: text has every {@code <} escaped, so each of these is markup the page itself wrote. */
    private static final Pattern TAG = Pattern.compile("<\\s*/?\\s*([A-Za-z][A-Za-z0-9:-]*)([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Za-z:-]+)\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s>]+)");
    /** The tags the status page and the Atom feed are made of. */
    private static final Set<String> OWN_TAGS = Set.of("html", "head", "meta", "title", "link", "style",
            "body", "header", "h1", "h2", "h3", "p", "time", "a", "main", "section", "ul", "ol", "li", "span", "article",
            "strong", "footer", "feed", "id", "updated", "author", "name", "entry", "category", "content");

    private record Row(int tried, int forgeriesAccepted, int serverErrors, int markupRendered) {
        Row plus(Row other) {
            return new Row(tried + other.tried, forgeriesAccepted + other.forgeriesAccepted,
                    serverErrors + other.serverErrors, markupRendered + other.markupRendered);
        }
    }

    private final String suite;
    private final Map<String, Row> rows = new TreeMap<>();

    AbuseTally(String suite) {
        this.suite = suite;
    }

    /** One request tried: its status (0 when the gateway had no route) and whether it was a forgery let in. */
    synchronized void tried(String category, int status, boolean forgeryAccepted) {
        rows.merge(category, new Row(1, forgeryAccepted ? 1 : 0, status >= 500 ? 1 : 0, 0), Row::plus);
    }

    /** A page or feed read after the attempts: counts raw markup and script URLs found in it. */
    synchronized int rendered(String category, String body, int status) {
        int found = markupIn(body);
        rows.merge(category, new Row(1, 0, status >= 500 ? 1 : 0, found), Row::plus);
        return found;
    }

    /**
     * Markup the page did not write itself: a tag that is not one of its own, an event-handler attribute,
     * or a link or source that is not http(s) (or the page's own relative feed links).
     */
    static int markupIn(String body) {
        if (body == null) {
            return 0;
        }
        int found = 0;
        Matcher tag = TAG.matcher(body);
        while (tag.find()) {
            if (!OWN_TAGS.contains(tag.group(1).toLowerCase())) {
                found++;
            }
            Matcher attribute = ATTRIBUTE.matcher(tag.group(2));
            while (attribute.find()) {
                String name = attribute.group(1).toLowerCase();
                String value = attribute.group(2).replaceAll("^[\"']|[\"']$", "").trim().toLowerCase();
                if (name.startsWith("on")) {
                    found++;
                } else if ((name.equals("href") || name.equals("src")) && !value.equals("status.atom")
                        && !value.equals("status.json") && !value.equals("/status")
                        && !value.startsWith("http://") && !value.startsWith("https://")) {
                    found++;
                }
            }
        }
        return found;
    }

    int total(String what) {
        Row sum = rows.values().stream().reduce(new Row(0, 0, 0, 0), Row::plus);
        return switch (what) {
            case "tried" -> sum.tried;
            case "forgeries" -> sum.forgeriesAccepted;
            case "5xx" -> sum.serverErrors;
            default -> sum.markupRendered;
        };
    }

    /** Prints the table, appends it to the figures file, and asserts 0 forgeries, 0 5xx and 0 markup. */
    void reportAndCheck() throws IOException {
        StringBuilder table = new StringBuilder("\n### ").append(suite).append("\n\n")
                .append("| category | tried | forgeries accepted | 5xx | markup rendered |\n| --- | ---: | ---: | ---: | ---: |\n");
        rows.forEach((category, row) -> table.append("| ").append(category).append(" | ").append(row.tried).append(" | ")
                .append(row.forgeriesAccepted).append(" | ").append(row.serverErrors).append(" | ").append(row.markupRendered)
                .append(" |\n"));
        table.append("| **all** | ").append(total("tried")).append(" | ").append(total("forgeries")).append(" | ")
                .append(total("5xx")).append(" | ").append(total("markup")).append(" |\n");
        System.out.print(table);
        Path figures = EmulatedDesk.ROOT.resolve("infra/local/target/abuse-figures.md");
        Files.createDirectories(figures.getParent());
        Files.writeString(figures, table, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        assertThat(total("forgeries")).as(suite + ": forgeries accepted").isZero();
        assertThat(total("5xx")).as(suite + ": 5xx answers").isZero();
        assertThat(total("markup")).as(suite + ": raw markup or script URLs rendered").isZero();
    }
}
