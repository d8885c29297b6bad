package servicedesk.bench;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import servicedesk.dynamo.IncidentItems;
import servicedesk.format.Log;
import servicedesk.incident.Incident;
import servicedesk.incident.Level;
import servicedesk.incident.Priority;
import servicedesk.incident.Reporter;
import servicedesk.incident.ResponseTargets;
import servicedesk.local.DynamoDbLocal;
import servicedesk.local.LocalAgent;
import servicedesk.local.LocalDeployment;
import servicedesk.local.LocalGateway;
import servicedesk.local.MotoServer;
import servicedesk.local.ProjectRoot;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@code infra/bench/console [open incidents]}: the time to first paint of the console's queue, in Debian's
 * Chromium, with 1,000 open incidents (or the number given) against the same queue empty (the baseline),
 * measured in one run: the whole desk on moto and DynamoDB Local, the local gateway, a signed-in agent. Each
 * figure is the median of 7 loads after 2 warm-up loads; prints a table and writes it to
 * infra/bench/target/console-benchmark.md.
 */
public final class ConsoleBenchmark {
    private static final int LOADS = 7;
    private static final int WARM_UP = 2;

    /** One load of the queue as the browser's Performance API saw it, in milliseconds, and the HTML's size. */
    private record Load(double firstContentfulPaint, double serverResponse, double domContentLoaded, long htmlBytes) {
    }

    private ConsoleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int open = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        Path root = ProjectRoot.find();
        Log.redirect(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try (MotoServer moto = MotoServer.start(root, root.resolve("infra/bench/target/moto-console-bench.log"));
             DynamoDbLocal dynamo = DynamoDbLocal.start()) {
            LocalDeployment desk = LocalDeployment.deploy(root, moto.endpoint(), dynamo.endpoint(), new LocalDeployment.Options(
                    Map.of("TwitterAccountId", "1600000000000000001"), Map.of(), null));
            LocalAgent.create(desk, "bench@example.edu", "Bench-agent-passw0rd!");
            int port = MotoServer.freePort();
            ChromeDriver browser = null;
            try (LocalGateway gateway = LocalGateway.start(port, desk)) {
                browser = chromium();
                browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
                String base = "http://127.0.0.1:" + port;
                browser.get(base + "/console/sign-in");
                browser.findElement(By.id("email")).sendKeys("bench@example.edu");
                browser.findElement(By.id("password")).sendKeys("Bench-agent-passw0rd!");
                browser.findElement(By.cssSelector("form.signin button")).click();

                Load empty = median(browser, base + "/console");
                seed(desk, open);
                Load full = median(browser, base + "/console");
                int rows = browser.findElements(By.cssSelector("table.queue tbody tr")).size();
                report(root, open, rows, empty, full);
            } finally {
                if (browser != null) {
                    browser.quit();
                }
                desk.close();
            }
        }
    }

    private static Load median(ChromeDriver browser, String url) {
        List<Load> loads = new ArrayList<>();
        for (int i = 0; i < WARM_UP + LOADS; i++) {
            browser.get(url);
            // The paint entry may come after the load event the driver waits for: observe it, buffered.
            Map<?, ?> timing = (Map<?, ?>) browser.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const nav = performance.getEntriesByType('navigation')[0];
                    const answer = paint => done({fcp: paint ? paint.startTime : -1, response: nav.responseEnd - nav.requestStart,
                            dcl: nav.domContentLoadedEventEnd, bytes: nav.decodedBodySize});
                    new PerformanceObserver(list => {
                        const paint = list.getEntriesByName('first-contentful-paint')[0];
                        if (paint) { answer(paint); }
                    }).observe({type: 'paint', buffered: true});
                    setTimeout(() => answer(null), 10000);""");
            if (i >= WARM_UP) {
                loads.add(new Load(number(timing.get("fcp")), number(timing.get("response")), number(timing.get("dcl")),
                        (long) number(timing.get("bytes"))));
            }
        }
        return new Load(middle(loads.stream().mapToDouble(Load::firstContentfulPaint).sorted().toArray()),
                middle(loads.stream().mapToDouble(Load::serverResponse).sorted().toArray()),
                middle(loads.stream().mapToDouble(Load::domContentLoaded).sorted().toArray()),
                loads.get(0).htmlBytes());
    }

    /** Open incidents of every priority and service, of every age up to three days, some assigned. */
    private static void seed(LocalDeployment desk, int open) {
        String table = desk.tableName("IncidentsTable");
        ResponseTargets targets = ResponseTargets.parse(ResponseTargets.DEFAULTS);
        String[] services = {"blackboard", "wifi", "email", "vpn"};
        Instant now = Instant.now();
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < open; i++) {
            Priority priority = Priority.values()[i % Priority.values().length];
            Incident opened = Incident.open(Incident.numberOf(i + 1), priority, Level.MEDIUM, Level.MEDIUM, services[i % 4],
                    new Reporter(Long.toString(1_700_000_000_000_000_000L + i), "user" + i), Long.toString(1_990_000_000_000_000_000L + i),
                    null, "#" + services[i % 4] + " report number " + i + " about something that does not work",
                    Set.of(), targets.forPriority(priority), null, now.minus(Duration.ofMinutes((i * 37L) % 4_320)));
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(IncidentItems.item(opened)).build()).build());
            if (batch.size() == 25) {
                List<WriteRequest> items = batch;
                desk.dynamoDb().batchWriteItem(write -> write.requestItems(Map.of(table, items)));
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            List<WriteRequest> items = batch;
            desk.dynamoDb().batchWriteItem(write -> write.requestItems(Map.of(table, items)));
        }
        desk.dynamoDb().putItem(put -> put.tableName(table).item(Map.of("pk", fromS("COUNTER"), "sk", fromS("INCIDENT"),
                "seq", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(Integer.toString(open)))));
    }

    private static void report(Path root, int open, int rows, Load empty, Load full) throws IOException {
        String table = String.join("\n",
                "| measure (median of " + LOADS + " loads) | " + open + " open incidents | empty queue (baseline) | ratio |",
                "| --- | --- | --- | --- |",
                row("first contentful paint", full.firstContentfulPaint(), empty.firstContentfulPaint()),
                row("server response (request sent to last byte)", full.serverResponse(), empty.serverResponse()),
                row("DOM content loaded", full.domContentLoaded(), empty.domContentLoaded()),
                String.format("| HTML size | %.1f kB (%d rows shown) | %.1f kB | %.2f |", full.htmlBytes() / 1024.0, rows,
                        empty.htmlBytes() / 1024.0, (double) full.htmlBytes() / Math.max(1, empty.htmlBytes())));
        System.out.println(table);
        Path out = root.resolve("infra/bench/target/console-benchmark.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "# infra/bench/console " + open + "\n\n" + table + "\n", StandardCharsets.UTF_8);
    }

    private static String row(String measure, double value, double baseline) {
        return String.format("| %s | %.0f ms | %.0f ms | %.2f |", measure, value, baseline, value / baseline);
    }

    /** Debian's Chromium through its chromium-driver, with the flags this machine needs (see infra/local's Chromium). */
    private static ChromeDriver chromium() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--user-data-dir=" + Files.createTempDirectory("chromium-bench"));
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(
                Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver")).toFile()).usingAnyFreePort().build(), options);
    }

    private static double number(Object value) {
        return value instanceof Number number ? number.doubleValue() : Double.NaN;
    }

    private static double middle(double[] sorted) {
        return sorted[sorted.length / 2];
    }
}
