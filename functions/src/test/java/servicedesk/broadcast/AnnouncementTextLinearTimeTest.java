package servicedesk.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import servicedesk.outage.AnnouncementKind;
import servicedesk.testing.AdversarialText;
import servicedesk.testing.CountingText;

/**
 * The announcement parser's rules in linear time: 100,000 characters built against each rule go through
 * every rule (the ETA, the window, the @mentions at the edges), counted in reads as in
 * {@code SecretScannerLinearTimeTest}.
 */
class AnnouncementTextLinearTimeTest {
    private static final int READS_PER_CHARACTER = 50;

    @Test
    void everyRuleReadsAdversarialTextALinearNumberOfTimes() {
        long started = System.nanoTime();
        for (Map.Entry<String, String> attack : AdversarialText.forAnnouncementText().entrySet()) {
            CountingText text = new CountingText(attack.getValue(), (long) READS_PER_CHARACTER * AdversarialText.LENGTH);
            try {
                AnnouncementText.eta(text);
                AnnouncementText.window(text);
                AnnouncementText.publicText(text);
            } catch (CountingText.OverBudget over) {
                throw new AssertionError(attack.getKey() + ": the rules " + over.getMessage() + " (not linear)");
            }
            System.out.printf("announcement parser, %-34s %6.1f reads per character%n", attack.getKey() + ":",
                    (double) text.reads() / AdversarialText.LENGTH);
        }
        assertThat((System.nanoTime() - started) / 1_000_000_000.0).as("seconds for all attacks").isLessThan(30);
    }

    @Test
    void theMentionsThatOpenOrCloseATweetAreDroppedAsBefore() {
        assertThat(AnnouncementText.publicText("@ITHelp  @it_ops #outage #wifi down @dana @ITHelp"))
                .isEqualTo("#outage #wifi down");
        assertThat(AnnouncementText.publicText("@a @b")).isEqualTo("@b");
        assertThat(AnnouncementText.publicText("mail me@example.edu @x")).isEqualTo("mail me@example.edu");
        assertThat(AnnouncementText.publicText("@only")).isEqualTo("@only");
        assertThat(AnnouncementText.publicText("#kb see @ docs")).isEqualTo("#kb see @ docs");
    }

    @Test
    void aTweetPastTheCapIsReadOnlyUpToIt() {
        String tweet = "#maintenance #vpn " + "x".repeat(AnnouncementText.MAX_TEXT) + " 2030-01-05 22:00-23:30";
        AnnouncementDraft draft = AnnouncementText.fromTweet(tweet, List.of(), "staff", "t1", AnnouncementKind.MAINTENANCE, "vpn");
        assertThat(draft.windowStart()).isNull();
    }
}
