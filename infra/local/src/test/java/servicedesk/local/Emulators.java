package servicedesk.local;

/**
 * The emulators the integration tests share, started once per test run (the JVM stops them at the end). The
 * backend is the system property {@code local.backend} (the LocalStack surefire execution sets it), else
 * {@code LOCAL_BACKEND}, else moto.
 */
final class Emulators {
    private static LocalBackend backend;
    private static DynamoDbLocal dynamoDbLocal;

    private Emulators() {
    }

    static String backendName() {
        return System.getProperty("local.backend", System.getenv().getOrDefault(LocalBackend.VARIABLE, "moto"));
    }

    static synchronized LocalBackend backend() {
        if (backend == null) {
            backend = LocalBackend.start(ProjectRoot.find(), backendName(), ProjectRoot.find().resolve("infra/local/target/tests"));
            Runtime.getRuntime().addShutdownHook(new Thread(backend::close));
        }
        return backend;
    }

    static synchronized DynamoDbLocal dynamoDbLocal() {
        if (backend() instanceof MotoBackend moto) {
            return moto.dynamoDbLocal();
        }
        if (dynamoDbLocal == null) {
            dynamoDbLocal = DynamoDbLocal.start();
        }
        return dynamoDbLocal;
    }
}
