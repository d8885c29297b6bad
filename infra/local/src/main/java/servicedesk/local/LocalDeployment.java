package servicedesk.local;

import static servicedesk.local.CloudFormationTemplate.list;
import static servicedesk.local.CloudFormationTemplate.map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import servicedesk.format.Json;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * template.yaml deployed onto local AWS emulators: its queues, topics, subscriptions and secrets created
 * in moto, its tables and streams in DynamoDB Local, its custom resources run, its functions hosted in this JVM with the environment the
 * template gives them, its HTTP API routes and its queue and stream triggers wired as the template wires
 * them. Read from the template, so there is no second list to keep in step.
 */
public final class LocalDeployment implements AutoCloseable {
    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";

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

    record Route(String method, String path, String functionId) {
        String routeKey() {
            return method + " " + path;
        }
    }

    private final CloudFormationTemplate template;
    private final Options options;
    private final String endpoint;
    private final String dynamoEndpoint;
    private final Intrinsics intrinsics;
    private final Map<String, String> refs = new HashMap<>();
    private final Map<String, String> attributes = new HashMap<>();
    private final Map<String, String> queueUrlsByArn = new HashMap<>();
    private final Map<String, LocalFunction> functions = new LinkedHashMap<>();
    private final List<Route> routes = new ArrayList<>();
    private final List<EventSources.Source> sources = new ArrayList<>();
    final DynamoDbClient dynamo;
    final DynamoDbStreamsClient streams;
    final SqsClient sqs;
    final SnsClient sns;
    final SecretsManagerClient secrets;
    private EventSources eventSources;

    private LocalDeployment(CloudFormationTemplate template, String endpoint, String dynamoEndpoint, Options options) {
        this.template = template;
        this.options = options;
        this.endpoint = endpoint;
        this.dynamoEndpoint = dynamoEndpoint;
        // The functions' SDK clients find the emulator through AWS_ENDPOINT_URL and these dummy credentials.
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        System.setProperty("aws.region", REGION);
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
        var http = UrlConnectionHttpClient.create();
        URI uri = URI.create(endpoint);
        URI dynamoUri = URI.create(dynamoEndpoint);
        this.dynamo = DynamoDbClient.builder().endpointOverride(dynamoUri).region(Region.US_EAST_1).credentialsProvider(credentials).httpClient(http).build();
        this.streams = DynamoDbStreamsClient.builder().endpointOverride(dynamoUri).region(Region.US_EAST_1).credentialsProvider(credentials).httpClient(http).build();
        this.sqs = SqsClient.builder().endpointOverride(uri).region(Region.US_EAST_1).credentialsProvider(credentials).httpClient(http).build();
        this.sns = SnsClient.builder().endpointOverride(uri).region(Region.US_EAST_1).credentialsProvider(credentials).httpClient(http).build();
        this.secrets = SecretsManagerClient.builder().endpointOverride(uri).region(Region.US_EAST_1).credentialsProvider(credentials).httpClient(http).build();
        this.intrinsics = new Intrinsics(this::ref, this::getAtt, template.conditions());
    }

    /**
     * @param awsEndpoint    moto's server: queues, topics, secrets
     * @param dynamoEndpoint DynamoDB Local: tables and their streams (emptied first)
     */
    public static LocalDeployment deploy(Path root, String awsEndpoint, String dynamoEndpoint, Options options) {
        LocalDeployment deployment = new LocalDeployment(
                CloudFormationTemplate.read(root.resolve("template.yaml")), awsEndpoint, dynamoEndpoint, options);
        deployment.provision();
        return deployment;
    }

    // ---- what tests and the local run use ---------------------------------------------------------

    public APIGatewayV2HTTPResponse http(String method, String rawPath, Map<String, String> query,
                                         Map<String, String> headers, String body) {
        // As API Gateway does: a greedy {proxy+} route only takes what no other route matches.
        List<Route> ordered = routes.stream().sorted(java.util.Comparator.comparing(route -> route.path().contains("+}"))).toList();
        for (Route route : ordered) {
            Map<String, String> pathParameters = HttpRoutes.match(route.path(), rawPath);
            if (route.method().equalsIgnoreCase(method) && pathParameters != null) {
                APIGatewayV2HTTPEvent event = HttpRoutes.event(route.routeKey(), method, rawPath, query, headers, body, pathParameters);
                return (APIGatewayV2HTTPResponse) functions.get(route.functionId()).invoke(event);
            }
        }
        return null;
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
        LocalFunction function = functions.get(functionId);
        if (function == null) {
            throw new IllegalArgumentException("No function " + functionId + " in template.yaml");
        }
        return function.invoke(event);
    }

