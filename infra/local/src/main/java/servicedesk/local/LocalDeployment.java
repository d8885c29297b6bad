package servicedesk.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * template.yaml deployed onto local AWS emulators, in four steps: its resources created
 * ({@link Provisioning}), its functions hosted in this JVM with their triggers ({@link FunctionHosting},
 * delivered by {@link EventSources}), its HTTP API routed ({@link HttpApi}), its custom resources run
 * ({@link CustomResources}). Read from the template, so there is no second list to keep in step.
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

    private final String endpoint;
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

    private LocalDeployment(CloudFormationTemplate template, String endpoint, String dynamoEndpoint, Options options) {
        this.endpoint = endpoint;
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

        this.provisioned = new Provisioning(template, options);
        provisioned.provision(dynamo, sqs, sns, secrets, cognito);
        this.functions = new FunctionHosting(template, provisioned,
                Map.of("AWS_ENDPOINT_URL", endpoint, "AWS_ENDPOINT_URL_DYNAMODB", dynamoEndpoint), options.clock());
        this.api = new HttpApi(functions.routes(), functions);
        this.eventSources = new EventSources(functions.sources(), functions.functions(), sqs, streams);
        CustomResources.run(template, provisioned.intrinsics(), functions);
    }

    /**
     * @param awsEndpoint    moto's server: queues, topics, secrets
     * @param dynamoEndpoint DynamoDB Local: tables and their streams (emptied first)
     */
    public static LocalDeployment deploy(Path root, String awsEndpoint, String dynamoEndpoint, Options options) {
        return new LocalDeployment(CloudFormationTemplate.read(root.resolve("template.yaml")), awsEndpoint, dynamoEndpoint, options);
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

    /** Pumps until nothing moves: every message the last event caused has been handled. */
    public void drain() {
        int quiet = 0;
        for (int round = 0; round < 500 && quiet < 2; round++) {
            quiet = pump() == 0 ? quiet + 1 : 0;
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

    public Map<String, String> functionEnvironment(String functionId) {
        return functions.functions().get(functionId).environment().variables();
    }

    List<HttpApi.Route> routes() {
        return api.routes();
    }

    public String awsEndpoint() {
        return endpoint;
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
