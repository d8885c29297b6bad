package servicedesk.bench;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import servicedesk.format.Json;
import servicedesk.format.Log;
import servicedesk.local.DynamoDbLocal;
import servicedesk.local.LocalDeployment;
import servicedesk.local.LocalGateway;
import servicedesk.local.MotoServer;
import servicedesk.local.ProjectRoot;
import servicedesk.messaging.OutboundKeys;
import servicedesk.x.XApi;
import servicedesk.x.XCredentials;
import servicedesk.xstandin.DmEvent;
import servicedesk.xstandin.Options;
import servicedesk.xstandin.Post;
import servicedesk.xstandin.XStandIn;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code infra/bench/surge [time-scale]}: a surge of reports replayed against the X stand-in enforcing X's real
 * limits, X's time running {@code time-scale} times faster (default 5): 300 reports on one service over 10
 * minutes, an outage declared after the first 50, an update at 6 minutes, the resolution at 20. The whole desk
 * runs in-process (functions as the template wires them, queues and topics on moto, tables and streams on
 * DynamoDB Local) with its clock on X's time. Once the last report and announcement are in, X's time jumps
 * ahead whenever the desk waits for a window (nothing can happen meanwhile). Every figure is in X's time and is
 * set against the optimum X's limits allow for the same arrivals ({@link SurgeOptimum}).
 */
public final class SurgeBenchmark {
    static final int REPORTS = 300;
    static final Duration ARRIVALS = Duration.ofMinutes(10);
    static final int OUTAGE_AFTER = 50;
    static final Duration UPDATE_AT = Duration.ofMinutes(6);
    static final Duration RESOLVED_AT = Duration.ofMinutes(20);
    static final String IT = "1600000000000000001";
    static final String STAFF = "1800000000000000003";
    static final long FIRST_REPORTER = 1_700_000_000_000_001_000L;
    static final Duration GIVE_UP_AFTER = Duration.ofMinutes(20);

    private SurgeBenchmark() {
    }

    record Reporter(String userId, Post report) {
    }

    public static void main(String[] args) throws Exception {
        double scale = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        Path root = ProjectRoot.find();
        Path target = root.resolve("infra/bench/target");
        Files.createDirectories(target);
        Log.redirect(new PrintStream(Files.newOutputStream(target.resolve("surge-desk.log")), true));
        Options options = Options.defaults().withCredentials("bench-consumer-key", "bench-consumer-secret",
                IT + "-benchAccessToken", "bench-access-token-secret", "AAAAAAAAAAAAAAAAAAAAAbenchbearer", "")
                .withTimeScale(scale);
        long realStart = System.nanoTime();
        try (MotoServer moto = MotoServer.start(root, target.resolve("moto-surge.log"));
             DynamoDbLocal dynamo = DynamoDbLocal.start();
             XStandIn x = XStandIn.start(options)) {
            LocalDeployment desk = LocalDeployment.deploy(root, moto.endpoint(), dynamo.endpoint(), new LocalDeployment.Options(
                    Map.of("TwitterAccountId", IT, "StaffUserIds", STAFF, "TwitterApiBaseUrl", x.baseUrl()),
                    Map.of("TwitterCredentials", Json.MAPPER.createObjectNode().put("consumerKey", options.consumerKey())
                            .put("consumerSecret", options.consumerSecret()).put("accessToken", options.accessToken())
                            .put("accessTokenSecret", options.accessTokenSecret()).put("bearerToken", options.bearerToken())
                            .toString()),
                    x.clock()));
            try (LocalGateway gateway = LocalGateway.start(0, desk)) {
                goLive(x, options, gateway.port());
                desk.startPolling();
                warmUp(x, desk);
                AtomicBoolean running = new AtomicBoolean(true);
                Thread ticker = wakeTicker(desk, running);
                Run run = surge(x, desk);
                running.set(false);
                ticker.join();
                double realSeconds = (System.nanoTime() - realStart) / 1e9;
                report(root, scale, x, desk, run, realSeconds);
                desk.close();
            }
        }
        System.exit(0);
    }

