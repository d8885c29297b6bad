package servicedesk.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import servicedesk.records.Change;
import servicedesk.records.Claim;
import servicedesk.testing.MemoryCursors;
import servicedesk.testing.MemoryDesk;
import servicedesk.testing.MutableClock;

/** Reconciliation's paging, cursors and choices, with X's timelines as lists (newest first). */
class ReconciliationTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-07-24T12:00:00Z"));
    private final MemoryDesk desk = new MemoryDesk();
    private final List<String> queued = new ArrayList<>();
    private final List<XReadback.Item> mentions = new ArrayList<>();
    private final List<XReadback.Item> dms = new ArrayList<>();
    private final List<String> mentionCalls = new ArrayList<>();
    private boolean xDown;
    private int pageSize = 2;

    private final XReadback x = new XReadback() {
        @Override
        public Page mentions(String sinceId, Instant startTime, String next) throws Unavailable {
            mentionCalls.add(sinceId + "/" + startTime);
            List<Item> newer = mentions.stream().filter(item -> sinceId == null || Reconciliation.newer(item.id(), sinceId))
                    .filter(item -> startTime == null || !item.at().isBefore(startTime)).toList();
            return page(newer, next);
        }

        @Override
        public Page directMessages(String next) throws Unavailable {
            return page(dms, next);
        }

        private Page page(List<Item> items, String next) throws Unavailable {
            if (xDown) {
                throw new Unavailable("RATE_LIMITED 429");
            }
            int from = next == null ? 0 : Integer.parseInt(next);
            int to = Math.min(items.size(), from + pageSize);
            return new Page(items.subList(from, to), to < items.size() ? Integer.toString(to) : null);
        }
    };

    private final EventQueue queue = new EventQueue() {
        @Override
        public void accept(String verifiedBody) {
            throw new AssertionError("reconciliation never posts as the webhook");
        }

        @Override
        public void accept(String body, Receipt receipt, Duration delay) {
            assertThat(receipt.recovered()).isTrue();
            queued.add(body);
        }
    };

    private final MemoryCursors store = new MemoryCursors();

    private Reconciliation reconciliation(Reconciliation.Settings settings) {
        return new Reconciliation(x, desk, queue, store, settings, clock);
    }

    /** Adds a mention, newest first, {@code minutesAgo} old. */
    private void mention(long id, int minutesAgo) {
        mentions.add(0, new XReadback.Item(Long.toString(id), clock.instant().minus(Duration.ofMinutes(minutesAgo)),
                "tweet:" + id, "post " + id));
    }

    @Test
    void queuesWhatTheDeskHasNotSeenOldestFirstAndGoesOnFromTheNewest() {
        mention(101, 30);
        mention(102, 20);
        mention(103, 10);
        desk.commit(Claim.tweet("102", null), Change.of());

        Reconciliation.Result first = reconciliation(Reconciliation.Settings.polling()).run();

        assertThat(queued).containsExactly("post 101", "post 103");
        assertThat(first).isEqualTo(new Reconciliation.Result(3, 2, true));
        assertThat(store.values()).containsEntry(Reconciliation.MENTIONS, "103");
        assertThat(mentionCalls.get(0)).startsWith("null/2026-07-23T12:00");

        mention(104, 1);
        queued.clear();
        Reconciliation.Result second = reconciliation(Reconciliation.Settings.polling()).run();
        assertThat(queued).containsExactly("post 104");
        assertThat(second.read()).isEqualTo(1);
        assertThat(mentionCalls.get(mentionCalls.size() - 1)).startsWith("103/");
    }

    @Test
    void besideAWebhookTheLastMinutesAreLeftToItAndReadAgainNextTime() {
        mention(101, 30);
        mention(102, 1);

        Reconciliation.Result result = reconciliation(Reconciliation.Settings.besideWebhook()).run();

        assertThat(queued).containsExactly("post 101");
        assertThat(result.complete()).isFalse();
        assertThat(store.values()).containsEntry(Reconciliation.MENTIONS, "101");
    }

    @Test
    void theAccountsOwnDmsAreReadPastNeverQueued() {
        dms.add(new XReadback.Item("903", clock.instant().minusSeconds(60), null, null));
        dms.add(new XReadback.Item("902", clock.instant().minusSeconds(120), "dm:902", "dm 902"));
        dms.add(new XReadback.Item("901", clock.instant().minusSeconds(180), null, null));

        reconciliation(Reconciliation.Settings.polling()).run();

        assertThat(queued).containsExactly("dm 902");
        assertThat(store.values()).containsEntry(Reconciliation.DIRECT_MESSAGES, "903");
        queued.clear();
        reconciliation(Reconciliation.Settings.polling()).run();
        assertThat(queued).isEmpty();
    }

    @Test
    void moreThanARunsPagesLeavesTheCursorWhereItWas() {
        pageSize = 1;
        for (int i = 0; i < Reconciliation.MAX_PAGES + 2; i++) {
            dms.add(new XReadback.Item(Integer.toString(900 - i), clock.instant().minusSeconds(60L * (i + 1)), "dm:" + (900 - i), "dm " + i));
        }

        Reconciliation.Result result = reconciliation(Reconciliation.Settings.polling()).run();

        assertThat(result.complete()).isFalse();
        assertThat(queued).hasSize(Reconciliation.MAX_PAGES);
        assertThat(store.values()).doesNotContainKey(Reconciliation.DIRECT_MESSAGES);
    }

    @Test
    void whenXWillNotAnswerNothingMovesAndTheNextRunTriesAgain() {
        mention(101, 30);
        xDown = true;

        Reconciliation.Result result = reconciliation(Reconciliation.Settings.polling()).run();

        assertThat(result).isEqualTo(new Reconciliation.Result(0, 0, false));
        assertThat(store.values()).isEmpty();
        xDown = false;
        assertThat(reconciliation(Reconciliation.Settings.polling()).run().recovered()).isEqualTo(1);
    }
}
