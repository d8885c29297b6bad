package servicedesk.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import servicedesk.testing.AdversarialText;
import servicedesk.testing.CountingText;

/**
 * Every rule of the scanner in linear time: 100,000 characters built against each rule go through all of
 * them, and the rules may read the text a bounded number of times over (counted, not timed; a rule that
 * backtracks quadratically reads it tens of thousands of times over and is stopped at the budget). The
 * time each takes is measured by {@code infra/bench/regex}; here only a generous bound is checked.
 */
class SecretScannerLinearTimeTest {
    /** Reads per character of text, over all the rules together. */
    static final int READS_PER_CHARACTER = 100;

    private final SecretScanner scanner = new SecretScanner(AdversarialText.LENGTH);

    @Test
    void everyRuleReadsAdversarialTextALinearNumberOfTimes() {
        long started = System.nanoTime();
        for (Map.Entry<String, String> attack : AdversarialText.forSecretScanner().entrySet()) {
            CountingText text = new CountingText(attack.getValue(), (long) READS_PER_CHARACTER * AdversarialText.LENGTH);
            assertThat(attack.getValue()).hasSize(AdversarialText.LENGTH);
            try {
                scanner.scan(text);
            } catch (CountingText.OverBudget over) {
                throw new AssertionError(attack.getKey() + ": the rules " + over.getMessage() + " of "
                        + AdversarialText.LENGTH + " (not linear)");
            }
            System.out.printf("secret scanner, %-34s %6.1f reads per character%n", attack.getKey() + ":",
                    (double) text.reads() / AdversarialText.LENGTH);
        }
        assertThat((System.nanoTime() - started) / 1_000_000_000.0).as("seconds for all attacks").isLessThan(30);
    }

    @Test
    void textPastTheCapIsCutBeforeScanningAndNeverKept() {
        String text = "x".repeat(SecretScanner.MAX_TEXT) + " my password is hunter22";
        SecretScanner.Result result = new SecretScanner().scan(text);
        assertThat(result.redactedText()).hasSize(SecretScanner.MAX_TEXT + SecretScanner.TRUNCATED.length())
                .doesNotContain("hunter22");
    }
}