    /**
     * One report through the whole desk before the surge, so the surge meets functions that have started (as a
     * deployed desk's have); then X forgets the windows it used and the desk its own count of them, so the surge
     * starts on fresh windows on both sides. The warm-up reporter is not measured.
     */
    private static void warmUp(XStandIn x, LocalDeployment desk) {
        x.userPosts(Long.toString(FIRST_REPORTER - 1), "warmup", "@ITHelp #wifi warming up");
        Instant deadline = Instant.now().plusSeconds(60);
        while (x.sentDms().isEmpty() && Instant.now().isBefore(deadline)) {
            sleep(100);
        }
        sleep(2_000);
        x.resetRateLimits();
        for (String lane : List.of("DIRECT_MESSAGES", "POSTS")) {
            desk.dynamoDb().deleteItem(delete -> delete.tableName(desk.tableName("IncidentsTable"))
                    .key(Map.of("pk", AttributeValue.fromS("SENDING"), "sk", AttributeValue.fromS("LANE#" + lane))));
        }
    }

    /** The webhook registered with the stand-in and the IT account subscribed, as infra/go-live does with X. */
    private static void goLive(XStandIn x, Options o, int port) throws XApi.CallFailed {
        XApi api = new XApi(x.baseUrl(), new XCredentials(o.consumerKey(), o.consumerSecret(), o.accessToken(),
                o.accessTokenSecret(), o.bearerToken()));
        String webhook = api.postAsApp("/2/webhooks", new twitter4j.JSONObject()
                .put("url", "http://127.0.0.1:" + port + "/webhooks/twitter")).body().getJSONObject("data").getString("id");
        api.postAsUser("/2/account_activity/webhooks/" + webhook + "/subscriptions/all");
    }

    /**
     * Stands in for the wake-ups the sender queues for itself: moto holds a delayed SQS message in real time, and
     * the desk's delays are in X's faster time, so the sender is woken every 200 ms instead (invoked as its queue
     * would invoke it with an empty wake-up, one invocation at a time as the function allows).
     */
    private static Thread wakeTicker(LocalDeployment desk, AtomicBoolean running) {
        return Thread.ofPlatform().daemon().start(() -> {
            while (running.get()) {
                SQSEvent.SQSMessage wake = new SQSEvent.SQSMessage();
                wake.setMessageId(UUID.randomUUID().toString());
                wake.setBody(new OutboundKeys(List.of()).json());
                SQSEvent event = new SQSEvent();
                event.setRecords(List.of(wake));
                desk.invoke("SenderFunction", event);
                sleep(200);
            }
        });
    }

    record Run(Instant start, List<Reporter> reporters, Instant outageAt, Instant updateAt, Instant resolvedAt,
               String outageId, Instant finishedAt, boolean finished) {
    }

