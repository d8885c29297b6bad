package servicedesk.local;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The AWS emulator a local deployment runs on: moto's server with DynamoDB Local (the default, {@link MotoBackend}),
 * or LocalStack ({@link LocalStackBackend}). Chosen by {@code LOCAL_BACKEND} ({@code moto} or {@code localstack}).
 */
public sealed interface LocalBackend extends AutoCloseable permits MotoBackend, LocalStackBackend {
    String VARIABLE = "LOCAL_BACKEND";

    /** What the run prints about it: the emulator and its endpoint. */
    String description();

    /** Queues, topics, secrets (and CloudFormation on LocalStack). */
    String awsEndpoint();

    /** Tables and their streams. */
    String dynamoEndpoint();

    /** The account id the emulator puts in ARNs. */
    String account();

    /**
     * Makes a fresh deployment possible: moto forgets everything; LocalStack cannot (its free edition has no
     * reset), so each deployment there is a stack of its own, with names of its own.
     */
    void reset();

    /**
     * Whether the emulator's SNS and DynamoDB Streams hand messages on from a background thread (LocalStack), so
     * that "nothing moved" must hold for a moment before the desk counts as settled; moto delivers before it answers.
     */
    boolean deliversInBackground();

    @Override
    void close();

    /** The backend {@code LOCAL_BACKEND} names (default moto), started; its logs go under {@code logDirectory}. */
    static LocalBackend start(Path root, String name, Path logDirectory) {
        return switch (name == null || name.isBlank() ? "moto" : name.trim().toLowerCase(Locale.ROOT)) {
            case "moto" -> MotoBackend.start(root, logDirectory);
            case "localstack" -> LocalStackBackend.start(root, logDirectory);
            default -> throw new IllegalArgumentException(VARIABLE + " must be moto (the default) or localstack, not '" + name + "'");
        };
    }

    static LocalBackend fromEnvironment(Path root, Path logDirectory) {
        return start(root, System.getenv(VARIABLE), logDirectory);
    }
}
