package servicedesk.local;

import java.nio.file.Path;

/** moto's server for queues, topics and secrets, and DynamoDB Local in this JVM for tables and streams. */
public record MotoBackend(MotoServer moto, DynamoDbLocal dynamoDbLocal) implements LocalBackend {
    /** moto's account id. */
    static final String ACCOUNT = "123456789012";

    public static MotoBackend start(Path root, Path logDirectory) {
        MotoServer moto = MotoServer.start(root, logDirectory.resolve("moto.log"));
        return new MotoBackend(moto, DynamoDbLocal.start());
    }

    @Override
    public String description() {
        return "moto (" + awsEndpoint() + ") and DynamoDB Local (" + dynamoEndpoint() + ")";
    }

    @Override
    public String awsEndpoint() {
        return moto.endpoint();
    }

    @Override
    public String dynamoEndpoint() {
        return dynamoDbLocal.endpoint();
    }

    @Override
    public String account() {
        return ACCOUNT;
    }

    @Override
    public void reset() {
        moto.reset();
    }

    @Override
    public boolean deliversInBackground() {
        return false;
    }

    @Override
    public void close() {
        moto.close();
        dynamoDbLocal.close();
    }
}