    private static Run surge(XStandIn x, LocalDeployment desk) throws Exception {
        Instant start = x.now().plusSeconds(5);
        Duration gap = ARRIVALS.dividedBy(REPORTS);
        List<Reporter> reporters = new ArrayList<>();
        Instant outageAt = null;
        Instant updateAt = null;
        for (int i = 0; i < REPORTS; i++) {
            if (i == OUTAGE_AFTER) {
                until(x, start.plus(gap.multipliedBy(i)).minusSeconds(1));
                outageAt = x.userPosts(STAFF, "dana_it", "@ITHelp #outage #blackboard Blackboard is down for everyone. "
                        + "ETA 15:00 UTC").createdAt();
            }
            if (updateAt == null && !start.plus(gap.multipliedBy(i)).isBefore(start.plus(UPDATE_AT))) {
                until(x, start.plus(UPDATE_AT));
                updateAt = x.userPosts(STAFF, "dana_it", "@ITHelp #update #blackboard Cause identified: a failed "
                        + "storage node. Still aiming for 15:00 UTC").createdAt();
            }
            until(x, start.plus(gap.multipliedBy(i)));
            String user = Long.toString(FIRST_REPORTER + i);
            reporters.add(new Reporter(user, x.userPosts(user, "student" + i,
                    "@ITHelp #blackboard Blackboard won't load my course page (" + i + ")")));
            if (i % 50 == 49) {
                System.out.printf("  %d reports in, X time +%ds%n", i + 1, Duration.between(start, x.now()).toSeconds());
            }
        }
        until(x, start.plus(RESOLVED_AT));
        Instant resolvedAt = x.userPosts(STAFF, "dana_it", "@ITHelp #resolved #blackboard Blackboard is back. "
                + "Thanks for your patience").createdAt();
        System.out.println("  resolved; the desk works off what waits (X time jumps ahead while it waits for a window)");
        String outageId = null;
        Instant deadline = Instant.now().plus(GIVE_UP_AFTER);
        int seen = -1;
        long quietSince = System.currentTimeMillis();
        while (Instant.now().isBefore(deadline)) {
            sleep(300);
            if (outageId == null) {
                JsonNode outages = json(desk.http("GET", "/outages", Map.of(), Map.of(), null).getBody()).path("outages");
                outageId = outages.isEmpty() ? null : outages.get(0).path("id").asText();
            }
            int sent = x.sentDms().size() + x.sentPosts().size();
            if (sent != seen) {
                seen = sent;
                quietSince = System.currentTimeMillis();
                continue;
            }
            if (System.currentTimeMillis() - quietSince < 1_500) {
                continue;
            }
            JsonNode outbox = json(desk.http("GET", "/outbox", Map.of(), Map.of(), null).getBody());
            if (outbox.path("waiting").asInt() == 0 && allToldOfTheResolution(x, reporters)) {
                return new Run(start, reporters, outageAt, updateAt, resolvedAt, outageId, lastMessage(x), true);
            }
            Instant next = nextChange(outbox, x.now());
            if (next != null) {
                x.advance(Duration.between(x.now(), next).plusSeconds(1));
                quietSince = System.currentTimeMillis();
            }
        }
        return new Run(start, reporters, outageAt, updateAt, resolvedAt, outageId, lastMessage(x), false);
    }

    /** The next instant something frees up for a waiting message: a back-off ends, a window's reserve or the window resets. */
    private static Instant nextChange(JsonNode outbox, Instant now) {
        Instant next = null;
        for (JsonNode lane : outbox.path("lanes")) {
            if (lane.path("waiting").asInt() == 0) {
                continue;
            }
            List<Instant> candidates = new ArrayList<>();
            if (lane.hasNonNull("backoffUntil")) {
                candidates.add(Instant.parse(lane.path("backoffUntil").asText()));
            }
            for (JsonNode window : lane.path("windows")) {
                if (window.hasNonNull("resetsAt")) {
                    Instant reset = Instant.parse(window.path("resetsAt").asText());
                    candidates.add(reset.minus(Duration.ofMinutes(2)));
                    candidates.add(reset);
                }
            }
            for (Instant candidate : candidates) {
                if (candidate.isAfter(now) && (next == null || candidate.isBefore(next))) {
                    next = candidate;
                }
            }
        }
        return next;
    }

    private static boolean allToldOfTheResolution(XStandIn x, List<Reporter> reporters) {
        Map<String, List<Message>> inbox = inboxes(x, reporters);
        return reporters.stream().allMatch(reporter -> inbox.getOrDefault(reporter.userId(), List.of()).stream()
                .anyMatch(message -> message.text().contains("is resolved")));
    }

    /** Something the desk said to one reporter: a DM, or a reply under their report. */
    record Message(Instant at, String text, boolean direct) {
    }

