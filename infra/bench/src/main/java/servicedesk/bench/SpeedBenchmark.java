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
import servicedesk.coldstart.ColdStartProbe;
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
 *   event, against a handler beside the jar (infra/tools) that only builds the same SDK clients (median of 7 each,
 *   alternating).</li>
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
    private static final int COLD_RUNS = 7;
    private static final int WARM_UP = 300;
    private static final int WARM_RUNS = 2_000;
    private static final int EVENTS = 2_000;

    private SpeedBenchmark() {
    }

    public static void main(String[] args) throws Exception {
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
            System.out.println("1/4 cold start (" + COLD_RUNS + " fresh JVMs each, alternating)…");
            rows.addAll(coldStart(root, jar, webhookEnvironment));
            System.out.printf("2/4 warm webhook… (%.0f s so far)%n", (System.nanoTime() - started) / 1e9);
            rows.addAll(warmWebhook(desk, webhookEnvironment));
            System.out.printf("3/4 processing throughput… (%.0f s so far)%n", (System.nanoTime() - started) / 1e9);
            rows.addAll(throughput(desk));
            desk.close();
        }
        System.out.println("4/4 deployment size…");
        rows.addAll(sizes(root, jar));

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
        String java = ProcessHandle.current().info().command().orElse("java");
        double[] desk = new double[COLD_RUNS];
        double[] floor = new double[COLD_RUNS];
        double[] deskInit = new double[COLD_RUNS];
        double[] floorInit = new double[COLD_RUNS];
        for (int run = 0; run < COLD_RUNS; run++) {
            double[] webhook = probe(java, jar, "servicedesk.lambda.WebhookHandler", body, signature, environment);
            double[] baseline = probe(java, jar, SdkClientsOnlyHandler.class.getName(), body, signature, environment);
            desk[run] = webhook[0];
            deskInit[run] = webhook[1];
            floor[run] = baseline[0];
            floorInit[run] = baseline[1];
        }
        return List.of(
                row("cold start: fresh JVM to first answer (median)", median(desk), median(floor), "ms"),
                row("cold start: handler initialisation + first invoke (median)", median(deskInit), median(floorInit), "ms"));
    }

    /** @return {wall time of the whole process, initialisation + first invoke} in ms */
    private static double[] probe(String java, Path jar, String handler, Path body, String signature,
                                  Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "-cp", jar + File.pathSeparator + TOOLS, ColdStartProbe.class.getName(), handler, body.toString(), signature)
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
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
        Map<String, String> fields = new HashMap<>();
        Arrays.stream(line.split(" ")).map(pair -> pair.split("=")).forEach(pair -> fields.put(pair[0], pair[1]));
        return new double[]{wall, Double.parseDouble(fields.get("init")) + Double.parseDouble(fields.get("invoke"))};
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
        double[] rates = processingRates(desk);
        return List.of(row("processing: events into the tables per second", rates[0], rates[1], "/s"));
    }

    /**
     * @return {events per second through the processor into the tables, raw PutItem calls per second to the same
     * engine}
     */
    static double[] processingRates(LocalDeployment desk) {
        ProcessorHandler processor = new ProcessorHandler(new Desk(new Environment(desk.functionEnvironment("ProcessorFunction")), Clock.systemUTC()));
        String table = desk.tableName("IncidentsTable");
        List<SQSEvent> batches = new ArrayList<>();
        for (int from = 0; from < EVENTS; from += 10) {
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
        processor.handleRequest(batches.get(0), null);
        long start = System.nanoTime();
        for (SQSEvent batch : batches.subList(1, batches.size())) {
            int failed = processor.handleRequest(batch, null).getBatchItemFailures().size();
            if (failed > 0) {
                throw new IllegalStateException("the processor failed " + failed + " events");
            }
        }
        double events = (EVENTS - 10) / ((System.nanoTime() - start) / 1e9);
        var dynamo = desk.dynamoDb();
        Map<String, AttributeValue> template = dynamo.getItem(get -> get.tableName(table)
                .key(servicedesk.dynamo.IncidentItems.key("INC0000001"))).item();
        for (int i = 0; i < WARM_UP; i++) {
            putCopy(dynamo, table, template, "warm" + i);
        }
        start = System.nanoTime();
        for (int i = 0; i < EVENTS; i++) {
            putCopy(dynamo, table, template, "raw" + i);
        }
        double puts = EVENTS / ((System.nanoTime() - start) / 1e9);
        return new double[]{events, puts};
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

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static double percentile(double[] sorted, int percent) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }
}
