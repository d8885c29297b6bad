package servicedesk.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** {@code infra/local/run} started as a reader of the README would start it, its output kept for the test to read. */
final class LocalRunProcess implements AutoCloseable {
    final int port;
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private LocalRunProcess(int port, Process process) {
        this.port = port;
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the run with {@code environment} over this JVM's (a null value removes a variable) and waits until it is ready. */
    static LocalRunProcess start(Map<String, String> environment) throws IOException {
        int port = MotoServer.freePort();
        ProcessBuilder builder = new ProcessBuilder(ProjectRoot.find().resolve("infra/local/run").toString())
                .directory(ProjectRoot.find().toFile())
                .redirectErrorStream(true);
        builder.environment().put("PORT", Integer.toString(port));
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        LocalRunProcess run = new LocalRunProcess(port, builder.start());
        run.awaitOutput("Ready on port " + port, Duration.ofMinutes(3));
        return run;
    }

    /** What the run has printed so far. */
    String output() {
        return String.join("\n", output);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    void awaitOutput(String text, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (output.stream().anyMatch(line -> line.contains(text))) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("infra/local/run exited:\n" + String.join("\n", output));
            }
            MotoServer.sleep(100);
        }
        throw new AssertionError("No '" + text + "' from infra/local/run within " + timeout + ":\n" + String.join("\n", output));
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }
}