    private static Map<String, List<Message>> inboxes(XStandIn x, List<Reporter> reporters) {
        Map<String, String> reporterOfPost = new HashMap<>();
        reporters.forEach(reporter -> reporterOfPost.put(reporter.report().id(), reporter.userId()));
        Map<String, List<Message>> inbox = new HashMap<>();
        for (DmEvent dm : x.sentDms()) {
            inbox.computeIfAbsent(dm.recipientId(), user -> new ArrayList<>()).add(new Message(dm.createdAt(), dm.text(), true));
        }
        for (Post post : x.sentPosts()) {
            String reporter = post.inReplyToId() == null ? null : reporterOfPost.get(post.inReplyToId());
            if (reporter != null) {
                inbox.computeIfAbsent(reporter, user -> new ArrayList<>()).add(new Message(post.createdAt(), post.originalText(), false));
            }
        }
        inbox.values().forEach(messages -> messages.sort((a, b) -> a.at().compareTo(b.at())));
        return inbox;
    }

    private static Instant lastMessage(XStandIn x) {
        Instant last = null;
        for (DmEvent dm : x.sentDms()) {
            last = last == null || dm.createdAt().isAfter(last) ? dm.createdAt() : last;
        }
        for (Post post : x.sentPosts()) {
            last = last == null || post.createdAt().isAfter(last) ? post.createdAt() : last;
        }
        return last;
    }

    // ------------------------------------------------------------------ the figures