    public String queueUrl(String logicalId) {
        return refs.get(logicalId);
    }

    public String tableName(String logicalId) {
        return refs.get(logicalId);
    }

    public String topicArn(String logicalId) {
        return refs.get(logicalId);
    }

    /** The emulator's DynamoDB, for seeding and inspecting. */
    public DynamoDbClient dynamoDb() {
        return dynamo;
    }

    public SqsClient sqsClient() {
        return sqs;
    }

    public Map<String, String> functionEnvironment(String functionId) {
        return functions.get(functionId).environment().variables();
    }

    List<Route> routes() {
        return routes;
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
    }

    // ---- provisioning -----------------------------------------------------------------------------

    private void provision() {
        dynamo.listTablesPaginator().tableNames().forEach(table -> dynamo.deleteTable(delete -> delete.tableName(table)));
        template.resourcesOfType("AWS::DynamoDB::Table").forEach((id, resource) -> createTable(id, properties(resource)));
        var queues = template.resourcesOfType("AWS::SQS::Queue");
        queues.forEach((id, resource) -> createQueue(id));
        queues.forEach((id, resource) -> configureQueue(id, properties(resource)));
        template.resourcesOfType("AWS::SNS::Topic").forEach((id, resource) -> createTopic(id));
        template.resourcesOfType("AWS::SNS::Subscription").forEach((id, resource) -> {
            if (included(resource)) {
                subscribe(properties(resource));
            }
        });
        template.resourcesOfType("AWS::SecretsManager::Secret").forEach((id, resource) -> createSecret(id, properties(resource)));
        template.resourcesOfType("AWS::Serverless::HttpApi").forEach((id, resource) -> refs.put(id, "local-" + id));
        Map<String, Map<String, Object>> lambdas = template.resourcesOfType("AWS::Serverless::Function");
        lambdas.keySet().forEach(id -> {
            refs.put(id, id);
            attributes.put(id + ".Arn", "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + id);
        });
        lambdas.forEach(this::hostFunction);
        eventSources = new EventSources(sources, functions, sqs, streams);
        runCustomResources();
    }

    private boolean included(Map<String, Object> resource) {
        Object condition = resource.get("Condition");
        return condition == null || intrinsics.condition((String) condition);
    }

    private Map<String, Object> properties(Map<String, Object> resource) {
        return map(resource.get("Properties"));
    }

    private void createTable(String id, Map<String, Object> properties) {
        CreateTableRequest.Builder table = CreateTableRequest.builder()
                .tableName(id)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(list(properties.get("AttributeDefinitions")).stream().map(definition ->
                        AttributeDefinition.builder()
                                .attributeName((String) map(definition).get("AttributeName"))
                                .attributeType((String) map(definition).get("AttributeType")).build()).toList())
                .keySchema(keySchema(properties.get("KeySchema")));
        List<GlobalSecondaryIndex> indexes = list(properties.get("GlobalSecondaryIndexes")).stream().map(index ->
                GlobalSecondaryIndex.builder()
                        .indexName((String) map(index).get("IndexName"))
                        .keySchema(keySchema(map(index).get("KeySchema")))
                        .projection(Projection.builder()
                                .projectionType((String) map(map(index).get("Projection")).get("ProjectionType")).build())
                        .build()).toList();
        if (!indexes.isEmpty()) {
            table.globalSecondaryIndexes(indexes);
        }
        Map<String, Object> stream = map(properties.get("StreamSpecification"));
        if (!stream.isEmpty()) {
            table.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                    .streamViewType((String) stream.get("StreamViewType")).build());
        }
        var created = dynamo.createTable(table.build()).tableDescription();
        refs.put(id, id);
        attributes.put(id + ".Arn", created.tableArn());
        if (created.latestStreamArn() != null) {
            attributes.put(id + ".StreamArn", created.latestStreamArn());
        }
        Map<String, Object> ttl = map(properties.get("TimeToLiveSpecification"));
        if (Boolean.TRUE.equals(ttl.get("Enabled"))) {
            dynamo.updateTimeToLive(update -> update.tableName(id).timeToLiveSpecification(spec -> spec
                    .attributeName((String) ttl.get("AttributeName")).enabled(true)));
        }
    }

    private static List<KeySchemaElement> keySchema(Object schema) {
        return list(schema).stream().map(key -> KeySchemaElement.builder()
                .attributeName((String) map(key).get("AttributeName"))
                .keyType((String) map(key).get("KeyType")).build()).toList();
    }

