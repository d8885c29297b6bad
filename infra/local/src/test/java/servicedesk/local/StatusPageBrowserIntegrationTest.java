package servicedesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The status page in a real browser: headless Chromium (Debian's package; infra/test installs it) renders
 * the page served by the local gateway while an outage from a broadcast is active, and the test keeps a
 * phone-sized screenshot under target/.
 */
class StatusPageBrowserIntegrationTest extends EmulatedDesk {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    @Test
    void chromiumRendersTheActiveOutage() throws Exception {
        assertThat(CHROMIUM).as("Chromium is needed: infra/test installs Debian's chromium package").isExecutable();
        deliver("tweet-new-incident");
        deliver("tweet-staff-outage");
        int port = MotoServer.freePort();
        Path screenshot = ROOT.resolve("infra/local/target/status-page.png");
        Files.deleteIfExists(screenshot);
        try (LocalGateway gateway = LocalGateway.start(port, desk)) {
            String url = "http://127.0.0.1:" + port + "/status";
            String dom = chromium("--dump-dom", url);
            assertThat(dom).contains("Blackboard Learn: Investigating", "Expected back:", "15:00 UTC",
                    "Blackboard is down for all users", "Some services have problems");
            chromium("--screenshot=" + screenshot, "--window-size=412,915", "--hide-scrollbars", url);
        }
        assertThat(screenshot).exists();
        byte[] png = Files.readAllBytes(screenshot);
        assertThat(png.length).isGreaterThan(5_000);
        assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    /** Runs headless Chromium as a test machine allows: no sandbox (root), no GPU, no network of its own. */
    private static String chromium(String... arguments) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("Chromium did not finish: " + String.join(" ", command));
        }
        return output;
    }
}
