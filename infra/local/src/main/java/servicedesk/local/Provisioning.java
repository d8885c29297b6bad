package servicedesk.local;

import static servicedesk.local.CloudFormationTemplate.map;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import servicedesk.format.Json;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * template.yaml's resources created on the emulators: tables and their streams in DynamoDB Local (emptied
 * first); queues, topics, subscriptions and secrets in moto. Knows what each logical id became, so
 * {@code Ref} and {@code Fn::GetAtt} resolve ({@link #intrinsics()}).
 */
final class Provisioning {
    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";

    private final CloudFormationTemplate template;
    private final LocalDeployment.Options options;
    private final Intrinsics intrinsics;
    private final Map<String, String> refs = new HashMap<>();
    private final Map<String, String> attributes = new HashMap<>();
    private final Map<String, String> queueUrlsByArn = new HashMap<>();

    Provisioning(CloudFormationTemplate template, LocalDeployment.Options options) {
        this.template = template;
        this.options = options;
        this.intrinsics = new Intrinsics(this::ref, this::getAtt, template.conditions());
    }

    void provision(DynamoDbClient dynamo, SqsClient sqs, SnsClient sns, SecretsManagerClient secrets,
                   CognitoIdentityProviderClient cognito) {
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
                subscribe(sns, properties(resource));
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
        template.resourcesOfType("AWS::Serverless::HttpApi").forEach((id, resource) -> refs.put(id, "local-" + id));
        template.resourcesOfType("AWS::Serverless::Function").keySet().forEach(id -> {
            refs.put(id, id);
            attributes.put(id + ".Arn", "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + id);
        });
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

    String queueUrlOfArn(String arn) {
        return queueUrlsByArn.get(arn);
    }

    private String getAtt(String resource, String attribute) {
        String value = attributes.get(resource + "." + attribute);
        if (value == null) {
            throw new IllegalStateException("No attribute " + resource + "." + attribute + " in the local deployment");
        }
        return value;
    }

    private boolean included(Map<String, Object> resource) {
        Object condition = resource.get("Condition");
        return condition == null || intrinsics.condition((String) condition);
    }

    static Map<String, Object> properties(Map<String, Object> resource) {
        return map(resource.get("Properties"));
    }

    private void createQueue(SqsClient sqs, String id) {
        String url = sqs.createQueue(create -> create.queueName(id)).queueUrl();
        String arn = "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + id;
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

    private void subscribe(SnsClient sns, Map<String, Object> properties) {
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