    private void createQueue(String id) {
        String url = sqs.createQueue(create -> create.queueName(id)).queueUrl();
        String arn = "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + id;
        refs.put(id, url);
        attributes.put(id + ".Arn", arn);
        attributes.put(id + ".QueueName", id);
        queueUrlsByArn.put(arn, url);
    }

    /** Queue attributes are set once every queue exists, so redrive policies can name their dead-letter queue. */
    private void configureQueue(String id, Map<String, Object> properties) {
        Map<QueueAttributeName, String> settings = new HashMap<>();
        if (properties.get("VisibilityTimeout") != null) {
            settings.put(QueueAttributeName.VISIBILITY_TIMEOUT, intrinsics.string(properties.get("VisibilityTimeout")));
        }
        Map<String, Object> redrive = map(intrinsics.resolve(properties.get("RedrivePolicy")));
        if (!redrive.isEmpty()) {
            settings.put(QueueAttributeName.REDRIVE_POLICY, json(redrive));
        }
        if (!settings.isEmpty()) {
            sqs.setQueueAttributes(set -> set.queueUrl(refs.get(id)).attributes(settings));
        }
    }

    private void createTopic(String id) {
        String arn = sns.createTopic(create -> create.name(id)).topicArn();
        refs.put(id, arn);
        attributes.put(id + ".TopicName", id);
    }

    private void subscribe(Map<String, Object> properties) {
        String protocol = intrinsics.string(properties.get("Protocol"));
        String topic = intrinsics.string(properties.get("TopicArn"));
        String target = intrinsics.string(properties.get("Endpoint"));
        Map<String, String> subscriptionAttributes = new HashMap<>();
        if (properties.get("FilterPolicy") != null) {
            subscriptionAttributes.put("FilterPolicy", json(intrinsics.resolve(properties.get("FilterPolicy"))));
        }
        if (properties.get("FilterPolicyScope") != null) {
            subscriptionAttributes.put("FilterPolicyScope", intrinsics.string(properties.get("FilterPolicyScope")));
        }
        if (Boolean.TRUE.equals(properties.get("RawMessageDelivery"))) {
            subscriptionAttributes.put("RawMessageDelivery", "true");
        }
        sns.subscribe(subscribe -> subscribe.topicArn(topic).protocol(protocol).endpoint(target)
                .attributes(subscriptionAttributes).returnSubscriptionArn(true));
    }

    private void createSecret(String id, Map<String, Object> properties) {
        String value = options.secretValues().get(id);
        if (value == null) {
            Object generated = map(properties.get("GenerateSecretString")).get("SecretStringTemplate");
            value = generated != null ? intrinsics.string(generated) : intrinsics.string(properties.get("SecretString"));
        }
        String secretValue = value == null ? "{}" : value;
        String arn = secrets.createSecret(create -> create.name(id).secretString(secretValue)).arn();
        refs.put(id, arn);
    }

    // ---- functions and their triggers --------------------------------------------------------------

