package servicedesk.local;

/** The emulators the integration tests share, started once per test run (the JVM stops them at the end). */
final class Emulators {
    private static MotoServer moto;
    private static DynamoDbLocal dynamoDbLocal;

    private Emulators() {
    }

    static synchronized MotoServer moto() {
        if (moto == null) {
            moto = MotoServer.start(ProjectRoot.find(), ProjectRoot.find().resolve("infra/local/target/moto-tests.log"));
        }
        return moto;
    }

    static synchronized DynamoDbLocal dynamoDbLocal() {
        if (dynamoDbLocal == null) {
            dynamoDbLocal = DynamoDbLocal.start();
        }
        return dynamoDbLocal;
    }
}
