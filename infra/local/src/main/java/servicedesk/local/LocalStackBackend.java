package servicedesk.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import servicedesk.format.Json;

/**
 * LocalStack in host mode (no Docker), every service on one endpoint: the one {@code LOCALSTACK_ENDPOINT} names
 * when it is set (a LocalStack the team runs itself, left running), else one started on a free port with
 * {@code infra/localstack/start} and stopped with {@code infra/localstack/stop}.
 */
public final class LocalStackBackend implements LocalBackend {
    /** LocalStack's account id. */
    static final String ACCOUNT = "000000000000";

    private final Path root;
    private final String endpoint;
    /** The run folder of the LocalStack this backend started; null when it uses one already running. */
    private final Path runDirectory;
    private final Set<String> services;

    private LocalStackBackend(Path root, String endpoint, Path runDirectory) {
        this.root = root;
        this.endpoint = endpoint;
        this.runDirectory = runDirectory;
        this.services = services(endpoint);
    }

    public static LocalStackBackend start(Path root, Path logDirectory) {
        String given = System.getenv("LOCALSTACK_ENDPOINT");
        Path runDirectory = null;
        ProcessBuilder start = new ProcessBuilder(root.resolve("infra/localstack/start").toString(), "--background")
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        if (given == null || given.isBlank()) {
            try {
                int port = MotoServer.freePort();
                runDirectory = logDirectory.resolve("localstack-" + port).toAbsolutePath();
                start.command().addAll(java.util.List.of("--port", Integer.toString(port), "--run-dir", runDirectory.toString()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            Process process = start.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            int exit = process.waitFor();
            if (exit != 0 || output.isEmpty()) {
                throw new IllegalStateException("infra/localstack/start failed (exit " + exit + "); see its message above. "
                        + "LocalStack needs Python 3.13 (infra/localstack/README.md), or set LOCALSTACK_ENDPOINT to a running one.");
            }
            String endpoint = output.lines().reduce((first, second) -> second).orElseThrow();
            return new LocalStackBackend(root, endpoint, runDirectory);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run infra/localstack/start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String description() {
        return "LocalStack (" + endpoint + (runDirectory == null ? ", LOCALSTACK_ENDPOINT" : ", started here") + ")";
    }

    @Override
    public String awsEndpoint() {
        return endpoint;
    }

    @Override
    public String dynamoEndpoint() {
        return endpoint;
    }

    @Override
    public String account() {
        return ACCOUNT;
    }

    @Override
    public void reset() {
        // Nothing to forget: each deployment is a CloudFormation stack of its own (CloudFormationStack).
    }

    @Override
    public boolean deliversInBackground() {
        return true;
    }

    /** Whether LocalStack serves this API (its health check names them: "sqs", "cognito-idp", …). */
    boolean serves(String service) {
        return services.contains(service);
    }

    /** Where the LocalStack this backend started keeps its log; null when it did not start one. */
    public Path runDirectory() {
        return runDirectory;
    }

    @Override
    public void close() {
        if (runDirectory == null) {
            return;
        }
        try {
            new ProcessBuilder(root.resolve("infra/localstack/stop").toString(), "--run-dir", runDirectory.toString(), "--quiet")
                    .inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot stop LocalStack", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Set<String> services(String endpoint) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint + "/_localstack/health").toURL().openConnection();
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(30_000);
            JsonNode health = Json.MAPPER.readTree(connection.getInputStream());
            Set<String> names = new HashSet<>();
            health.path("services").fieldNames().forEachRemaining(names::add);
            return names;
        } catch (IOException e) {
            throw new IllegalStateException("LocalStack at " + endpoint + " does not answer /_localstack/health", e);
        }
    }
}
