package servicedesk.xstandin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** §10: X's windows, headers and 429s, and their resets under the time scale. */
class RateLimitTest {
    private static final String USER = "1700000000000000002";
    private final MutableClock base = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final XStandIn x = XStandIn.start(Options.defaults().withTime(60, base));
    private final Client client = new Client(x);

    @AfterEach
    void close() {
        x.close();
    }

    @Test
    void fifteenDmsPer15MinutesThenA429UntilTheResetPassesOnTheScaledClock() {
        Client.Reply first = client.dm(USER, "message 0");
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("x-rate-limit-limit")).isEqualTo("15");
        assertThat(first.header("x-rate-limit-remaining")).isEqualTo("14");
        long reset = Long.parseLong(first.header("x-rate-limit-reset"));
        assertThat(reset).isEqualTo(x.now().plus(Duration.ofMinutes(15)).getEpochSecond());
        for (int i = 1; i < 15; i++) {
            assertThat(client.dm(USER, "message " + i).status()).isEqualTo(201);
        }

        Client.Reply limited = client.dm(USER, "message 15");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().path("errors").get(0).path("code").asInt()).isEqualTo(88);
        assertThat(limited.json().path("errors").get(0).path("message").asText()).isEqualTo("Rate limit exceeded");
        assertThat(limited.header("x-rate-limit-remaining")).isEqualTo("0");
        assertThat(limited.header("x-rate-limit-reset")).isEqualTo(Long.toString(reset));
        assertThat(x.tooManyRequests()).isEqualTo(1);
        assertThat(x.sentDms()).hasSize(15);

        // Scale 60: 15 X minutes are 15 real seconds.
        base.tick(Duration.ofSeconds(14));
        assertThat(client.dm(USER, "still early").status()).isEqualTo(429);
        base.tick(Duration.ofSeconds(1));
        assertThat(client.dm(USER, "after the reset").status()).isEqualTo(201);
        assertThat(x.tooManyRequests()).isEqualTo(2);
    }

    @Test
    void theDailyDmWindowCountsAcrossFifteenMinuteWindows() {
        x.setRateLimitHeaders(RateLimitHeaders.WITH_24_HOUR);
        Instant start = x.now();
        Client.Reply last = null;
        for (int window = 0; window < 4; window++) {
            for (int i = 0; i < 15; i++) {
                last = client.dm(USER, "w" + window + " m" + i);
                assertThat(last.status()).isEqualTo(201);
            }
            assertThat(client.dm(USER, "over").status()).isEqualTo(429);
            x.advance(Duration.ofMinutes(15));
        }
        assertThat(last.header("x-rate-limit-remaining")).isEqualTo("0");
        assertThat(last.header("x-user-limit-24hour-limit")).isEqualTo("1440");
        assertThat(last.header("x-user-limit-24hour-remaining")).isEqualTo("1380");
        assertThat(last.header("x-user-limit-24hour-reset")).isEqualTo(Long.toString(start.plus(Duration.ofHours(24)).getEpochSecond()));
        assertThat(last.header("x-app-limit-24hour-limit")).isEqualTo("1440");
        assertThat(last.header("x-app-limit-24hour-remaining")).isEqualTo("1380");
        assertThat(x.tooManyRequests()).isEqualTo(4);
    }

    @Test
    void aDailyCapSpentElsewhereIsA429ThatOnlyTheDailyHeadersExplain() {
        x.setRateLimitHeaders(RateLimitHeaders.WITH_24_HOUR);
        Instant start = x.now();
        // Staff used the account's DMs in X's app all day: 1,439 of the user's 1,440 are gone.
        x.spend(XLimit.DMS_PER_USER_24_HOURS, 1_439);
        assertThat(client.dm(USER, "the last one today").status()).isEqualTo(201);

        Client.Reply limited = client.dm(USER, "one too many");
        assertThat(limited.status()).isEqualTo(429);
        // The 15-minute window still has room: only the 24-hour headers tell the truth.
        assertThat(limited.header("x-rate-limit-remaining")).isEqualTo("14");
        assertThat(limited.header("x-user-limit-24hour-remaining")).isEqualTo("0");
        assertThat(Long.parseLong(limited.header("x-user-limit-24hour-reset")))
                .isEqualTo(start.plus(Duration.ofHours(24)).getEpochSecond());

        x.advance(Duration.ofMinutes(15));
        assertThat(client.dm(USER, "next window, same day").status()).isEqualTo(429);
        x.advance(Duration.ofHours(24));
        assertThat(client.dm(USER, "the next day").status()).isEqualTo(201);
    }

    @Test
    void postsAre100Per15MinutesPerUser() {
        for (int i = 0; i < 100; i++) {
            assertThat(client.tweet("status update " + i).status()).isEqualTo(201);
        }
        Client.Reply limited = client.tweet("status update 100");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("x-rate-limit-limit")).isEqualTo("100");
        x.advance(Duration.ofMinutes(15));
        assertThat(client.tweet("status update 101").status()).isEqualTo(201);
    }

    @Test
    void theAppsDailyPostCapShowsInTheAppHeaders() {
        x.setRateLimitHeaders(RateLimitHeaders.WITH_24_HOUR);
        Client.Reply reply = client.tweet("hello");
        assertThat(reply.header("x-app-limit-24hour-limit")).isEqualTo("10000");
        assertThat(reply.header("x-app-limit-24hour-remaining")).isEqualTo("9999");
        assertThat(reply.header("x-user-limit-24hour-limit")).isNull();
    }

    @Test
    void eachEndpointHasItsOwnFigures() {
        String mentions = "/2/users/" + x.options().accountId() + "/mentions";
        assertThat(client.user("GET", mentions, null).header("x-rate-limit-limit")).isEqualTo("300");
        assertThat(client.app("GET", mentions, null).header("x-rate-limit-limit")).isEqualTo("450");
        assertThat(client.user("GET", "/2/dm_events", null).header("x-rate-limit-limit")).isEqualTo("15");
        assertThat(client.user("GET", "/2/users/me", null).header("x-rate-limit-limit")).isEqualTo("75");
        assertThat(client.app("GET", "/2/webhooks", null).header("x-rate-limit-limit")).isEqualTo("450");
        assertThat(client.app("POST", "/2/webhooks/replay", "{}").header("x-rate-limit-limit")).isEqualTo("100");
    }

    @Test
    void dmReadsAre15Per15Minutes() {
        for (int i = 0; i < 15; i++) {
            assertThat(client.user("GET", "/2/dm_events", null).status()).isEqualTo(200);
        }
        assertThat(client.user("GET", "/2/dm_events", null).status()).isEqualTo(429);
        // Another DM endpoint has its own window.
        assertThat(client.user("GET", "/2/dm_conversations/with/" + USER + "/dm_events", null).status()).isEqualTo(200);
    }

    @Test
    void usersMeIs75Per15Minutes() {
        for (int i = 0; i < 75; i++) {
            assertThat(client.user("GET", "/2/users/me", null).status()).isEqualTo(200);
        }
        assertThat(client.user("GET", "/2/users/me", null).status()).isEqualTo(429);
    }

    @Test
    void headersCanBeOmittedEntirely() {
        x.setRateLimitHeaders(RateLimitHeaders.NONE);
        Client.Reply reply = client.dm(USER, "no headers");
        assertThat(reply.raw().headers().map().keySet()).noneMatch(h -> h.startsWith("x-rate-limit") || h.contains("24hour"));
    }

    @Test
    void a429CanComeWithoutAnyResetHeader() {
        x.setRateLimitHeaders(RateLimitHeaders.WITH_24_HOUR);
        x.setResetHeaderOn429(false);
        for (int i = 0; i < 15; i++) {
            client.dm(USER, "m" + i);
        }
        Client.Reply limited = client.dm(USER, "limited");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.raw().headers().map().keySet()).noneMatch(h -> h.endsWith("-reset"));
        assertThat(limited.header("x-rate-limit-remaining")).isEqualTo("0");
    }
}
