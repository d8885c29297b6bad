package servicedesk.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import servicedesk.coldstart.ColdStartProbe;
import servicedesk.coldstart.SdkCallsOnlyHandler;
import servicedesk.coldstart.SdkClientsOnlyHandler;
import servicedesk.format.Log;
import servicedesk.lambda.Desk;
import servicedesk.lambda.ProcessorHandler;
import servicedesk.lambda.WebhookHandler;
import servicedesk.local.LocalDeployment;
import servicedesk.local.LocalBackend;
import servicedesk.local.ProjectRoot;
import servicedesk.settings.Environment;
import servicedesk.x.WebhookSignature;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code infra/bench/speed}: the desk's speed against the floor the platform allows, in one run.
 * <ol>
 *   <li>Cold start: a fresh JVM on the deployment jar builds the webhook handler and answers one signed
 *   event, against a handler beside the jar (infra/tools) that only builds the same SDK clients (11 rounds,
 *   each running every probe once: the medians, and the median of the rounds' own ratios); the same with
 *   the JVM's own start-up cache for each; and the SnapStart path, the first answer after the handler's
 *   priming against the next one.</li>
 *   <li>Warm webhook: time to acknowledge a signed event in-process on moto, against a bare SQS
 *   SendMessage to the same queue.</li>
 *   <li>Processing: events per second through the processor into the tables (DynamoDB Local, or LocalStack's with
 *   {@code LOCAL_BACKEND=localstack}), against a loop of raw PutItem calls to the same engine.</li>
 *   <li>Deployment size of each function's artifact.</li>
 * </ol>
 */
public final class SpeedBenchmark {
    /** The probe and its baseline handler: beside the deployment jar on the probe's classpath, never inside it. */
    private static final String TOOLS = ColdStartProbe.class.getProtectionDomain().getCodeSource().getLocation().getPath();
    private static final String SECRET = "bench-consumer-secret";
    /** Rounds of fresh JVMs; each round runs every probe once, so a drift of the machine hits both sides alike. */
    private static final int COLD_RUNS = 11;
    private static final int WARM_UP = 300;
    private static final int WARM_RUNS = 2_000;
    private static final int EVENTS = 2_000;
    /** The SDK's service name for DynamoDB, as {@link RequestCounter} records it. */
    private static final String DYNAMODB = "DynamoDb";
    private static final List<String> SECTIONS = List.of("cold", "warm", "processing", "size");

    private SpeedBenchmark() {
    }

    /** @param args the sections to run ({@link #SECTIONS}), all when none is named */
    public static void main(String[] args) throws Exception {
        List<String> sections = args.length == 0 ? SECTIONS : List.of(args);
        if (!SECTIONS.containsAll(sections)) {
            throw new IllegalArgumentException("Sections are " + SECTIONS + "; got " + sections);
        }
        Path root = ProjectRoot.find();
        Path jar = root.resolve("functions/target/functions.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Build first: " + jar + " is missing");
        }
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        List<String> rows = new ArrayList<>();
        try (LocalBackend backend = LocalBackend.fromEnvironment(root, root.resolve("infra/bench/target"))) {
            System.out.println("Backend: " + backend.description());
            LocalDeployment desk = deploy(root, backend);
            Log.redirect(quiet);
            Map<String, String> webhookEnvironment = desk.functionEnvironment("WebhookFunction");

            long started = System.nanoTime();
            if (sections.contains("cold")) {
                System.out.println("1/4 cold start (" + COLD_RUNS + " rounds of fresh JVMs, alternating)…");
                rows.addAll(coldStart(root, jar, webhookEnvironment));
            }
            if (sections.contains("warm")) {
                System.out.printf("2/4 warm webhook… (%.0f s so far)%n", (System.nanoTime() - started) / 1e9);
                rows.addAll(warmWebhook(desk, webhookEnvironment));
            }
            if (sections.contains("processing")) {
                System.out.printf("3/4 processing throughput… (%.0f s so far)%n", (System.nanoTime() - started) / 1e9);
                rows.addAll(throughput(desk));
            }
            desk.close();
        }
        if (sections.contains("size")) {
            System.out.println("4/4 deployment size…");
            rows.addAll(sizes(root, jar));
        }

        String table = "| measure | desk | baseline | ratio |\n| --- | --- | --- | --- |\n" + String.join("\n", rows);
        String machine = Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch");
        publish(root, "speed-benchmark.md", "Speed benchmark", table, machine);
        System.exit(0);
    }

    /** Prints the table and the machine it ran on, and writes both to {@code infra/bench/target/<file>}. */
    static void publish(Path root, String file, String title, String table, String machine) throws IOException {
        System.out.println();
        System.out.println(table);
        System.out.println("\nMachine: " + machine);
        Path out = root.resolve("infra/bench/target/" + file);
        Files.writeString(out, "# " + title + "\n\n" + table + "\n\nMachine: " + machine + "\n");
        System.out.println("Written to " + root.relativize(out));
    }

    static LocalDeployment deploy(Path root, LocalBackend backend) {
        return LocalDeployment.deploy(root, backend, new LocalDeployment.Options(
                Map.of("TwitterAccountId", "1600000000000000001", "StaffUserIds", "1800000000000000003"),
                Map.of("TwitterCredentials", "{\"consumerSecret\":\"" + SECRET + "\"}"), null));
    }

    // ---- 1. cold start ------------------------------------------------------------------------------

    private static List<String> coldStart(Path root, Path jar, Map<String, String> environment) throws Exception {
        Path body = Files.createTempFile("event", ".json");
        String payload = Files.readString(root.resolve("functions/src/test/resources/webhook/tweet-new-incident.json"));
        Files.writeString(body, payload);
        String signature = new WebhookSignature(SECRET).sign(payload.getBytes(StandardCharsets.UTF_8));
        String java = probeJava();
        int feature = featureVersion(java);
        System.out.println("   probes run on " + java + " (Java " + feature + ")");
        Probe desk = new Probe(java, jar, "servicedesk.lambda.WebhookHandler", body, signature, environment);
        Probe floor = new Probe(java, jar, SdkClientsOnlyHandler.class.getName(), body, signature, environment);
        Probe calls = new Probe(java, jar, SdkCallsOnlyHandler.class.getName(), body, signature, environment);
        // The JVM's own start-up cache, trained on each side's own run: an AOT cache from Java 25, a CDS
        // archive of the classes loaded before (JDK 21). Same flags for both sides.
        Path caches = Files.createDirectories(root.resolve("infra/bench/target/startup-cache"));
        List<String> deskCache = desk.trainCache(caches.resolve("desk"), feature);
        List<String> floorCache = floor.trainCache(caches.resolve("floor"), feature);
        Samples fresh = new Samples();
        Samples sameCalls = new Samples();
        Samples cached = new Samples();
        Samples primed = new Samples();
        for (int run = 0; run < COLD_RUNS; run++) {
            Result deskRun = desk.run(List.of(), false);
            fresh.add(deskRun, floor.run(List.of(), false));
            sameCalls.add(deskRun, calls.run(List.of(), false));
            cached.add(desk.run(deskCache, false), floor.run(floorCache, false));
            primed.add(desk.run(List.of(), true), null);
        }
        String cache = feature >= 25 ? "an AOT cache (-XX:AOTCache)" : "a CDS archive (-XX:SharedArchiveFile)";
        return List.of(
                row("cold start: fresh JVM to first answer (median)", fresh.median(Result::wall, true), fresh.median(Result::wall, false), "ms"),
                pairedRow("cold start: fresh JVM to first answer, each round's desk over that round's floor", fresh),
                row("cold start: handler initialisation + first invoke (median)", fresh.median(Result::initAndInvoke, true),
                        fresh.median(Result::initAndInvoke, false), "ms"),
                row("cold start: fresh JVM to first answer, against a floor making the same two SDK calls (median)",
                        sameCalls.median(Result::wall, true), sameCalls.median(Result::wall, false), "ms"),
                pairedRow("cold start against the same-calls floor, each round's pair", sameCalls),
                row("cold start with " + cache + " each, trained on its own run (median)", cached.median(Result::wall, true),
                        cached.median(Result::wall, false), "ms"),
                row("SnapStart path: first answer after initialisation and priming, against the next (warm) answer (median)",
                        primed.median(Result::invoke, true), primed.median(Result::again, true), "ms"));
    }

    /** The JVM the cold-start probes run on: {@code SPEED_PROBE_JAVA} (another JDK's java), else this one. */
    private static String probeJava() {
        String other = System.getenv("SPEED_PROBE_JAVA");
        return other != null && !other.isBlank() ? other : ProcessHandle.current().info().command().orElse("java");
    }

    private static int featureVersion(String java) throws Exception {
        Process process = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(1, TimeUnit.MINUTES);
        Matcher version = Pattern.compile("version \"(\\d+)").matcher(output);
        if (!version.find()) {
            throw new IllegalStateException("Cannot tell the version of " + java + ":\n" + output);
        }
        return Integer.parseInt(version.group(1));
    }

    /** One probe's figures, in ms. */
    private record Result(double wall, double init, double invoke, double again) {
        double initAndInvoke() {
            return init + invoke;
        }
    }

    /** Results of the desk and of its floor, run by run. */
    private static final class Samples {
        private final List<Result> desk = new ArrayList<>();
        private final List<Result> floor = new ArrayList<>();

        void add(Result deskRun, Result floorRun) {
            desk.add(deskRun);
            if (floorRun != null) {
                floor.add(floorRun);
            }
        }

        double median(ToDoubleFunction<Result> measure, boolean ofDesk) {
            return SpeedBenchmark.median((ofDesk ? desk : floor).stream().mapToDouble(measure).toArray());
        }

        /** Each round's desk wall time over its floor's, sorted: the runs of one round are seconds apart. */
        double[] sortedRoundRatios() {
            double[] ratios = new double[floor.size()];
            Arrays.setAll(ratios, round -> desk.get(round).wall() / floor.get(round).wall());
            Arrays.sort(ratios);
            return ratios;
        }
    }

    /**
     * A fresh JVM on the deployment jar (with infra/tools beside it, never in it) running ColdStartProbe for one
     * handler, with the function's environment and the flags Lambda gives a Java function that is not restored
     * from a snapshot: tiered compilation stopped at level 1 (its default on java21 and java25).
     */
    private record Probe(String java, Path jar, String handler, Path body, String signature, Map<String, String> environment) {

        Result run(List<String> extraFlags, boolean primed) throws Exception {
            List<String> command = new ArrayList<>(List.of(java, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"));
            command.addAll(extraFlags);
            command.addAll(List.of("-cp", jar + File.pathSeparator + TOOLS, ColdStartProbe.class.getName(), handler,
                    body.toString(), signature));
            if (primed) {
                command.add("primed");
            }
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            // The flags above are the whole JVM configuration: nothing from the template or the caller's shell.
            builder.environment().remove("JAVA_TOOL_OPTIONS");
            builder.environment().put("AWS_ACCESS_KEY_ID", "testing");
            builder.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
            long start = System.nanoTime();
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(1, TimeUnit.MINUTES);
            double wall = (System.nanoTime() - start) / 1e6;
            String line = output.lines().filter(text -> text.startsWith("jvm=")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(handler + " probe failed:\n" + output));
            if (!line.endsWith("status=200")) {
                throw new IllegalStateException(handler + " did not answer 200: " + line);
            }
            if (primed && output.contains("priming-failed")) {
                throw new IllegalStateException(handler + " priming failed:\n" + output);
            }
            Map<String, String> fields = new HashMap<>();
            Arrays.stream(line.split(" ")).map(pair -> pair.split("=")).forEach(pair -> fields.put(pair[0], pair[1]));
            return new Result(wall, Double.parseDouble(fields.get("init")), Double.parseDouble(fields.get("invoke")),
                    Double.parseDouble(fields.get("again")));
        }

        /** A training run that writes the JVM's start-up cache; returns the flags that use it. */
        List<String> trainCache(Path file, int feature) throws Exception {
            Files.deleteIfExists(file);
            if (feature >= 25) {
                run(List.of("-XX:AOTCacheOutput=" + file), false);
                return List.of("-XX:AOTCache=" + file);
            }
            run(List.of("-XX:ArchiveClassesAtExit=" + file), false);
            return List.of("-XX:SharedArchiveFile=" + file);
        }
    }

    // ---- 2. warm webhook ------------------------------------------------------------------------------

    private static List<String> warmWebhook(LocalDeployment deployment, Map<String, String> environment) {
        var sqs = deployment.sqsClient();
        WebhookSignature signature = new WebhookSignature(SECRET);
        String payload = ReportPayload.report(2_990_000_000_000_000_000L, 1_700_000_000_000_000_099L);
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").build()).build())
                .withHeaders(Map.of("x-twitter-webhooks-signature", signature.sign(payload.getBytes(StandardCharsets.UTF_8))))
                .withBody(payload).withIsBase64Encoded(false).build();
        double[] desk = new double[WARM_RUNS];
        double[] floor = new double[WARM_RUNS];
        int chunk = 100;
        for (int round = 0; round < (WARM_UP + WARM_RUNS) / chunk; round++) {
            // moto slows down as a queue fills: each round gets a fresh queue, shared by both sides.
            String queue = sqs.createQueue(create -> create.queueName("bench-" + UUID.randomUUID())).queueUrl();
            Map<String, String> fresh = new HashMap<>(environment);
            fresh.put("EVENTS_QUEUE_URL", queue);
            WebhookHandler webhook = new WebhookHandler(new Desk(new Environment(fresh), Clock.systemUTC()));
            for (int i = 0; i < chunk; i++) {
                long start = System.nanoTime();
                if (webhook.handleRequest(event, null).getStatusCode() != 200) {
                    throw new IllegalStateException("webhook did not accept the event");
                }
                double webhookMillis = (System.nanoTime() - start) / 1e6;
                start = System.nanoTime();
                sqs.sendMessage(send -> send.queueUrl(queue).messageBody(payload));
                double sendMillis = (System.nanoTime() - start) / 1e6;
                int measured = round * chunk + i - WARM_UP;
                if (measured >= 0) {
                    desk[measured] = webhookMillis;
                    floor[measured] = sendMillis;
                }
            }
            sqs.deleteQueue(delete -> delete.queueUrl(queue));
        }
        Arrays.sort(desk);
        Arrays.sort(floor);
        return List.of(
                row("warm webhook acknowledgement p50", percentile(desk, 50), percentile(floor, 50), "ms"),
                row("warm webhook acknowledgement p99", percentile(desk, 99), percentile(floor, 99), "ms"));
    }

    // ---- 3. processing throughput -------------------------------------------------------------------

    private static List<String> throughput(LocalDeployment desk) {
        Processing processing = processingRates(desk);
        return List.of(row("processing: events into the tables per second", processing.events(), processing.puts(), "/s"),
                String.format(Locale.ROOT, "| processing: DynamoDB requests per report (%s) | %.2f | %.2f | %.2f |",
                        processing.breakdown(), processing.requestsPerReport(), processing.putRequests(),
                        processing.requestsPerReport() / processing.putRequests()));
    }

    static Processing processingRates(LocalDeployment desk) {
        ProcessorHandler processor = new ProcessorHandler(new Desk(new Environment(desk.functionEnvironment("ProcessorFunction")), Clock.systemUTC()));
        String table = desk.tableName("IncidentsTable");
        List<SQSEvent> batches = new ArrayList<>();
        // Warmed up as the baseline is, with as many reports as it makes calls, then measured on EVENTS.
        for (int from = -WARM_UP; from < EVENTS; from += 10) {
            SQSEvent batch = new SQSEvent();
            List<SQSEvent.SQSMessage> messages = new ArrayList<>();
            for (int i = from; i < from + 10; i++) {
                SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
                message.setMessageId(UUID.randomUUID().toString());
                message.setBody(ReportPayload.report(3_000_000_000_000_000_000L + i, 1_700_000_000_000_100_000L + i));
                messages.add(message);
            }
            batch.setRecords(messages);
            batches.add(batch);
        }
        for (SQSEvent batch : batches.subList(0, WARM_UP / 10)) {
            processor.handleRequest(batch, null);
        }
        RequestCounter.reset();
        long start = System.nanoTime();
        for (SQSEvent batch : batches.subList(WARM_UP / 10, batches.size())) {
            int failed = processor.handleRequest(batch, null).getBatchItemFailures().size();
            if (failed > 0) {
                throw new IllegalStateException("the processor failed " + failed + " events");
            }
        }
        double events = EVENTS / ((System.nanoTime() - start) / 1e9);
        Map<String, Long> deskRequests = RequestCounter.counts();
        Map<String, Double> deskLatency = RequestCounter.meanMillis();
        var dynamo = desk.dynamoDb();
        Map<String, AttributeValue> template = dynamo.getItem(get -> get.tableName(table)
                .key(servicedesk.dynamo.IncidentItems.key("INC0000001"))).item();
        for (int i = 0; i < WARM_UP; i++) {
            putCopy(dynamo, table, template, "warm" + i);
        }
        RequestCounter.reset();
        start = System.nanoTime();
        for (int i = 0; i < EVENTS; i++) {
            putCopy(dynamo, table, template, "raw" + i);
        }
        double puts = EVENTS / ((System.nanoTime() - start) / 1e9);
        double putRequests = RequestCounter.total(DYNAMODB) / (double) EVENTS;
        System.out.println("   DynamoDB requests while processing " + EVENTS + " reports: " + deskRequests
                + ", mean ms each: " + deskLatency + "; raw PutItem: " + RequestCounter.meanMillis());
        return new Processing(events, puts, deskRequests, EVENTS, putRequests);
    }

    /**
     * Events per second through the processor into the tables, raw PutItem calls per second to the same engine,
     * and the DynamoDB requests each made: the desk's by operation for its reports, the baseline's per item.
     */
    record Processing(double events, double puts, Map<String, Long> deskRequests, int reports, double putRequests) {

        double requestsPerReport() {
            return deskRequests.entrySet().stream().filter(entry -> entry.getKey().startsWith(DYNAMODB + "."))
                    .mapToLong(Map.Entry::getValue).sum() / (double) reports;
        }

        /** "GetItem 0.20, TransactWriteItems 1.00, …": the desk's DynamoDB requests per report, by operation. */
        String breakdown() {
            List<String> parts = new ArrayList<>();
            deskRequests.forEach((name, count) -> {
                if (name.startsWith(DYNAMODB + ".")) {
                    parts.add(String.format(Locale.ROOT, "%s %.2f", name.substring(DYNAMODB.length() + 1), count / (double) reports));
                }
            });
            return String.join(", ", parts);
        }
    }

    private static void putCopy(software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo, String table,
                                Map<String, AttributeValue> template, String key) {
        Map<String, AttributeValue> item = new HashMap<>(template);
        item.put("pk", AttributeValue.fromS("INC#" + key));
        dynamo.putItem(put -> put.tableName(table).item(item));
    }

    // ---- 4. sizes --------------------------------------------------------------------------------------

    private static List<String> sizes(Path root, Path jar) throws IOException {
        double megabytes = Files.size(jar) / 1_048_576.0;
        List<String> functions = List.copyOf(servicedesk.local.CloudFormationTemplate.read(root.resolve("template.yaml"))
                .resourcesOfType("AWS::Serverless::Function").keySet());
        return List.of(String.format(Locale.ROOT, "| deployment artifact (each of %d functions: %s) | %.1f MB | 20 MB target | %.2f |",
                functions.size(), String.join(", ", functions), megabytes, megabytes / 20));
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private static String row(String measure, double desk, double baseline, String unit) {
        return String.format(Locale.ROOT, "| %s | %.1f %s | %.1f %s | %.2f |", measure, desk, unit, baseline, unit, desk / baseline);
    }

    /** The median of a pair's round-by-round ratios, with the quartiles (and the extremes) around it. */
    private static String pairedRow(String measure, Samples samples) {
        double[] ratios = samples.sortedRoundRatios();
        return String.format(Locale.ROOT, "| %s: median of %d rounds (quartiles %.2f–%.2f, all %.2f–%.2f) | | | %.2f |", measure,
                ratios.length, percentile(ratios, 25), percentile(ratios, 75), ratios[0], ratios[ratios.length - 1], median(ratios));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static double percentile(double[] sorted, int percent) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }
}
