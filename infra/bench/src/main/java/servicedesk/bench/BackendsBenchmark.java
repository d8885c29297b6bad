package servicedesk.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import servicedesk.format.Log;
import servicedesk.local.LocalBackend;
import servicedesk.local.LocalDeployment;
import servicedesk.local.ProjectRoot;

/**
 * {@code infra/bench/backends [runs]}: the two local backends side by side, in one run, moto + DynamoDB Local being
 * the baseline of each figure.
 * <ol>
 *   <li>Start-up: {@code infra/local/run} spawned to its first CRC answer (median of {@code runs}, alternating).</li>
 *   <li>Memory: resident set of the emulator processes (moto's server; LocalStack's Python, its DynamoDB Local JVM and
 *   kinesis-local's node) and of the whole run with the desk's JVM (which holds DynamoDB Local on moto), once a signed
 *   sample event has become an incident (median).</li>
 *   <li>Processing: {@code infra/bench/speed}'s figure, events per second through the processor into the tables,
 *   against raw PutItem calls to the same engine, on each backend.</li>
 * </ol>
 */
public final class BackendsBenchmark {
    private static final Pattern LOCALSTACK_PORT = Pattern.compile("on LocalStack \\(http://localhost:(\\d+)");
    private static final List<String> BACKENDS = List.of("moto", "localstack");

    private BackendsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = ProjectRoot.find();
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        double[][] startup = new double[2][runs];
        double[][] emulatorMiB = new double[2][runs];
        double[][] totalMiB = new double[2][runs];
        for (int run = 0; run < runs; run++) {
            for (int b = 0; b < 2; b++) {
                System.out.printf("start-up and memory, %s, run %d of %d…%n", BACKENDS.get(b), run + 1, runs);
                double[] figures = startAndMeasure(root, BACKENDS.get(b));
                startup[b][run] = figures[0];
                emulatorMiB[b][run] = figures[1];
                totalMiB[b][run] = figures[2];
            }
        }
        SpeedBenchmark.Processing[] processing = new SpeedBenchmark.Processing[2];
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        for (int b = 0; b < 2; b++) {
            System.out.printf("processing, %s…%n", BACKENDS.get(b));
            try (LocalBackend backend = LocalBackend.start(root, BACKENDS.get(b), root.resolve("infra/bench/target"))) {
                LocalDeployment desk = SpeedBenchmark.deploy(root, backend);
                Log.redirect(quiet);
                processing[b] = SpeedBenchmark.processingRates(desk);
                Log.redirect(System.out);
                desk.close();
            }
        }

