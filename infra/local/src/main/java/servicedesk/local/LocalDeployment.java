package servicedesk.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * template.yaml deployed onto a local AWS emulator ({@link LocalBackend}), in four steps: its resources created
 * ({@link Provisioning}: one by one on moto, as a CloudFormation stack on LocalStack), its functions hosted in this
 * JVM with their triggers ({@link FunctionHosting}, delivered by {@link EventSources}), its HTTP API routed
 * ({@link HttpApi}), its custom resources run ({@link CustomResources}). Read from the template, so there is no
 * second list to keep in step.
 */
public final class LocalDeployment implements AutoCloseable {

    /**
     * Parameter values (by template parameter name), secret values (by secret logical id), and the
     * functions' clock (null: the system's).
     */
    public record Options(Map<String, String> parameters, Map<String, String> secretValues, Clock clock) {
        public Options {
            parameters = Map.copyOf(parameters);
            secretValues = Map.copyOf(secretValues);
        }
    }

    /**
     * How long nothing may move before the desk counts as settled, on an emulator that hands SNS messages and
     * stream records on from background threads (LocalStack): they land within milliseconds, so this is ample.
     */
    private static final long BACKGROUND_QUIET_MILLIS = 400;

    private final String endpoint;
    private final boolean backgroundDelivery;
    private final Provisioning provisioned;
    private final FunctionHosting functions;
    private final HttpApi api;
    private final EventSources eventSources;
    final DynamoDbClient dynamo;
    final DynamoDbStreamsClient streams;
    final SqsClient sqs;
    final SnsClient sns;
    final SecretsManagerClient secrets;
    final CognitoIdentityProviderClient cognito;

    private LocalDeployment(CloudFormationTemplate template, String endpoint, String dynamoEndpoint, LocalBackend backend,
                            Options options) {
        this.endpoint = endpoint;
        this.backgroundDelivery = backend != null && backend.deliversInBackground();
        // The functions' SDK clients find the emulator through AWS_ENDPOINT_URL and these dummy credentials.
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        System.setProperty("aws.region", Provisioning.REGION);
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
        var http = UrlConnectionHttpClient.create();
        URI uri = URI.create(endpoint);
        URI dynamoUri = URI.create(dynamoEndpoint);
        this.dynamo = DynamoDbClient.builder().endpointOverride(dynamoUri).region(Region.US_EAST_1).credentialsProvider(credentials).httpClient(http).build();
        this.streams = DynamoDbStreamsClient.builder().endpointOverride(dynamoUri).region(Region.US_EAST_1).credentialsProvider(credentials).httpClient(http).build();
        this.sqs = SqsClient.builder().endpointOverride(uri).region(Region.US_EAST_1).credentialsProvider(credentials).httpClient(http).build();
        this.sns = SnsClient.builder().endpointOverride(uri).region(Region.US_EAST_1).credentialsProvider(credentials).httpClient(http).build();
        this.secrets = SecretsManagerClient.builder().endpointOverride(uri).region(Region.US_EAST_1).credentialsProvider(credentials).httpClient(http).build();
        this.cognito = CognitoIdentityProviderClient.builder().endpointOverride(uri).region(Region.US_EAST_1).credentialsProvider(credentials).httpClient(http).build();

        if (backend instanceof LocalStackBackend localStack) {
            this.provisioned = new Provisioning(template, options, localStack.account());
            try (CloudFormationClient cloudFormation = CloudFormationClient.builder().endpointOverride(uri).region(Region.US_EAST_1)
                    .credentialsProvider(credentials).httpClient(http).build();
                 S3Client s3 = S3Client.builder().endpointOverride(uri).region(Region.US_EAST_1).forcePathStyle(true)
                         .credentialsProvider(credentials).httpClient(http).build()) {
                // A stack (and so names) of its own for each deployment: LocalStack's free edition cannot be reset.
                provisioned.deployStack(cloudFormation, s3, secrets, "desk-" + UUID.randomUUID().toString().substring(0, 8),
                        localStack::serves);
            }
        } else {
            this.provisioned = new Provisioning(template, options, MotoBackend.ACCOUNT);
            provisioned.createEach(dynamo, sqs, sns, secrets, cognito);
        }
        this.functions = new FunctionHosting(template, provisioned,
                Map.of("AWS_ENDPOINT_URL", endpoint, "AWS_ENDPOINT_URL_DYNAMODB", dynamoEndpoint), options.clock());
        this.api = new HttpApi(functions.routes(), functions);
        this.eventSources = new EventSources(functions.sources(), functions.functions(), sqs, streams);
        CustomResources.run(template, provisioned, functions);
    }

