package servicedesk.local;

import static servicedesk.local.CloudFormationTemplate.map;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import servicedesk.format.Json;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * template.yaml's resources created on an emulator, one of two ways: on moto and DynamoDB Local, each type the
 * local run uses is created through the SDK ({@link #createEach}); on LocalStack, everything the emulator serves is
 * deployed as one stack by its CloudFormation ({@link #deployStack}). Either way the functions, their HTTP API and
 * custom resources are hosted here, not created. Knows what each logical id became, so {@code Ref} and
 * {@code Fn::GetAtt} resolve ({@link #intrinsics()}), and what was not created, and why ({@link #notCreated()}).
 */
final class Provisioning {
    static final String REGION = "us-east-1";

    private final CloudFormationTemplate template;
    private final LocalDeployment.Options options;
    private final String account;
    private final Intrinsics intrinsics;
    private String stackName = "local";
    private final Map<String, String> refs = new HashMap<>();
    private final Map<String, String> attributes = new HashMap<>();
    private final Map<String, String> queueUrlsByArn = new HashMap<>();
    private final Map<String, String> notCreated = new LinkedHashMap<>();
    private List<StackResource> stackResources = List.of();

    Provisioning(CloudFormationTemplate template, LocalDeployment.Options options, String account) {
        this.template = template;
        this.options = options;
        this.account = account;
        this.intrinsics = new Intrinsics(this::ref, this::getAtt, template.conditions());
    }

    /** moto and DynamoDB Local: tables (all others dropped first), queues, topics, subscriptions, secrets, user pools. */
    void createEach(DynamoDbClient dynamo, SqsClient sqs, SnsClient sns, SecretsManagerClient secrets,
                    CognitoIdentityProviderClient cognito) {
        hostHere();
        dynamo.listTablesPaginator().tableNames().forEach(table -> dynamo.deleteTable(delete -> delete.tableName(table)));
        template.resourcesOfType("AWS::DynamoDB::Table").forEach((id, resource) -> {
            var created = Tables.create(dynamo, id, properties(resource));
            refs.put(id, id);
            attributes.put(id + ".Arn", created.tableArn());
            if (created.latestStreamArn() != null) {
                attributes.put(id + ".StreamArn", created.latestStreamArn());
            }
        });
        var queues = template.resourcesOfType("AWS::SQS::Queue");
        queues.forEach((id, resource) -> createQueue(sqs, id));
        queues.forEach((id, resource) -> configureQueue(sqs, id, properties(resource)));
        template.resourcesOfType("AWS::SNS::Topic").forEach((id, resource) -> {
            refs.put(id, sns.createTopic(create -> create.name(id)).topicArn());
            attributes.put(id + ".TopicName", id);
        });
        template.resourcesOfType("AWS::SNS::Subscription").forEach((id, resource) -> {
            if (included(resource)) {
                refs.put(id, subscribe(sns, properties(resource)));
            }
        });
        template.resourcesOfType("AWS::SecretsManager::Secret").forEach((id, resource) -> createSecret(secrets, id, properties(resource)));
        template.resourcesOfType("AWS::Cognito::UserPool").forEach((id, resource) -> createUserPool(cognito, id, properties(resource)));
        template.resourcesOfType("AWS::Cognito::UserPoolClient").forEach((id, resource) -> createUserPoolClient(cognito, id, properties(resource)));
        template.resourcesOfType("AWS::Cognito::UserPoolGroup").forEach((id, resource) -> {
            Map<String, Object> group = properties(resource);
            cognito.createGroup(create -> create.userPoolId(intrinsics.string(group.get("UserPoolId")))
                    .groupName(intrinsics.string(group.get("GroupName"))).description(intrinsics.string(group.get("Description"))));
            refs.put(id, intrinsics.string(group.get("GroupName")));
        });
        // What this interpreter does not create (alarms, roles, log groups, queue policies): nothing local uses them.
        template.resources().forEach((id, resource) -> {
            String type = type(resource);
            if (!refs.containsKey(id) && !hostedHere(type) && included(map(resource))) {
                notCreated.put(id, type + ": not created on moto (the local run has no use for it)");
            }
        });
    }

    /**
     * LocalStack: every resource whose service it serves, as the stack {@code name} of its CloudFormation engine; then
     * each secret gets its value, as an operator puts it after deploying.
     */
    void deployStack(CloudFormationClient cloudFormation, S3Client s3, SecretsManagerClient secrets, String name,
                     Predicate<String> serves) {
        this.stackName = name;
        hostHere();
        Set<String> inStack = new LinkedHashSet<>();
        template.resources().forEach((id, resource) -> {
            String type = type(resource);
            if (hostedHere(type)) {
                return;
            }
            if (serves.test(service(type))) {
                inStack.add(id);
            } else {
                notCreated.put(id, type + ": this LocalStack does not serve " + service(type)
                        + " (LocalStack's free edition has no " + service(type) + ")");
            }
        });
        var created = new CloudFormationStack(template, inStack, this::ref, this::getAtt)
                .deploy(cloudFormation, s3, name, options.parameters(), template.parameters().keySet());
        refs.putAll(created.refs());
        attributes.putAll(created.attributes());
        notCreated.putAll(created.pretended());
        stackResources = created.resources().stream()
                .filter(resource -> !created.pretended().containsKey(resource.logicalResourceId())).toList();
        template.resourcesOfType("AWS::SQS::Queue").keySet().forEach(id -> {
            if (attributes.containsKey(id + ".Arn")) {
                queueUrlsByArn.put(attributes.get(id + ".Arn"), refs.get(id));
            }
        });
        options.secretValues().forEach((id, value) -> {
            if (inStack.contains(id)) {
                secrets.putSecretValue(put -> put.secretId(refs.get(id)).secretString(value));
            }
        });
    }

    /** The functions and their HTTP API run in this JVM: their names and ARNs are the local run's. */
    private void hostHere() {
        template.resourcesOfType("AWS::Serverless::HttpApi").forEach((id, resource) -> refs.put(id, "local-" + id));
        template.resourcesOfType("AWS::Serverless::Function").keySet().forEach(id -> {
            refs.put(id, id);
            attributes.put(id + ".Arn", "arn:aws:lambda:" + REGION + ":" + account + ":function:" + id);
        });
    }

    /** Functions, their API and custom resources: hosted and run by the local run, whatever the emulator. */
    static boolean hostedHere(String type) {
        return type.startsWith("AWS::Serverless::") || type.startsWith("Custom::") || type.equals("AWS::CloudFormation::CustomResource");
    }

    /** The API a resource type belongs to, as LocalStack's health check names it ("AWS::Cognito::UserPool" → "cognito-idp"). */
    static String service(String type) {
        String namespace = type.split("::")[1];
        return switch (namespace) {
            case "Cognito" -> "cognito-idp";
            case "ApiGateway", "ApiGatewayV2" -> "apigateway";
            default -> namespace.toLowerCase(Locale.ROOT);
        };
    }

    /** Resources not created on this emulator, by logical id, each with its type and why. */
    Map<String, String> notCreated() {
        return notCreated;
    }

    /** What the CloudFormation stack created (empty on moto). */
    List<StackResource> stackResources() {
        return stackResources;
    }

    String account() {
        return account;
    }

    Intrinsics intrinsics() {
        return intrinsics;
    }

    /** What {@code Ref} gives for a resource: a queue's URL, a table's or topic's name, a topic's ARN. */
    String ref(String name) {
        switch (name) {
            case "AWS::Region":
                return REGION;
            case "AWS::AccountId":
                return account;
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::Partition":
                return "aws";
            case "AWS::StackName":
                return stackName;
            default:
                break;
        }
        if (refs.containsKey(name)) {
            return refs.get(name);
        }
        if (notCreated.containsKey(name)) {
            return "not-created-" + name;
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

    String queueUrlOfArn(String arn) {
        return queueUrlsByArn.get(arn);
    }

    private String getAtt(String resource, String attribute) {
        String value = attributes.get(resource + "." + attribute);
        if (value == null && notCreated.containsKey(resource)) {
            return attribute.equals("Arn") ? "arn:aws:" + service(type(template.resources().get(resource))) + ":" + REGION + ":" + account
                    + ":not-created/" + resource : "not-created-" + resource + "-" + attribute;
        }
        if (value == null) {
            throw new IllegalStateException("No attribute " + resource + "." + attribute + " in the local deployment");
        }
        return value;
    }

    private boolean included(Map<String, Object> resource) {
        Object condition = resource.get("Condition");
        return condition == null || intrinsics.condition((String) condition);
    }

    private static String type(Object resource) {
        return String.valueOf(map(resource).get("Type"));
    }

    static Map<String, Object> properties(Map<String, Object> resource) {
        return map(resource.get("Properties"));
    }

    private void createQueue(SqsClient sqs, String id) {
        String url = sqs.createQueue(create -> create.queueName(id)).queueUrl();
        String arn = "arn:aws:sqs:" + REGION + ":" + account + ":" + id;
        refs.put(id, url);
        attributes.put(id + ".Arn", arn);
        attributes.put(id + ".QueueName", id);
        queueUrlsByArn.put(arn, url);
    }

    /** Queue attributes are set once every queue exists, so redrive policies can name their dead-letter queue. */
    private void configureQueue(SqsClient sqs, String id, Map<String, Object> properties) {
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

    private String subscribe(SnsClient sns, Map<String, Object> properties) {
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
        return sns.subscribe(subscribe -> subscribe.topicArn(topic).protocol(protocol).endpoint(target)
                .attributes(subscriptionAttributes).returnSubscriptionArn(true)).subscriptionArn();
    }

    private void createSecret(SecretsManagerClient secrets, String id, Map<String, Object> properties) {
        String value = options.secretValues().get(id);
        if (value == null) {
            Object generated = map(properties.get("GenerateSecretString")).get("SecretStringTemplate");
            value = generated != null ? intrinsics.string(generated) : intrinsics.string(properties.get("SecretString"));
        }
        String secretValue = value == null ? "{}" : value;
        refs.put(id, secrets.createSecret(create -> create.name(id).secretString(secretValue)).arn());
    }

    /** The pool with the template's sign-up and password rules; moto serves its tokens and its JWKS. */
    private void createUserPool(CognitoIdentityProviderClient cognito, String id, Map<String, Object> properties) {
        Map<String, Object> password = map(map(properties.get("Policies")).get("PasswordPolicy"));
        var pool = cognito.createUserPool(create -> create.poolName(intrinsics.string(properties.get("UserPoolName")))
                .adminCreateUserConfig(admin -> admin.allowAdminCreateUserOnly(
                        Boolean.TRUE.equals(map(properties.get("AdminCreateUserConfig")).get("AllowAdminCreateUserOnly"))))
                .policies(policies -> policies.passwordPolicy(policy -> policy
                        .minimumLength(Integer.valueOf(String.valueOf(password.getOrDefault("MinimumLength", 8))))
                        .requireLowercase(Boolean.TRUE.equals(password.get("RequireLowercase")))
                        .requireUppercase(Boolean.TRUE.equals(password.get("RequireUppercase")))
                        .requireNumbers(Boolean.TRUE.equals(password.get("RequireNumbers")))
                        .requireSymbols(Boolean.TRUE.equals(password.get("RequireSymbols")))))).userPool();
        refs.put(id, pool.id());
        attributes.put(id + ".Arn", pool.arn());
        attributes.put(id + ".ProviderName", "cognito-idp." + REGION + ".amazonaws.com/" + pool.id());
        attributes.put(id + ".ProviderURL", "https://cognito-idp." + REGION + ".amazonaws.com/" + pool.id());
    }

    private void createUserPoolClient(CognitoIdentityProviderClient cognito, String id, Map<String, Object> properties) {
        var client = cognito.createUserPoolClient(create -> create
                .userPoolId(intrinsics.string(properties.get("UserPoolId")))
                .clientName(intrinsics.string(properties.get("ClientName")))
                .generateSecret(Boolean.TRUE.equals(properties.get("GenerateSecret")))
                .explicitAuthFlows(CloudFormationTemplate.list(properties.get("ExplicitAuthFlows")).stream()
                        .map(flow -> ExplicitAuthFlowsType.fromValue(String.valueOf(flow))).toList())).userPoolClient();
        refs.put(id, client.clientId());
    }

    static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
