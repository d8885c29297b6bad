package servicedesk.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import servicedesk.dynamo.DynamoDeskRecords;
import servicedesk.dynamo.DynamoIncidentStore;
import servicedesk.dynamo.IncidentItems;
import servicedesk.incident.Incident;
import servicedesk.incident.IncidentQuery;
import servicedesk.incident.IncidentState;
import servicedesk.incident.IncidentTotals;
import servicedesk.incident.Level;
import servicedesk.incident.Priority;
import servicedesk.incident.Reporter;
import servicedesk.incident.Resolution;
import servicedesk.incident.ResponseTargets;
import servicedesk.local.CloudFormationTemplate;
import servicedesk.local.DynamoDbLocal;
import servicedesk.local.ProjectRoot;
import servicedesk.local.Tables;
import servicedesk.records.Change;
import servicedesk.records.Claim;
import servicedesk.targets.DeskReport;
import servicedesk.targets.TargetWatch;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * What a TargetWatch round and a {@code GET /reports} cost as closed incidents pile up: the desk's table
 * (from template.yaml) on DynamoDB Local holds the same 60 incidents in hand (40 open, 20 resolved) beside
 * 100 closed ones, then beside 100,000. Each is measured in DynamoDB requests, items read and time (median
 * of 5); the ratio of the two is what must stay near 1. For contrast, the report as it was before (every
 * incident ever stored, read through the type index) at both sizes.
 */
public final class BoundedWorkBenchmark {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final int OPEN = 40;
    private static final int RESOLVED = 20;
    private static final int RUNS = 5;

