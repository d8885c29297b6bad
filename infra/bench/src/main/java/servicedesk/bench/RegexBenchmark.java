package servicedesk.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import servicedesk.broadcast.AnnouncementText;
import servicedesk.local.ProjectRoot;
import servicedesk.outage.AnnouncementKind;
import servicedesk.privacy.SecretScanner;
import servicedesk.testing.AdversarialText;

/**
 * The secret scanner and the announcement parser on 100,000 adversarial characters per rule, each timed
 * against the same code on 100,000 characters of ordinary prose in the same run (median of 9 after 3
 * warm-up runs). Linear rules keep every ratio small; one quadratic rule would be thousands of times slower.
 * The scanner is measured without its cap (every rule reads all 100,000 characters); the parser through
 * {@code AnnouncementText.fromTweet}, as a staff tweet reaches it (cut at its 30,000-character cap).
 */
public final class RegexBenchmark {
    private static final int WARM_UP = 3;
    private static final int RUNS = 9;

    private RegexBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        SecretScanner scanner = new SecretScanner(AdversarialText.LENGTH);
        Consumer<String> scan = scanner::scan;
        Consumer<String> parse = text -> AnnouncementText.fromTweet(text, List.of(), "staff", "1", AnnouncementKind.OUTAGE, "wifi");
        String prose = AdversarialText.prose();
        double scanBaseline = medianMillis(scan, prose);
        double parseBaseline = medianMillis(parse, prose);
        StringBuilder table = new StringBuilder("| rule under attack (100,000 characters) | time | ordinary prose | ratio |\n")
                .append("| --- | ---: | ---: | ---: |\n");
        double worst = 0;
        for (Map.Entry<String, String> attack : AdversarialText.forSecretScanner().entrySet()) {
            worst = Math.max(worst, row(table, "secret scanner, " + attack.getKey(), medianMillis(scan, attack.getValue()), scanBaseline));
        }
        for (Map.Entry<String, String> attack : AdversarialText.forAnnouncementText().entrySet()) {
            worst = Math.max(worst, row(table, "announcement parser, " + attack.getKey(), medianMillis(parse, attack.getValue()), parseBaseline));
        }
        table.append(String.format("%nWorst ratio: %.2f (ordinary prose: scanner %.2f ms, parser %.2f ms per 100,000 characters)%n",
                worst, scanBaseline, parseBaseline));
        System.out.print(table);
        Path out = ProjectRoot.find().resolve("infra/bench/target/regex-benchmark.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
    }

    private static double row(StringBuilder table, String name, double millis, double baseline) {
        double ratio = millis / baseline;
        table.append(String.format("| %s | %.2f ms | %.2f ms | %.2f |%n", name, millis, baseline, ratio));
        return ratio;
    }

    private static double medianMillis(Consumer<String> work, String text) {
        for (int i = 0; i < WARM_UP; i++) {
            work.accept(text);
        }
        double[] runs = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            work.accept(text);
            runs[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(runs);
        return runs[RUNS / 2];
    }
}
