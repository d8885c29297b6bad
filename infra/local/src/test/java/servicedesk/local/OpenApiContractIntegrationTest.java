package servicedesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Holds the running API to functions/openapi.yaml: Schemathesis generates requests from the document
 * (examples, edge cases, fuzzing) against the local gateway and checks every answer against it: no server
 * errors, only documented status codes and content types, bodies matching their schemas.
 */
class OpenApiContractIntegrationTest extends EmulatedDesk {

    @Test
    void theRunningApiKeepsToItsOpenApiDocument() throws Exception {
        deliver("tweet-new-incident");
        deliver("tweet-community-reply");
        deliver("tweet-staff-outage");
        int port = MotoServer.freePort();
        try (LocalGateway gateway = LocalGateway.start(port, desk)) {
            run(ROOT.resolve("infra/python-tools").toString(), "api");
            String output = run(ROOT.resolve(".venv/bin/schemathesis").toString(), "run",
                    ROOT.resolve("functions/openapi.yaml").toString(),
                    "--url", "http://127.0.0.1:" + port,
                    "--max-examples", "10", "--seed", "20261122", "--workers", "1", "--no-color",
                    "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance");
            assertThat(output).contains("API Operations:").doesNotContain("Server error");
        }
    }

    /** Runs a command, failing with its output unless it exits 0. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + new String(output, StandardCharsets.UTF_8));
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