    /** Requests and items read, counted on the client. */
    static final class Meter implements ExecutionInterceptor {
        final AtomicLong requests = new AtomicLong();
        final AtomicLong items = new AtomicLong();

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            requests.incrementAndGet();
            if (context.response() instanceof QueryResponse query) {
                items.addAndGet(query.count());
            } else if (context.response() instanceof GetItemResponse get && get.hasItem()) {
                items.incrementAndGet();
            }
        }
    }

    private record Cost(long requests, long items, double millis) {
    }

    private BoundedWorkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int small = 100;
        int large = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path root = ProjectRoot.find();
        Meter meter = new Meter();
        try (DynamoDbLocal local = DynamoDbLocal.start();
             DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(URI.create(local.endpoint()))
                     .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                     .overrideConfiguration(config -> config.addExecutionInterceptor(meter)).build()) {
            String table = Tables.create(dynamo, CloudFormationTemplate.read(root.resolve("template.yaml")), "IncidentsTable").tableName();
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            DynamoIncidentStore store = new DynamoIncidentStore(dynamo, table);
            DynamoDeskRecords records = new DynamoDeskRecords(dynamo, table, clock);
            // Close nothing during the measured rounds: the incidents in hand stay the same from run to run.
            TargetWatch watch = new TargetWatch(store, records, Duration.ofDays(3650), clock);
            seedInHand(records);
            int seq = 1_000_000;
            seq = seedClosed(dynamo, records, table, seq, small);
            Cost watchSmall = measure(meter, watch::run);
            Cost reportSmall = measure(meter, () -> DeskReport.current(store));
            Cost oldSmall = measure(meter, () -> DeskReport.of(store.listAll(IncidentQuery.everything())));
            seedClosed(dynamo, records, table, seq, large - small);
            Cost watchLarge = measure(meter, watch::run);
            Cost reportLarge = measure(meter, () -> DeskReport.current(store));
            Cost oldLarge = measure(meter, () -> DeskReport.of(store.listAll(IncidentQuery.everything())));
            if (DeskReport.current(store).incidents() != OPEN + RESOLVED + large) {
                throw new IllegalStateException("The report does not count every incident: " + DeskReport.current(store));
            }
            StringBuilder out = new StringBuilder(String.format(
                    "%d incidents in hand (%d open, %d resolved); closed incidents %,d then %,d.%n%n", OPEN + RESOLVED, OPEN,
                    RESOLVED, small, large))
                    .append("| work | closed | DynamoDB requests | items read | time (median of 5) |\n| --- | ---: | ---: | ---: | ---: |\n");
            rows(out, "TargetWatch round", small, large, watchSmall, watchLarge);
            rows(out, "GET /reports (totals + incidents in hand)", small, large, reportSmall, reportLarge);
            rows(out, "before: report over every incident stored", small, large, oldSmall, oldLarge);
            System.out.print(out);
            Path file = root.resolve("infra/bench/target/bounded-work-benchmark.md");
            Files.createDirectories(file.getParent());
            Files.writeString(file, out);
        }
    }

    private static void rows(StringBuilder out, String work, int small, int large, Cost atSmall, Cost atLarge) {
        out.append(String.format("| %s | %,d | %d | %d | %.1f ms |%n", work, small, atSmall.requests, atSmall.items, atSmall.millis));
        out.append(String.format("| %s | %,d | %d | %d | %.1f ms |%n", work, large, atLarge.requests, atLarge.items, atLarge.millis));
        out.append(String.format("| **ratio %,d / %,d** | | **%.2f** | **%.2f** | **%.2f** |%n", large, small,
                (double) atLarge.requests / atSmall.requests, (double) atLarge.items / Math.max(1, atSmall.items),
                atLarge.millis / atSmall.millis));
    }

    private static Cost measure(Meter meter, Supplier<?> work) {
        work.get();
        double[] times = new double[RUNS];
        long requests = 0;
        long items = 0;
        for (int i = 0; i < RUNS; i++) {
            long requestsBefore = meter.requests.get();
            long itemsBefore = meter.items.get();
            long start = System.nanoTime();
            work.get();
            times[i] = (System.nanoTime() - start) / 1e6;
            requests = meter.requests.get() - requestsBefore;
            items = meter.items.get() - itemsBefore;
        }
        Arrays.sort(times);
        return new Cost(requests, items, times[RUNS / 2]);
    }

    private static Incident incident(int n, Instant at) {
        return Incident.open(Incident.numberOf(n), Priority.P3, Level.MEDIUM, Level.MEDIUM, n % 2 == 0 ? "wifi" : "vpn",
                new Reporter(Long.toString(1_700_000_000_000_000_000L + n), "user" + n), "t" + n, null, "it is broken",
                Set.of(), new ResponseTargets.Target(Duration.ofDays(400), Duration.ofDays(800)), null, at);
    }

    /** The incidents in hand, written as the desk writes them. */
    private static void seedInHand(DynamoDeskRecords records) {
        for (int n = 1; n <= OPEN + RESOLVED; n++) {
            Incident incident = incident(n, NOW.minus(Duration.ofHours(n)));
            List<Change.Write> writes = new ArrayList<>(List.of(new Change.OpenIncident(incident)));
            records.commit(Claim.tweet("t" + n, incident.number()), Change.of(writes));
            if (n > OPEN) {
                records.commit(Claim.expiring("fix" + n, null), Change.of(new Change.ResolveIncident(incident.number(),
                        IncidentState.NEW, new Resolution(Resolution.Source.DESK, "fixed", "dana", NOW.minusSeconds(60)))));
            }
        }
    }

    /** Closed incidents, written in bulk, with their share folded into the totals as closing does. */
    private static int seedClosed(DynamoDbClient dynamo, DynamoDeskRecords records, String table, int from, int count) {
        IncidentTotals share = IncidentTotals.NONE;
        List<WriteRequest> batch = new ArrayList<>();
        for (int n = from; n < from + count; n++) {
            Instant opened = NOW.minus(Duration.ofDays(30)).minusSeconds(n);
            Incident open = incident(n, opened);
            Incident closed = new Incident(open.number(), IncidentState.CLOSED, open.priority(), open.impact(), open.urgency(),
                    open.service(), open.reporter(), open.sourceTweetId(), null, open.description(), Set.of(), opened, opened,
                    open.firstResponseDue(), open.resolutionDue(), null, opened.plusSeconds(600),
                    new Resolution(Resolution.Source.COMMUNITY, "restart", "43", opened.plusSeconds(3_600)), null);
            share = share.plus(IncidentTotals.of(closed));
            Map<String, AttributeValue> item = IncidentItems.item(closed);
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            if (batch.size() == 25) {
                write(dynamo, table, batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            write(dynamo, table, batch);
        }
        records.commit(Claim.expiring("seed-totals-" + from, null), Change.of(new Change.FoldIntoClosedTotals(share)));
        return from + count;
    }

    private static void write(DynamoDbClient dynamo, String table, List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> pending = Map.of(table, batch);
        while (!pending.isEmpty()) {
            Map<String, List<WriteRequest>> sending = pending;
            var result = dynamo.batchWriteItem(write -> write.requestItems(sending));
            pending = result.hasUnprocessedItems() ? result.unprocessedItems() : Map.of();
        }
    }
}
