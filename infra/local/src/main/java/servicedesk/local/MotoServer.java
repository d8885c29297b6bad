package servicedesk.local;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * moto's server, a real local AWS emulator (DynamoDB and its streams, SQS, SNS, Secrets Manager) on one
 * endpoint. Installed from PyPI into the project's venv on first use; started on a free port.
 */
public final class MotoServer implements AutoCloseable {
    private final Process process;
    private final String endpoint;

    private MotoServer(Process process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static MotoServer start(Path root, Path logFile) {
        try {
            run(new ProcessBuilder(root.resolve("infra/python-tools").toString(), "moto").inheritIO());
            int port = freePort();
            Files.createDirectories(logFile.getParent());
            Process process = new ProcessBuilder(root.resolve(".venv/bin/moto_server").toString(),
                    "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            MotoServer moto = new MotoServer(process, "http://127.0.0.1:" + port);
            moto.awaitReady(Duration.ofSeconds(60), logFile);
            Runtime.getRuntime().addShutdownHook(new Thread(moto::close));
            return moto;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start moto's server", e);
        }
    }

    public String endpoint() {
        return endpoint;
    }

    /** Forgets every resource and item: each test starts from an empty account. */
    public void reset() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint + "/moto-api/reset").toURL().openConnection();
            connection.setRequestMethod("POST");
            if (connection.getResponseCode() != 200) {
                throw new IllegalStateException("moto reset answered " + connection.getResponseCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot reset moto", e);
        }
    }

    private void awaitReady(Duration timeout, Path logFile) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto's server exited; see " + logFile);
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint + "/moto-api/").toURL().openConnection();
                connection.setConnectTimeout(500);
                if (connection.getResponseCode() < 500) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            sleep(100);
        }
        throw new IllegalStateException("moto's server did not start within " + timeout + "; see " + logFile);
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    private static void run(ProcessBuilder builder) throws IOException {
        try {
            int exit = builder.start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", builder.command()) + " failed with exit code " + exit);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
