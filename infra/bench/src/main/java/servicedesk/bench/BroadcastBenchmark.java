package servicedesk.bench;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import servicedesk.dynamo.IncidentItems;
import servicedesk.format.Log;
import servicedesk.incident.Incident;
import servicedesk.incident.Level;
import servicedesk.incident.Priority;
import servicedesk.incident.Reporter;
import servicedesk.incident.ResponseTargets;
import servicedesk.local.DynamoDbLocal;
import servicedesk.local.LocalDeployment;
import servicedesk.local.MotoServer;
import servicedesk.local.ProjectRoot;
import servicedesk.notify.Delivery;
import servicedesk.x.TwitterMessenger;
import servicedesk.x.XApi;
import servicedesk.x.XCredentials;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@code infra/bench/broadcast [reporters [DMs-per-window [window-seconds]]]}: one outage fanned out to 5,000 affected reporters (by
 * default) through the whole desk (DynamoDB Local for tables and streams, moto for the rest), against an X stand-in that rate-limits DMs per window, fails
 * for a stretch (503s) and sees the announcement delivered twice. Reports messages per second against a
 * baseline of the same DMs sent straight to the stand-in, and counts duplicate and missing DMs.
 */
public final class BroadcastBenchmark {
    private static final int DEFAULT_LIMIT_PER_WINDOW = 200;
    private static final int DEFAULT_WINDOW_SECONDS = 5;
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(30);

    private BroadcastBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int reporters = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int limitPerWindow = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_LIMIT_PER_WINDOW;
        long windowMillis = 1_000L * (args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_WINDOW_SECONDS);
        int secondIncidents = reporters / 10;
        Path root = ProjectRoot.find();
        Log.redirect(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try (MotoServer moto = MotoServer.start(root, root.resolve("infra/bench/target/moto-bench.log"));
             DynamoDbLocal dynamo = DynamoDbLocal.start();
             XStandIn x = new XStandIn(limitPerWindow, windowMillis)) {
            double baseline = baseline(x, reporters);
            x.reset();

            LocalDeployment desk = LocalDeployment.deploy(root, moto.endpoint(), dynamo.endpoint(), new LocalDeployment.Options(
                    Map.of("TwitterAccountId", "1600000000000000001", "StaffUserIds", "1800000000000000003",
                            "TwitterApiBaseUrl", x.baseUrl()),
                    Map.of("TwitterCredentials", "{\"consumerKey\":\"ck\",\"consumerSecret\":\"bench-secret\","
                            + "\"accessToken\":\"at\",\"accessTokenSecret\":\"ats\",\"bearerToken\":\"bt\"}"),
                    null));
            long seedStart = System.nanoTime();
            seed(desk, reporters, secondIncidents);
            double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
            System.out.printf("Seeded %d open #blackboard incidents from %d reporters in %.1f s%n",
                    reporters + secondIncidents, reporters, seedSeconds);

            long startMillis = System.currentTimeMillis();
            var created = desk.http("POST", "/announcements", Map.of(), Map.of("idempotency-key", "bench-outage"),
                    "{\"kind\":\"outage\",\"service\":\"blackboard\",\"text\":\"Blackboard is down\",\"eta\":\"15:00 UTC\"}");
            if (created.getStatusCode() != 201) {
                throw new IllegalStateException("Announcement refused: " + created.getBody());
            }
            desk.startPolling();
            boolean replayed = false;
            boolean failedX = false;
            Instant deadline = Instant.now().plus(GIVE_UP_AFTER);
            int quietRounds = 0;
            long lastProgress = System.currentTimeMillis();
            while (Instant.now().isBefore(deadline) && quietRounds < 50) {
                int sent = x.received().size();
                if (System.currentTimeMillis() - lastProgress > 10_000) {
                    System.out.printf("  %d of %d reporters told (%d 429s, %d 503s so far)%n", sent, reporters,
                            x.rateLimited(), x.failed());
                    lastProgress = System.currentTimeMillis();
                }
                if (!replayed && sent >= reporters / 3) {
                    // SNS delivers at least once: the consumer sees the announcement again mid-way.
                    replayAnnouncement(desk);
                    replayed = true;
                }
                if (!failedX && sent >= reporters / 2) {
                    x.failNext(100);
                    failedX = true;
                }
                // Done once everyone is told and a few more seconds bring no duplicate.
                quietRounds = sent >= reporters ? quietRounds + 1 : 0;
                Thread.sleep(100);
            }
            double seconds = (x.lastDeliveryMillis() - startMillis) / 1000.0;
            desk.close();
            report(root, reporters, secondIncidents, x, baseline, seconds, replayed, failedX,
                    limitPerWindow + " DMs per " + windowMillis / 1000 + " s window");
        }
        System.exit(0);
    }