    /** template.yaml on the backend: one by one on moto and DynamoDB Local, as a CloudFormation stack on LocalStack. */
    public static LocalDeployment deploy(Path root, LocalBackend backend, Options options) {
        return deploy(CloudFormationTemplate.read(root.resolve("template.yaml")), backend, options);
    }

    static LocalDeployment deploy(CloudFormationTemplate template, LocalBackend backend, Options options) {
        return new LocalDeployment(template, backend.awsEndpoint(), backend.dynamoEndpoint(), backend, options);
    }

    /**
     * @param awsEndpoint    moto's server: queues, topics, secrets
     * @param dynamoEndpoint DynamoDB Local: tables and their streams (emptied first)
     */
    public static LocalDeployment deploy(Path root, String awsEndpoint, String dynamoEndpoint, Options options) {
        return new LocalDeployment(CloudFormationTemplate.read(root.resolve("template.yaml")), awsEndpoint, dynamoEndpoint, null, options);
    }

    // ---- what tests and the local run use ---------------------------------------------------------

    /** The HTTP API's answer to a request, or null when no route matches. */
    public APIGatewayV2HTTPResponse http(String method, String rawPath, Map<String, String> query,
                                         Map<String, String> headers, String body) {
        return api.handle(method, rawPath, query, headers, body);
    }

    /** The domain the local gateway serves the API at ({@code localhost:3000}), as API Gateway's domainName. */
    public void servedAt(String domainName) {
        api.servedAt(domainName);
    }

    /** Delivers everything waiting on the queues and streams the template's functions consume, once. */
    public int pump() {
        return eventSources.pumpOnce();
    }

    /** Keeps every queue and stream trigger running in the background, each on its own thread. */
    public void startPolling() {
        eventSources.startPolling();
    }

    /**
     * Pumps until nothing moves: every message the last event caused has been handled. Where the emulator delivers
     * in the background, nothing must move for {@link #BACKGROUND_QUIET_MILLIS} as well.
     */
    public void drain() {
        int quiet = 0;
        long quietSince = System.nanoTime();
        for (int round = 0; round < 5_000; round++) {
            if (pump() > 0) {
                quiet = 0;
                quietSince = System.nanoTime();
                continue;
            }
            quiet++;
            if (quiet >= 2 && (!backgroundDelivery || System.nanoTime() - quietSince >= BACKGROUND_QUIET_MILLIS * 1_000_000)) {
                return;
            }
            if (backgroundDelivery) {
                MotoServer.sleep(100);
            }
        }
    }

    public Object invoke(String functionId, Object event) {
        return functions.invoke(functionId, event);
    }

    public String queueUrl(String logicalId) {
        return provisioned.ref(logicalId);
    }

    public String tableName(String logicalId) {
        return provisioned.ref(logicalId);
    }

    public String topicArn(String logicalId) {
        return provisioned.ref(logicalId);
    }

    /** A pool's id, an app client's id: what {@code Ref} gives for any resource of the template. */
    public String ref(String logicalId) {
        return provisioned.ref(logicalId);
    }

    /** The emulator's Cognito user pools, for creating agents. */
    public CognitoIdentityProviderClient cognito() {
        return cognito;
    }

    /** The emulator's DynamoDB, for seeding and inspecting. */
    public DynamoDbClient dynamoDb() {
        return dynamo;
    }

    public SqsClient sqsClient() {
        return sqs;
    }

    /** The functions the local run invokes on a schedule (the template's enabled {@code Schedule} events). */
    public List<String> scheduledFunctions() {
        return functions.sources().stream().filter(source -> source instanceof EventSources.ScheduleSource)
                .map(source -> ((EventSources.ScheduleSource) source).functionId()).toList();
    }

    public Map<String, String> functionEnvironment(String functionId) {
        return functions.functions().get(functionId).environment().variables();
    }

    List<HttpApi.Route> routes() {
        return api.routes();
    }

    public String awsEndpoint() {
        return endpoint;
    }

    /** The account id in the emulator's ARNs. */
    public String account() {
        return provisioned.account();
    }

    /** The template's resources this deployment did not create, by logical id, each with its type and why. */
    public Map<String, String> notCreated() {
        return provisioned.notCreated();
    }

    /** What the emulator's CloudFormation created (LocalStack; empty on moto). */
    public List<StackResource> stackResources() {
        return provisioned.stackResources();
    }

    @Override
    public void close() {
        eventSources.stopPolling();
        dynamo.close();
        streams.close();
        sqs.close();
        sns.close();
        secrets.close();
        cognito.close();
    }
}