    private void hostFunction(String id, Map<String, Object> resource) {
        Map<String, Object> properties = properties(resource);
        Map<String, String> environment = new LinkedHashMap<>();
        addVariables(environment, template.globalFunction());
        addVariables(environment, properties);
        environment.put("AWS_REGION", REGION);
        environment.put("AWS_ENDPOINT_URL", endpoint);
        environment.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoEndpoint);
        functions.put(id, new LocalFunction(id, (String) properties.get("Handler"), environment, options.clock()));
        map(properties.get("Events")).forEach((name, definition) -> {
            Map<String, Object> event = map(definition);
            Map<String, Object> eventProperties = map(event.get("Properties"));
            switch (String.valueOf(event.get("Type"))) {
                case "HttpApi" -> routes.add(new Route(((String) eventProperties.get("Method")).toUpperCase(),
                        (String) eventProperties.get("Path"), id));
                case "SQS" -> sources.add(new EventSources.QueueSource(id,
                        queueUrlsByArn.get(intrinsics.string(eventProperties.get("Queue"))),
                        number(eventProperties.get("BatchSize"), 10)));
                case "DynamoDB" -> sources.add(streamSource(id, eventProperties));
                case "Schedule" -> sources.add(new EventSources.ScheduleSource(id,
                        rate(intrinsics.string(eventProperties.get("Schedule")))));
                default -> throw new IllegalStateException("The local run does not yet deliver "
                        + event.get("Type") + " events (" + id + "." + name + ")");
            }
        });
    }

    private EventSources.StreamSource streamSource(String functionId, Map<String, Object> properties) {
        List<com.fasterxml.jackson.databind.JsonNode> filters = new ArrayList<>();
        for (Object filter : list(map(properties.get("FilterCriteria")).get("Filters"))) {
            try {
                filters.add(Json.MAPPER.readTree(intrinsics.string(map(filter).get("Pattern"))));
            } catch (IOException e) {
                throw new IllegalStateException("Unreadable filter pattern for " + functionId, e);
            }
        }
        String onFailure = intrinsics.string(map(map(properties.get("DestinationConfig")).get("OnFailure")).get("Destination"));
        return new EventSources.StreamSource(functionId, intrinsics.string(properties.get("Stream")),
                number(properties.get("BatchSize"), 100), number(properties.get("MaximumRetryAttempts"), 3),
                onFailure == null ? null : queueUrlsByArn.get(onFailure), filters);
    }

    private void addVariables(Map<String, String> environment, Map<String, Object> properties) {
        map(map(properties.get("Environment")).get("Variables"))
                .forEach((name, value) -> environment.put(name, intrinsics.string(value)));
    }

    /** EventBridge's {@code rate(5 minutes)}. */
    static java.time.Duration rate(String expression) {
        var matcher = java.util.regex.Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)").matcher(expression);
        if (!matcher.matches()) {
            throw new IllegalStateException("The local run understands rate(...) schedules, not " + expression);
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2).charAt(0)) {
            case 'm' -> java.time.Duration.ofMinutes(amount);
            case 'h' -> java.time.Duration.ofHours(amount);
            default -> java.time.Duration.ofDays(amount);
        };
    }

    private static int number(Object value, int fallback) {
        return value == null ? fallback : Integer.parseInt(String.valueOf(value));
    }

    /** Runs each custom resource's function with a Create request, as CloudFormation would, and checks the answer. */
    private void runCustomResources() {
        Map<String, Map<String, Object>> custom = new LinkedHashMap<>();
        template.resources().forEach((id, resource) -> {
            String type = String.valueOf(map(resource).get("Type"));
            if (type.startsWith("Custom::") || type.equals("AWS::CloudFormation::CustomResource")) {
                custom.put(id, map(resource));
            }
        });
        if (custom.isEmpty()) {
            return;
        }
        Map<String, String> answers = new ConcurrentHashMap<>();
        HttpServer responses;
        try {
            responses = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        responses.createContext("/", exchange -> {
            answers.put(exchange.getRequestURI().getPath().substring(1),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        responses.start();
        try {
            custom.forEach((id, resource) -> {
                Map<String, Object> properties = map(intrinsics.resolve(properties(resource)));
                String token = String.valueOf(properties.get("ServiceToken"));
                String functionId = token.substring(token.lastIndexOf(':') + 1);
                CloudFormationCustomResourceEvent event = new CloudFormationCustomResourceEvent();
                event.setRequestType("Create");
                event.setResourceType(String.valueOf(resource.get("Type")));
                event.setLogicalResourceId(id);
                event.setRequestId(UUID.randomUUID().toString());
                event.setStackId("arn:aws:cloudformation:" + REGION + ":" + ACCOUNT + ":stack/local/0");
                event.setResponseUrl("http://127.0.0.1:" + responses.getAddress().getPort() + "/" + id);
                event.setResourceProperties(properties);
                invoke(functionId, event);
                String answer = answers.getOrDefault(id, "");
                if (!answer.contains("\"SUCCESS\"")) {
                    throw new IllegalStateException("Custom resource " + id + " did not succeed: " + answer);
                }
            });
        } finally {
            responses.stop(0);
        }
    }

    // ---- intrinsic function values ------------------------------------------------------------------

    private String ref(String name) {
        switch (name) {
            case "AWS::Region":
                return REGION;
            case "AWS::AccountId":
                return ACCOUNT;
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::Partition":
                return "aws";
            case "AWS::StackName":
                return "local";
            default:
                break;
        }
        if (refs.containsKey(name)) {
            return refs.get(name);
        }
        Map<String, Object> parameter = map(template.parameters().get(name));
        if (template.parameters().containsKey(name)) {
            String value = options.parameters().get(name);
            if (value == null && parameter.get("Default") != null) {
                value = String.valueOf(parameter.get("Default"));
            }
            if (value == null) {
                throw new IllegalStateException("Parameter " + name + " has no default: give it a value");
            }
            return value;
        }
        throw new IllegalStateException("Nothing named " + name + " has been created yet");
    }

    private String getAtt(String resource, String attribute) {
        String value = attributes.get(resource + "." + attribute);
        if (value == null) {
            throw new IllegalStateException("No attribute " + resource + "." + attribute + " in the local deployment");
        }
        return value;
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
