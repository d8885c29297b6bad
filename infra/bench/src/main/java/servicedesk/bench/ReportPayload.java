package servicedesk.bench;

/** Account Activity payloads for benchmarks: one report (a mention with a service hashtag) each. */
final class ReportPayload {
    private ReportPayload() {
    }

    private static final java.time.format.DateTimeFormatter CREATED_AT =
            java.time.format.DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", java.util.Locale.ROOT);

    /** Dated now: the desk ignores events older than X's replay window. */
    static String report(long tweetId, long userId) {
        java.time.Instant now = java.time.Instant.now();
        return """
                {"for_user_id":"1600000000000000001","user_has_blocked":false,"tweet_create_events":[{
                "created_at":"%3$s","id":%1$d,"id_str":"%1$d",
                "text":"@ITHelp #blackboard I can't open my grades, page just spins","truncated":false,
                "in_reply_to_status_id":null,"in_reply_to_status_id_str":null,
                "user":{"id":%2$d,"id_str":"%2$d","name":"Bench","screen_name":"bench%2$d"},
                "entities":{"hashtags":[{"text":"blackboard","indices":[8,19]}],"urls":[],"symbols":[],
                "user_mentions":[{"id":1600000000000000001,"id_str":"1600000000000000001","screen_name":"ITHelp",
                "name":"Campus IT Help","indices":[0,7]}]},"timestamp_ms":"%4$d"}]}""".formatted(tweetId, userId, CREATED_AT.format(now.atZone(java.time.ZoneOffset.UTC)), now.toEpochMilli());
    }
}