        List<String> rows = new ArrayList<>();
        rows.add(row("start-up: infra/local/run to its first CRC answer (median of " + runs + ")",
                median(startup[0]), median(startup[1]), "s", "%.1f"));
        rows.add(row("resident memory: the emulator processes, after one event (median)",
                median(emulatorMiB[0]), median(emulatorMiB[1]), "MiB", "%.0f"));
        rows.add(row("resident memory: the whole run, desk JVM included (median)", median(totalMiB[0]), median(totalMiB[1]), "MiB", "%.0f"));
        rows.add(row("processing: events into the tables per second (infra/bench/speed)", processing[0].events(), processing[1].events(), "/s", "%.1f"));
        rows.add(row("processing baseline: raw PutItem calls per second, same engine", processing[0].puts(), processing[1].puts(), "/s", "%.1f"));
        rows.add(String.format(Locale.ROOT, "| processing ratio, events / PutItem | %.2f | %.2f | |",
                processing[0].events() / processing[0].puts(), processing[1].events() / processing[1].puts()));
        String table = "| measure | moto + DynamoDB Local (baseline) | LocalStack | LocalStack / baseline |\n| --- | --- | --- | --- |\n"
                + String.join("\n", rows);
        String machine = Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version") + ", load average before: " + loadAverage();
        SpeedBenchmark.publish(root, "backends-benchmark.md", "Local backends", table, machine);
        System.exit(0);
    }

    /** @return {seconds to the first CRC answer, MiB of the emulator processes, MiB of the whole run} */
    private static double[] startAndMeasure(Path root, String backend) throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(root.resolve("infra/local/run").toString())
                .directory(root.toFile()).redirectErrorStream(true);
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put(LocalBackend.VARIABLE, backend);
        builder.environment().remove("LOCALSTACK_ENDPOINT");
        builder.environment().remove("TWITTER_API_BASE_URL");
        builder.environment().remove("TWITTER_CONSUMER_SECRET");
        List<String> output = new CopyOnWriteArrayList<>();
        long spawned = System.nanoTime();
        Process run = builder.start();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(output::add);
            } catch (IOException | java.io.UncheckedIOException ended) {
                // the run stopped
            }
        });
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
        String base = "http://127.0.0.1:" + port;
        try {
            String crcToken = "abcdefgh12";
            await(run, output, () -> status(http, HttpRequest.newBuilder(URI.create(base + "/webhooks/twitter?crc_token=" + crcToken)).build()) == 200);
            double startup = (System.nanoTime() - spawned) / 1e9;
            // As the README says: infra/local/send-event posts the sample tweet, dated now and signed.
            ProcessBuilder send = new ProcessBuilder(root.resolve("infra/local/send-event").toString()).redirectErrorStream(true);
            send.environment().put("PORT", Integer.toString(port));
            send.environment().remove("TWITTER_CONSUMER_SECRET");
            send.environment().remove("TWITTER_CLIENT_SECRET");
            Process sent = send.start();
            String answer = new String(sent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (sent.waitFor() != 0 || !answer.contains("accepted")) {
                throw new IllegalStateException("infra/local/send-event: " + answer);
            }
            await(run, output, () -> status(http, HttpRequest.newBuilder(URI.create(base + "/incidents/INC0000001")).build()) == 200);
            Thread.sleep(1_000);
            List<ProcessHandle> emulators = new ArrayList<>();
            Matcher localStack = output.stream().map(LOCALSTACK_PORT::matcher).filter(Matcher::find).findFirst().orElse(null);
            if (localStack != null) {
                long pid = Long.parseLong(Files.readString(root.resolve("infra/local/target/localstack-" + localStack.group(1)
                        + "/localstack.pid")).trim());
                ProcessHandle.of(pid).ifPresent(process -> {
                    emulators.add(process);
                    process.descendants().forEach(emulators::add);
                });
            } else {
                run.descendants().forEach(emulators::add);
            }
            double emulatorKiB = emulators.stream().mapToLong(BackendsBenchmark::rssKiB).sum();
            double runKiB = rssKiB(run.toHandle()) + (localStack != null ? emulatorKiB
                    : run.descendants().mapToLong(BackendsBenchmark::rssKiB).sum());
            return new double[]{startup, emulatorKiB / 1024, runKiB / 1024};
        } finally {
            run.destroy();
            run.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(Process run, List<String> output, Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!run.isAlive()) {
                throw new IllegalStateException("infra/local/run exited:\n" + String.join("\n", output));
            }
            if (check.holds()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("infra/local/run did not get there in 5 minutes:\n" + String.join("\n", output));
    }

    private static int status(HttpClient http, HttpRequest request) {
        try {
            return http.send(HttpRequest.newBuilder(request, (name, value) -> true).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notYet) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static long rssKiB(ProcessHandle process) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/" + process.pid() + "/status"))) {
            return lines.filter(line -> line.startsWith("VmRSS:")).mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst().orElse(0);
        } catch (IOException | java.io.UncheckedIOException gone) {
            return 0;
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String row(String measure, double baseline, double localStack, String unit, String format) {
        return String.format(Locale.ROOT, "| %s | " + format + " %s | " + format + " %s | %.2f |",
                measure, baseline, unit, localStack, unit, localStack / baseline);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