    /** The same number of DMs, sent one after another straight to the stand-in with no desk in between. */
    private static double baseline(XStandIn x, int count) throws IOException {
        try (XStandIn unlimited = new XStandIn(Integer.MAX_VALUE, 1_000)) {
            TwitterMessenger messenger = new TwitterMessenger(new XApi(unlimited.baseUrl(),
                    new XCredentials("ck", "cs", "at", "ats", "bt")), "1600000000000000001");
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                if (!(messenger.directMessage(Long.toString(1_700_000_000_000_000_000L + i), "hello") instanceof Delivery.Sent)) {
                    throw new IllegalStateException("baseline send failed");
                }
            }
            return count / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static void seed(LocalDeployment desk, int reporters, int secondIncidents) {
        String table = desk.tableName("IncidentsTable");
        Instant now = Instant.now();
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < reporters + secondIncidents; i++) {
            int reporter = i % reporters;
            String number = Incident.numberOf(i + 1);
            Incident incident = Incident.open(number, Priority.P3, Level.MEDIUM, Level.MEDIUM, "blackboard",
                    new Reporter(Long.toString(1_700_000_000_000_000_000L + reporter), "user" + reporter), null, null,
                    "#blackboard will not load", Set.of(), new ResponseTargets.Target(Duration.ofHours(4), Duration.ofDays(3)),
                    null, now);
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(IncidentItems.item(incident)).build()).build());
            if (batch.size() == 25) {
                write(desk, table, batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            write(desk, table, batch);
        }
        desk.dynamoDb().putItem(put -> put.tableName(table).item(Map.of("pk", fromS("COUNTER"), "sk", fromS("INCIDENT"),
                "seq", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(Integer.toString(reporters + secondIncidents)))));
    }

    private static void write(LocalDeployment desk, String table, List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> left = Map.of(table, batch);
        while (!left.isEmpty()) {
            Map<String, List<WriteRequest>> request = left;
            left = desk.dynamoDb().batchWriteItem(write -> write.requestItems(request)).unprocessedItems();
        }
    }

    private static void replayAnnouncement(LocalDeployment desk) {
        var announcements = new servicedesk.dynamo.DynamoOutageStore(desk.dynamoDb(), desk.tableName("IncidentsTable"))
                .recentAnnouncements(1);
        String body = servicedesk.messaging.AnnouncementMessage.of(announcements.get(0), null).json();
        desk.sqsClient().sendMessage(send -> send.queueUrl(desk.queueUrl("AffectedReportersQueue")).messageBody(body));
    }

    private static void report(Path root, int reporters, int secondIncidents, XStandIn x, double baseline, double seconds,
                               boolean replayed, boolean failedX, String limit) throws IOException {
        Map<String, AtomicInteger> received = x.received();
        long duplicates = received.values().stream().mapToLong(count -> count.get() - 1L).sum();
        long missing = reporters - received.size();
        double rate = x.delivered() / seconds;
        String table = String.join("\n",
                "| measure | value |",
                "| --- | --- |",
                "| affected reporters (incidents) | " + reporters + " (" + (reporters + secondIncidents) + ") |",
                "| DMs delivered | " + x.delivered() + " |",
                "| duplicate DMs | " + duplicates + " |",
                "| missing DMs | " + missing + " |",
                String.format("| time, announcement to last DM | %.1f s |", seconds),
                String.format("| desk: DMs per second | %.1f |", rate),
                String.format("| baseline: DMs per second, sent straight to the stand-in | %.1f |", baseline),
                String.format("| ratio desk / baseline | %.3f |", rate / baseline),
                "| stand-in rate limit | " + limit + " |",
                "| 429s answered / 503s answered | " + x.rateLimited() + " / " + x.failed() + " |",
                "| announcement delivered twice mid-way / X failed mid-way | " + replayed + " / " + failedX + " |");
        System.out.println();
        System.out.println(table);
        Path out = root.resolve("infra/bench/target/broadcast-benchmark.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "# Broadcast benchmark\n\n" + table + "\n");
        System.out.println("\nWritten to " + root.relativize(out));
        if (duplicates != 0 || missing != 0) {
            System.err.println("FAILED: every affected reporter must get exactly one DM");
            System.exit(1);
        }
    }
}
