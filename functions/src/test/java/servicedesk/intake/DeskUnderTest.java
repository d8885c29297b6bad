package servicedesk.intake;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import servicedesk.incident.Incident;
import servicedesk.incident.ResponseTargets;
import servicedesk.notify.OutboundMessage;
import servicedesk.settings.DeskSettings;
import servicedesk.testing.MemoryCatalog;
import servicedesk.testing.MemoryDesk;
import servicedesk.testing.MutableClock;

/** Intake over an in-memory desk, with the events people send it. */
final class DeskUnderTest {
    static final String IT = "1600000000000000001";
    static final String JO = "1700000000000000002";
    static final String SAM = "1700000000000000004";
    static final String DANA_STAFF = "1800000000000000003";
    private static final Pattern HASHTAG = Pattern.compile("#(\\w+)");
    private static final Pattern LINK = Pattern.compile("https?://\\S+");

    final MutableClock clock = new MutableClock(Instant.parse("2025-11-22T10:00:00Z"));
    final MemoryDesk desk = new MemoryDesk();
    final MemoryCatalog catalog = new MemoryCatalog();
    final DeskSettings settings = new DeskSettings(IT, Set.of(DANA_STAFF), Set.of("own-app"), "+1 555 0199",
            ResponseTargets.parse(ResponseTargets.DEFAULTS), new DeskSettings.PossibleOutageRule(3, 15), 1);
    final Intake intake = newInstance();

    /** Another processor on the same desk, as a second Lambda instance handling deliveries side by side. */
    Intake newInstance() {
        return new Intake(settings, catalog, desk.incidents(), desk.outages(), desk, desk.audience(),
                new ParentWait(java.time.Duration.ofSeconds(30), 3), clock);
    }

    Intake.Outcome tweet(String id, String author, String text) {
        return handle(new InboundEvent.TweetCreated(tweetOf(id, author, text, null), null));
    }

    Intake.Outcome reply(String id, String author, String text, String inReplyTo) {
        return handle(new InboundEvent.TweetCreated(tweetOf(id, author, text, inReplyTo), null));
    }

    Intake.Outcome dm(String eventId, String sender, String text) {
        return handle(new InboundEvent.DirectMessageReceived(
                new DirectMessage(eventId, sender, IT, "", text, clock.instant())));
    }

    /** One event delivered by the webhook now, on its last chance to wait for a parent. */
    Intake.Outcome handle(InboundEvent event) {
        return handle(event, new Receipt(clock.instant(), 3, false));
    }

    Intake.Outcome handle(InboundEvent event, Receipt receipt) {
        return intake.handle(new ActivityBatch(IT, List.of(event)), receipt).get(0);
    }

    Tweet tweetOf(String id, String author, String text, String inReplyTo) {
        return new Tweet(id, author, "user" + author.substring(author.length() - 2), text, all(HASHTAG, text, 1).stream().map(tag -> tag.toLowerCase(Locale.ROOT)).toList(),
                all(LINK, text, 0), List.of(IT), inReplyTo, null, false, clock.instant());
    }

    Incident incident(String number) {
        return desk.incidents().find(number).orElseThrow();
    }

    OutboundMessage queued(String key) {
        return desk.queued().stream().filter(message -> message.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("nothing queued as " + key + " among " + desk.queued()));
    }

    private static List<String> all(Pattern pattern, String text, int group) {
        Matcher matcher = pattern.matcher(text);
        return matcher.results().map(match -> match.group(group)).toList();
    }
}
