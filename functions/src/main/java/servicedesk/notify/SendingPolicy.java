package servicedesk.notify;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import servicedesk.settings.Environment;

/**
 * How the sender spends X's budgets, from the function's environment (template parameters): the
 * acknowledgement target, X's published limits (always corrected by the headers X returns), prices, and
 * an optional daily spend ceiling.
 *
 * @param acknowledgeWithin  an acknowledgement that would wait longer than this for a DM slot goes as a
 *                           public reply instead ({@code AcknowledgeWithinMinutes})
 * @param directMessages     X's DM limits ({@code XDmLimits})
 * @param posts              X's post limits ({@code XPostLimits})
 * @param prices             what each request costs on pay-per-use ({@code XPricesUsd})
 * @param dailyCeilingMicros the day's estimated spend (micro-dollars) past which the lowest classes wait for
 *                           the next UTC day; 0 for none ({@code DailySpendCeilingUsd})
 */
public record SendingPolicy(Duration acknowledgeWithin, LaneLimits directMessages, LaneLimits posts, Prices prices,
                            long dailyCeilingMicros) {

    /**
     * Requests per 15 minutes for the user, per 24 hours for the user and per 24 hours for the app (0: no such
     * window), and how many of each 15-minute window are kept for better classes until its last minutes.
     */
    public record LaneLimits(int perQuarterHour, int userPerDay, int appPerDay, int reserve) {
        /** "15,1440,1440": per 15 minutes, per day for the user, per day for the app. */
        static LaneLimits parse(String text, int reserve) {
            String[] parts = text.split(",");
            if (parts.length != 3) {
                throw new IllegalArgumentException("X limits are three numbers: per 15 minutes, per user per day, per app per day");
            }
            return new LaneLimits(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                    Integer.parseInt(parts[2].trim()), reserve);
        }
    }

    /** X's pay-per-use prices, in micro-dollars per request or per resource read (docs/x-api-reference.md §12). */
    public record Prices(long post, long postWithLink, long reply, long directMessage, long dmEventRead, long ownedRead,
                         long userRead) {
        static final String DEFAULTS = "post=0.015,postWithLink=0.20,reply=0.010,dm=0.015,dmEventRead=0.010,"
                + "ownedRead=0.001,userRead=0.010";

        static Prices parse(String text) {
            Map<String, Long> micros = new HashMap<>();
            for (String pair : (DEFAULTS + "," + text).split(",")) {
                String[] parts = pair.split("=");
                if (parts.length == 2) {
                    micros.put(parts[0].trim(), usdToMicros(parts[1].trim()));
                }
            }
            return new Prices(micros.get("post"), micros.get("postWithLink"), micros.get("reply"), micros.get("dm"),
                    micros.get("dmEventRead"), micros.get("ownedRead"), micros.get("userRead"));
        }

        /**
         * A message's price: a DM; a reply to a post that summoned the account (acknowledgements, hints); any
         * other post, dearer when it carries a link (X's "Post: Create (with URL)").
         */
        public long of(OutboundMessage message) {
            return switch (message.channel()) {
                case DIRECT_MESSAGE -> directMessage;
                case PUBLIC_REPLY -> message.recipientId() != null ? reply : withLink(message.text());
                case TIMELINE_POST -> withLink(message.text());
            };
        }

        private long withLink(String text) {
            return text.contains("http://") || text.contains("https://") ? postWithLink : post;
        }
    }

    public static final String DM_LIMITS = "15,1440,1440";
    public static final String POST_LIMITS = "100,0,10000";

    public static SendingPolicy defaults() {
        return new SendingPolicy(Duration.ofMinutes(5), LaneLimits.parse(DM_LIMITS, 2), LaneLimits.parse(POST_LIMITS, 1),
                Prices.parse(""), 0);
    }

    public static SendingPolicy from(Environment environment) {
        String ceiling = environment.orDefault("DAILY_SPEND_CEILING_USD", "0").trim();
        return new SendingPolicy(
                Duration.ofMinutes(Long.parseLong(environment.orDefault("ACKNOWLEDGE_WITHIN_MINUTES", "5").trim())),
                LaneLimits.parse(environment.orDefault("X_DM_LIMITS", DM_LIMITS), 2),
                LaneLimits.parse(environment.orDefault("X_POST_LIMITS", POST_LIMITS), 1),
                Prices.parse(environment.orDefault("X_PRICES_USD", "")),
                ceiling.isEmpty() ? 0 : usdToMicros(ceiling));
    }

    public LaneLimits limits(Lane lane) {
        return lane == Lane.DIRECT_MESSAGES ? directMessages : posts;
    }

    public SendingPolicy withCeilingMicros(long micros) {
        return new SendingPolicy(acknowledgeWithin, directMessages, posts, prices, micros);
    }

    public SendingPolicy withAcknowledgeWithin(Duration within) {
        return new SendingPolicy(within, directMessages, posts, prices, dailyCeilingMicros);
    }

    static long usdToMicros(String usd) {
        return new java.math.BigDecimal(usd).movePointRight(6).longValueExact();
    }
}