    private static void report(Path root, double scale, XStandIn x, LocalDeployment desk, Run run, double realSeconds)
            throws Exception {
        Map<String, List<Message>> inbox = inboxes(x, run.reporters());
        int n = run.reporters().size();
        double[] acknowledged = new double[n];
        double[] learnedOutage = new double[n];
        double[] learnedResolution = new double[n];
        int missing = 0;
        int twice = 0;
        int publicAcknowledgements = 0;
        for (int i = 0; i < n; i++) {
            Reporter reporter = run.reporters().get(i);
            Instant reported = reporter.report().createdAt();
            List<Message> messages = inbox.getOrDefault(reporter.userId(), List.of());
            Message ack = messages.stream().filter(message -> message.text().contains("INC")).findFirst().orElse(null);
            Message outage = run.outageId() == null ? null
                    : messages.stream().filter(message -> message.text().contains(run.outageId())).findFirst().orElse(null);
            Message resolution = messages.stream().filter(message -> message.text().contains("is resolved")).findFirst().orElse(null);
            if (ack == null || resolution == null) {
                missing++;
            }
            if (messages.stream().filter(message -> message.text().contains("is resolved")).count() > 1
                    || messages.stream().filter(message -> message.text().contains("logged this as")
                    || message.text().contains("We opened incident")).count() > 1) {
                twice++;
                System.out.println("  told twice: " + reporter.userId() + " " + messages);
            }
            if (ack != null && !ack.direct()) {
                publicAcknowledgements++;
            }
            acknowledged[i] = ack == null ? Double.NaN : seconds(reported, ack.at());
            Instant outageKnown = later(reported, run.outageAt());
            learnedOutage[i] = outage == null ? Double.NaN : seconds(outageKnown, outage.at());
            learnedResolution[i] = resolution == null ? Double.NaN : seconds(run.resolvedAt(), resolution.at());
        }
        List<Instant> arrivals = run.reporters().stream().map(reporter -> reporter.report().createdAt()).toList();
        List<Instant> announcements = List.of(run.outageAt(), run.updateAt(), run.resolvedAt());
        SurgeOptimum.Times optimum = SurgeOptimum.compute(arrivals, announcements, run.outageAt(), run.resolvedAt(),
                15, 100, true);
        SurgeOptimum.Times bound = SurgeOptimum.compute(arrivals, announcements, run.outageAt(), run.resolvedAt(),
                15, 100, false);
        double[] optimumAck = waits(arrivals, SurgeOptimum.acknowledgements(arrivals, announcements, 15, 100));
        double[] optimumOutage = new double[n];
        double[] boundOutage = new double[n];
        for (int i = 0; i < n; i++) {
            Instant known = later(arrivals.get(i), run.outageAt());
            optimumOutage[i] = seconds(known, optimum.learnedOutage()[i]);
            boundOutage[i] = seconds(known, bound.learnedOutage()[i]);
        }
        double[] optimumResolution = since(run.resolvedAt(), optimum.learnedResolution());
        double[] boundResolution = since(run.resolvedAt(), bound.learnedResolution());

        long superseded = countState(desk, "SUPERSEDED");
        JsonNode cost = json(desk.http("GET", "/reports", Map.of(), Map.of(), null).getBody()).path("cost");
        double usd = 0;
        for (JsonNode day : cost.path("days")) {
            usd += day.path("usd").asDouble();
        }
        int duplicates = x.duplicates().size() + twice;
        StringBuilder csv = new StringBuilder("report,reported,acknowledged,by,learned_outage,learned_resolution,messages\n");
        for (int i = 0; i < n; i++) {
            Reporter reporter = run.reporters().get(i);
            List<Message> messages = inbox.getOrDefault(reporter.userId(), List.of());
            csv.append(i).append(',').append(reporter.report().createdAt()).append(',').append(acknowledged[i]).append(',')
                    .append(messages.isEmpty() ? "" : messages.get(0).direct() ? "dm" : "reply").append(',')
                    .append(learnedOutage[i]).append(',').append(learnedResolution[i]).append(',').append(messages.size()).append('\n');
        }
        Files.writeString(root.resolve("infra/bench/target/surge-reporters.csv"), csv.toString());
        x.duplicates().forEach(duplicate -> System.out.println("  duplicate: " + duplicate.kind() + " to " + duplicate.target()
                + " at " + duplicate.again()));
        List<String> rows = new ArrayList<>(List.of(
                "| measure (X time) | desk | optimum | ratio |",
                "| --- | --- | --- | --- |"));
        rows.add(row("time to acknowledge p50", percentile(acknowledged, 50), percentile(optimumAck, 50)));
        rows.add(row("time to acknowledge p95", percentile(acknowledged, 95), percentile(optimumAck, 95)));
        rows.add(row("time to acknowledge max", percentile(acknowledged, 100), percentile(optimumAck, 100)));
        rows.add(row("learn of the outage p50", percentile(learnedOutage, 50), percentile(optimumOutage, 50)));
        rows.add(row("learn of the outage p95", percentile(learnedOutage, 95), percentile(optimumOutage, 95)));
        rows.add(row("learn of the outage max", percentile(learnedOutage, 100), percentile(optimumOutage, 100)));
        rows.add(row("learn of the resolution p50", percentile(learnedResolution, 50), percentile(optimumResolution, 50)));
        rows.add(row("learn of the resolution p95", percentile(learnedResolution, 95), percentile(optimumResolution, 95)));
        rows.add(row("learn of the resolution max", percentile(learnedResolution, 100), percentile(optimumResolution, 100)));
        rows.add("| acknowledged in public (no DM slot within 5 min) | " + publicAcknowledgements + " of " + n + " | | |");
        rows.add("| 429s received (goal 0) | " + x.tooManyRequests() + " | 0 | |");
        rows.add("| duplicates / missing (goal 0 / 0) | " + duplicates + " / " + missing + " | 0 / 0 | |");
        rows.add("| messages superseded (merged or dropped, each recorded) | " + superseded + " | | |");
        rows.add("| DMs / posts and replies sent | " + x.sentDms().size() + " / " + x.sentPosts().size() + " | | |");
        rows.add(String.format(Locale.ROOT, "| estimated cost (pay-per-use prices) | $%.3f | | |", usd));
        rows.add(String.format(Locale.ROOT, "| X time, first report to last message | %s | | |",
                minutes(seconds(run.start(), run.finishedAt()))));
        String table = String.join("\n", rows);
        String bounds = String.join("\n",
                "",
                "Lower bound if notices could also go as public replies under the reports (a rule the desk does not",
                "follow: issue 13 keeps affected-reporter notices to DMs):",
                "",
                "| measure (X time) | lower bound |",
                "| --- | --- |",
                "| learn of the outage p50 / p95 / max | " + minutes(percentile(boundOutage, 50)) + " / "
                        + minutes(percentile(boundOutage, 95)) + " / " + minutes(percentile(boundOutage, 100)) + " |",
                "| learn of the resolution p50 / p95 / max | " + minutes(percentile(boundResolution, 50)) + " / "
                        + minutes(percentile(boundResolution, 95)) + " / " + minutes(percentile(boundResolution, 100)) + " |");
        double ackRatio = percentile(acknowledged, 95) / percentile(optimumAck, 95);
        String verdict = String.format(Locale.ROOT, "Goal p95 time to acknowledge within 1.1x the optimum: %s (%.3f). "
                        + "Goal 0 429s: %s. %s real seconds at time scale %s%s.",
                ackRatio <= 1.1 ? "met" : "NOT met", ackRatio, x.tooManyRequests() == 0 ? "met" : "NOT met",
                String.format(Locale.ROOT, "%.0f", realSeconds), scale, run.finished() ? "" : " (GAVE UP before everything was sent)");
        System.out.println();
        System.out.println(table);
        System.out.println(bounds);
        System.out.println();
        System.out.println(verdict);
        Path out = root.resolve("infra/bench/target/surge-benchmark.md");
        Files.writeString(out, "# Surge benchmark\n\n" + table + "\n" + bounds + "\n\n" + verdict + "\n");
        System.out.println("\nWritten to " + root.relativize(out));
        if (duplicates != 0 || missing != 0 || !run.finished()) {
            System.err.println("FAILED: every reporter must be acknowledged and told of the resolution, exactly once");
            System.exit(1);
        }
    }

