package servicedesk.localstack;

import java.lang.instrument.Instrumentation;

/**
 * Stands in for LocalStack's ddb-local-loader agent (a download from GitHub, which this machine can't reach):
 * LocalStack starts DynamoDB Local with {@code -javaagent:…/ddb-local-loader-0.1.jar}, so some agent must be
 * there. The real one only patches DynamoDB Local to allow more than 20 GSIs per table; this one does nothing.
 */
public final class NoOpAgent {
    private NoOpAgent() {
    }

    public static void premain(String args, Instrumentation instrumentation) {
    }

    public static void agentmain(String args, Instrumentation instrumentation) {
    }
}