    private static long countState(LocalDeployment desk, String state) {
        return desk.dynamoDb().scanPaginator(scan -> scan.tableName(desk.tableName("IncidentsTable"))
                        .filterExpression("#t = :outbox AND deliveryState = :state")
                        .expressionAttributeNames(Map.of("#t", "type"))
                        .expressionAttributeValues(Map.of(":outbox", AttributeValue.fromS("OUTBOX"),
                                ":state", AttributeValue.fromS(state))))
                .items().stream().count();
    }

    private static String row(String measure, double desk, double optimum) {
        return "| " + measure + " | " + minutes(desk) + " | " + minutes(optimum) + " | "
                + (optimum <= 0 ? (desk <= 0 ? "1.00" : "—") : String.format(Locale.ROOT, "%.2f", desk / optimum)) + " |";
    }

    private static String minutes(double seconds) {
        if (Double.isNaN(seconds)) {
            return "—";
        }
        return seconds < 120 ? String.format(Locale.ROOT, "%.0f s", seconds)
                : String.format(Locale.ROOT, "%.1f min", seconds / 60);
    }

    /** The p-th percentile (nearest rank) of the values that are known. */
    static double percentile(double[] values, double p) {
        double[] known = Arrays.stream(values).filter(value -> !Double.isNaN(value)).sorted().toArray();
        if (known.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * known.length);
        return known[Math.max(0, Math.min(known.length - 1, rank - 1))];
    }

    private static double[] waits(List<Instant> from, Instant[] to) {
        double[] waits = new double[to.length];
        for (int i = 0; i < to.length; i++) {
            waits[i] = to[i] == null ? Double.NaN : seconds(from.get(i), to[i]);
        }
        return waits;
    }

    private static double[] since(Instant from, Instant[] to) {
        double[] waits = new double[to.length];
        for (int i = 0; i < to.length; i++) {
            waits[i] = to[i] == null ? Double.NaN : seconds(from, to[i]);
        }
        return waits;
    }

    private static double seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis() / 1000.0);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static void until(XStandIn x, Instant at) {
        while (x.now().isBefore(at)) {
            sleep(Math.max(1, Math.min(50, x.clock().realDurationOf(Duration.between(x.now(), at)).toMillis())));
        }
    }

    private static JsonNode json(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
