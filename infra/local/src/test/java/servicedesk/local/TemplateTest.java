package servicedesk.local;

import static org.assertj.core.api.Assertions.assertThat;
import static servicedesk.local.CloudFormationTemplate.list;
import static servicedesk.local.CloudFormationTemplate.map;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import servicedesk.dynamo.ClaimItems;
import servicedesk.dynamo.DeskTable;
import servicedesk.dynamo.DynamoSendingState;
import servicedesk.dynamo.IncidentItems;
import servicedesk.dynamo.OutageItems;
import servicedesk.dynamo.OutboxItems;

/** What a reviewer checks in template.yaml, checked on every build. */
class TemplateTest {
    private static final Path ROOT = ProjectRoot.find();
    /** Actions that IAM cannot scope to a resource: the only ones a statement may grant on "*". */
    private static final Set<String> NO_RESOURCE_LEVEL = Set.of("dynamodb:ListStreams");
    private static final Pattern SUB_REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9]+)(?:\\.[A-Za-z]+)?}");

    private final CloudFormationTemplate template = CloudFormationTemplate.read(ROOT.resolve("template.yaml"));

    private Map<String, Map<String, Object>> functions() {
        return template.resourcesOfType("AWS::Serverless::Function");
    }

    private static Map<String, Object> properties(Map<String, Object> resource) {
        return map(resource.get("Properties"));
    }

    private static String logicalIdIn(Object getAtt) {
        return (String) list(map(getAtt).get("Fn::GetAtt")).get(0);
    }

    /** The logical id a Ref, a GetAtt or a Sub of "${Resource.Attribute}/…" points at; "*" for a wildcard. */
    private static String target(Object value) {
        if (value instanceof String text) {
            return text;
        }
        Map<String, Object> intrinsic = map(value);
        if (intrinsic.containsKey("Ref")) {
            return (String) intrinsic.get("Ref");
        }
        if (intrinsic.containsKey("Fn::GetAtt")) {
            return logicalIdIn(value);
        }
        if (intrinsic.get("Fn::Sub") instanceof String sub) {
            Matcher matcher = SUB_REFERENCE.matcher(sub);
            if (matcher.find() && !matcher.group(1).startsWith("AWS")) {
                return matcher.group(1);
            }
        }
        return String.valueOf(value);
    }

    private static List<String> strings(Object oneOrMany) {
        List<String> values = new ArrayList<>();
        if (oneOrMany instanceof List<?> many) {
            many.forEach(item -> values.add(String.valueOf(item)));
        } else if (oneOrMany != null) {
            values.add(String.valueOf(oneOrMany));
        }
        return values;
    }

    private static List<Object> resourcesOf(Map<String, Object> statement) {
        Object resource = statement.get("Resource");
        return resource instanceof List<?> many ? new ArrayList<>(many) : List.of(resource);
    }

    private String roleOf(String function) {
        return logicalIdIn(properties(functions().get(function)).get("Role"));
    }

    private List<Map<String, Object>> statementsOf(String function) {
        Map<String, Object> role = template.resourcesOfType("AWS::IAM::Role").get(roleOf(function));
        assertThat(role).as(function + "'s role").isNotNull();
        List<Map<String, Object>> statements = new ArrayList<>();
        list(properties(role).get("Policies")).forEach(policy ->
                list(map(map(policy).get("PolicyDocument")).get("Statement")).forEach(statement -> statements.add(map(statement))));
        return statements;
    }

    /** Every action the function's role allows on the resource (a table's indexes count as the table). */
    private Set<String> allowed(String function, String resource) {
        Set<String> actions = new HashSet<>();
        for (Map<String, Object> statement : statementsOf(function)) {
            if (resourcesOf(statement).stream().anyMatch(item -> target(item).equals(resource))) {
                actions.addAll(strings(statement.get("Action")));
            }
        }
        return actions;
    }

    /** A metric an alarm watches: namespace, metric name and the logical ids its dimensions point at. */
    private record Watched(String alarm, String namespace, String metric, Map<String, String> dimensions) {
    }

    private List<Watched> watched() {
        List<Watched> all = new ArrayList<>();
        template.resourcesOfType("AWS::CloudWatch::Alarm").forEach((name, alarm) -> {
            Map<String, Object> properties = properties(alarm);
            if (properties.containsKey("MetricName")) {
                all.add(new Watched(name, (String) properties.get("Namespace"), (String) properties.get("MetricName"),
                        dimensions(properties.get("Dimensions"))));
            }
            list(properties.get("Metrics")).forEach(query -> {
                Map<String, Object> metric = map(map(map(query).get("MetricStat")).get("Metric"));
                if (!metric.isEmpty()) {
                    all.add(new Watched(name, (String) metric.get("Namespace"), (String) metric.get("MetricName"),
                            dimensions(metric.get("Dimensions"))));
                }
            });
        });
        return all;
    }

    private static Map<String, String> dimensions(Object dimensions) {
        Map<String, String> byName = new LinkedHashMap<>();
        list(dimensions).forEach(dimension -> byName.put((String) map(dimension).get("Name"), target(map(dimension).get("Value"))));
        return byName;
    }

    private boolean isWatched(String namespace, String metric, String dimension, String logicalId) {
        return watched().stream().anyMatch(watch -> watch.namespace().equals(namespace) && watch.metric().equals(metric)
                && logicalId.equals(watch.dimensions().get(dimension)));
    }

    /** Queues that only hold what failed: redrive targets, stream and async on-failure destinations. */
    private Set<String> parkingQueues() {
        Set<String> parking = new HashSet<>();
        template.resourcesOfType("AWS::SQS::Queue").values().forEach(queue -> {
            Map<String, Object> redrive = map(properties(queue).get("RedrivePolicy"));
            if (!redrive.isEmpty()) {
                parking.add(target(redrive.get("deadLetterTargetArn")));
            }
        });
        functions().values().forEach(function -> {
            Object invokeFailure = map(map(map(properties(function).get("EventInvokeConfig")).get("DestinationConfig")).get("OnFailure")).get("Destination");
            if (invokeFailure != null) {
                parking.add(target(invokeFailure));
            }
            map(properties(function).get("Events")).values().forEach(event -> {
                Object failure = map(map(properties(map(event)).get("DestinationConfig")).get("OnFailure")).get("Destination");
                if (failure != null) {
                    parking.add(target(failure));
                }
            });
        });
        return parking;
    }

    @Test
    void everyConsumedQueueRetriesThenParksOnAnAlarmedDeadLetterQueue() {
        functions().forEach((name, function) -> map(properties(function).get("Events")).forEach((eventName, event) -> {
            Map<String, Object> source = properties(map(event));
            if ("SQS".equals(map(event).get("Type"))) {
                String queue = logicalIdIn(source.get("Queue"));
                Map<String, Object> redrive = map(properties(template.resourcesOfType("AWS::SQS::Queue").get(queue)).get("RedrivePolicy"));
                assertThat(redrive).as(queue + " redrive policy").containsKey("deadLetterTargetArn");
                assertThat(isWatched("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", logicalIdIn(redrive.get("deadLetterTargetArn"))))
                        .as("alarm on the dead-letter queue of " + queue).isTrue();
                assertThat(list(source.get("FunctionResponseTypes"))).as(name + " partial batch failures")
                        .contains("ReportBatchItemFailures");
            }
            if ("DynamoDB".equals(map(event).get("Type"))) {
                assertThat(source).containsEntry("BisectBatchOnFunctionError", true).containsKey("MaximumRetryAttempts");
                String onFailure = logicalIdIn(map(map(source.get("DestinationConfig")).get("OnFailure")).get("Destination"));
                assertThat(isWatched("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", onFailure))
                        .as("alarm on the stream's on-failure queue").isTrue();
            }
        }));
    }

    @Test
    void theAdminApiIsIamAuthorisedAndOnlyTheWebhookStatusPageAndConsoleHaveNoAuthorizer() {
        functions().forEach((name, function) -> map(properties(function).get("Events")).values().forEach(event -> {
            if (!"HttpApi".equals(map(event).get("Type"))) {
                return;
            }
            Map<String, Object> route = properties(map(event));
            Object authorizer = map(route.get("Auth")).get("Authorizer");
            if (name.equals("WebhookFunction") || name.equals("StatusFunction")) {
                assertThat(authorizer).as(route.get("Path") + " is public").isNull();
            } else if (name.equals("ConsoleFunction")) {
                // Browser navigations carry the agent's token in a cookie, which no API authorizer reads: the
                // function verifies it on every request (ConsoleSiteTest, ConsoleEnd2EndTest).
                assertThat(authorizer).as(route.get("Path") + " is verified by the console").isNull();
                assertThat(String.valueOf(route.get("Path"))).startsWith("/console");
            } else {
                assertThat(authorizer).as(route.get("Path") + " needs IAM").isEqualTo("AWS_IAM");
            }
        }));
    }

    @Test
    void noSecretIsInTheTemplate() throws Exception {
        template.resourcesOfType("AWS::SecretsManager::Secret").values().forEach(secret ->
                assertThat(properties(secret)).doesNotContainKey("SecretString"));
        template.parameters().forEach((name, parameter) -> {
            if (name.toLowerCase().matches(".*(secret|token|password|key).*")) {
                assertThat(map(parameter)).as(name).doesNotContainKey("Default");
            }
        });
        assertThat(Files.readString(ROOT.resolve("template.yaml"))).doesNotContainPattern("(?i)(consumer|access)[_ ]?(secret|token)\\s*[:=]\\s*['\"]?[A-Za-z0-9]{16,}");
    }

    @Test
    void everyFunctionCanBeBuiltAndHostedFromItsHandlerAndMakefileTarget() throws Exception {
        String makefile = Files.readString(ROOT.resolve("Makefile"));
        Set<String> handlerClasses = new HashSet<>();
        for (var function : functions().entrySet()) {
            assertThat(makefile).as("Makefile target for " + function.getKey()).contains(function.getKey());
            String handler = (String) properties(function.getValue()).get("Handler");
            assertThat(handler).as(function.getKey() + " handler").matches("servicedesk\\.lambda\\.\\w+Handler::handleRequest");
            Class<?> type = Class.forName(Handlers.classOf(handler));
            assertThat(RequestHandler.class).as(handler + " is a Lambda RequestHandler").isAssignableFrom(type);
            assertThat(Arrays.stream(type.getConstructors()).map(Constructor::getParameterCount))
                    .as(handler + " has a public no-argument constructor for Lambda").contains(0);
            handlerClasses.add(type.getName());
        }
        assertThat(Handlers.BY_CLASS.keySet()).as("the local host builds exactly the template's handlers")
                .containsExactlyInAnyOrderElementsOf(handlerClasses);
    }

    @Test
    void announcementsReachEmailAndSmsSubscribersWhenTheirParametersAreSet() {
        var subscriptions = template.resourcesOfType("AWS::SNS::Subscription");
        assertThat(subscriptions.get("AnnouncementEmailSubscription")).containsEntry("Condition", "HasAnnouncementEmail");
        assertThat(properties(subscriptions.get("AnnouncementEmailSubscription"))).containsEntry("Protocol", "email");
        assertThat(properties(subscriptions.get("AnnouncementSmsSubscription"))).containsEntry("Protocol", "sms");
        assertThat(properties(subscriptions.get("AffectedReportersSubscription")).get("FilterPolicy").toString())
                .contains("OUTAGE", "RESOLVED");
    }

    // ---- least privilege -------------------------------------------------------------------------------

    @Test
    void everyFunctionHasItsOwnRoleAndNoStatementGrantsEverything() {
        Set<String> roles = new HashSet<>();
        functions().forEach((name, function) -> {
            assertThat(properties(function)).as(name + ": no SAM policy templates (they grant * and too much)")
                    .doesNotContainKey("Policies");
            assertThat(roles.add(roleOf(name))).as(name + " has a role of its own").isTrue();
            Map<String, Object> role = properties(template.resourcesOfType("AWS::IAM::Role").get(roleOf(name)));
            assertThat(role).as(name + ": no managed policies (the Lambda execution roles grant logs on *)")
                    .doesNotContainKeys("ManagedPolicyArns", "PermissionsBoundary");
            assertThat(map(list(map(role.get("AssumeRolePolicyDocument")).get("Statement")).get(0)).get("Principal"))
                    .isEqualTo(Map.of("Service", "lambda.amazonaws.com"));
            for (Map<String, Object> statement : statementsOf(name)) {
                assertThat(statement).as(name + " statement").containsEntry("Effect", "Allow").containsKey("Sid");
                List<String> actions = strings(statement.get("Action"));
                assertThat(actions).as(name + " " + statement.get("Sid") + ": named actions").allMatch(action -> !action.contains("*"));
                if (resourcesOf(statement).contains("*")) {
                    assertThat(actions).as(name + " " + statement.get("Sid") + " on \"*\": only actions without resource-level permissions")
                            .allMatch(NO_RESOURCE_LEVEL::contains);
                }
            }
        });
        assertThat(template.resourcesOfType("AWS::IAM::Role").keySet()).as("no role without a function").isEqualTo(roles);
    }

    /** The roles and the wiring agree: what a function is given (queues, topics, tables, the secret) it may use, and only that. */
    @Test
    void everyRoleAllowsWhatItsFunctionIsWiredToAndNoOtherQueueTopicOrSecret() {
        var queues = template.resourcesOfType("AWS::SQS::Queue").keySet();
        var topics = template.resourcesOfType("AWS::SNS::Topic").keySet();
        var secrets = template.resourcesOfType("AWS::SecretsManager::Secret").keySet();
        var tables = template.resourcesOfType("AWS::DynamoDB::Table").keySet();
        functions().forEach((name, function) -> {
            Set<String> sendsTo = new HashSet<>();
            Set<String> publishesTo = new HashSet<>();
            Set<String> reads = new HashSet<>();
            Map<String, Object> properties = properties(function);
            map(map(properties.get("Environment")).get("Variables")).values().forEach(value -> {
                String target = target(value);
                if (queues.contains(target)) {
                    sendsTo.add(target);
                } else if (topics.contains(target)) {
                    publishesTo.add(target);
                } else if (secrets.contains(target)) {
                    reads.add(target);
                } else if (tables.contains(target)) {
                    assertThat(allowed(name, target)).as(name + " may use " + target).isNotEmpty();
                }
            });
            Object invokeFailure = map(map(map(properties.get("EventInvokeConfig")).get("DestinationConfig")).get("OnFailure")).get("Destination");
            if (invokeFailure != null) {
                sendsTo.add(target(invokeFailure));
            }
            map(properties.get("Events")).values().forEach(definition -> {
                Map<String, Object> event = map(definition);
                Map<String, Object> source = properties(event);
                switch (String.valueOf(event.get("Type"))) {
                    case "SQS" -> assertThat(allowed(name, target(source.get("Queue")))).as(name + " consumes its queue")
                            .contains("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes");
                    case "DynamoDB" -> {
                        assertThat(allowed(name, target(source.get("Stream")))).as(name + " reads its stream")
                                .contains("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator");
                        sendsTo.add(target(map(map(source.get("DestinationConfig")).get("OnFailure")).get("Destination")));
                    }
                    default -> {
                    }
                }
            });
            for (Map<String, Object> statement : statementsOf(name)) {
                List<String> actions = strings(statement.get("Action"));
                for (Object resource : resourcesOf(statement)) {
                    String target = target(resource);
                    if (actions.contains("sqs:SendMessage")) {
                        assertThat(sendsTo).as(name + " sends only to the queues it is given").contains(target);
                    }
                    if (actions.contains("sns:Publish")) {
                        assertThat(publishesTo).as(name + " publishes only to the topics it is given").contains(target);
                    }
                    if (actions.contains("secretsmanager:GetSecretValue")) {
                        assertThat(reads).as(name + " reads only the secret it is given").contains(target);
                    }
                }
            }
            sendsTo.forEach(queue -> assertThat(allowed(name, queue)).as(name + " sends to " + queue).contains("sqs:SendMessage"));
            publishesTo.forEach(topic -> assertThat(allowed(name, topic)).as(name + " publishes to " + topic).contains("sns:Publish"));
            reads.forEach(secret -> assertThat(allowed(name, secret)).as(name + " reads " + secret).contains("secretsmanager:GetSecretValue"));
        });
    }

    @Test
    void noFunctionScansTheDeskTableAndDeletesOnlyTheItemsItMust() {
        functions().keySet().forEach(name -> statementsOf(name).forEach(statement -> {
            List<String> actions = strings(statement.get("Action"));
            boolean onDeskTable = resourcesOf(statement).stream().anyMatch(resource -> target(resource).equals("IncidentsTable"));
            if (!onDeskTable) {
                return;
            }
            assertThat(actions).as(name + " on the desk table").doesNotContain("dynamodb:Scan", "dynamodb:BatchWriteItem",
                    "dynamodb:BatchGetItem", "dynamodb:PartiQLSelect", "dynamodb:PartiQLDelete");
            if (actions.contains("dynamodb:DeleteItem")) {
                assertThat(actions).as(name + ": deletes in a statement of their own").containsExactly("dynamodb:DeleteItem");
                assertThat(leadingKeys(statement)).as(name + ": deletes limited to item kinds").isNotEmpty()
                        .allMatch(key -> key.startsWith("BLOCKED#") || key.startsWith("ACTIVE#")
                                || key.startsWith("PLAN#") || key.equals("SENDING"));
            }
        }));
    }

    private static List<String> leadingKeys(Map<String, Object> statement) {
        return strings(map(map(statement.get("Condition")).get("ForAllValues:StringLike")).get("dynamodb:LeadingKeys"));
    }

    private static boolean glob(String pattern, String value) {
        return value.matches(Pattern.quote(pattern).replace("*", "\\E.*\\Q"));
    }

    /**
     * The public status page reads outages and announcements only: every statement on the desk table or
     * its indexes is held by dynamodb:LeadingKeys to those partitions, which the table's layout keeps apart
     * from incidents, their timelines (private notes), claims, the outbox (DM text) and blocks.
     */
    @Test
    void theStatusPageCannotReadReportersPersonalData() {
        Set<String> readOnly = Set.of("dynamodb:Query", "dynamodb:Scan", "dynamodb:GetItem");
        List<String> publicPartitions = new ArrayList<>();
        for (Map<String, Object> statement : statementsOf("StatusFunction")) {
            List<String> actions = strings(statement.get("Action"));
            if (actions.stream().allMatch(action -> action.startsWith("logs:"))) {
                continue;
            }
            assertThat(actions).as("status page: reads only").allMatch(readOnly::contains);
            for (Object resource : resourcesOf(statement)) {
                String target = target(resource);
                if (target.equals("IncidentsTable")) {
                    assertThat(actions).as("status page on the desk table").doesNotContain("dynamodb:Scan");
                    assertThat(leadingKeys(statement)).as(statement.get("Sid") + ": held to public partitions").isNotEmpty();
                    publicPartitions.addAll(leadingKeys(statement));
                } else {
                    assertThat(target).as("status page reads only the desk table and the catalog").isEqualTo("ServicesTable");
                }
            }
        }
        // What those partitions are in the code's own layout: outages and announcements, never anything personal.
        List<String> allowedValues = List.of(OutageItems.key("OUT0000001").get(DeskTable.PK).s(),
                DeskTable.TYPE_OUTAGE, DeskTable.TYPE_ANNOUNCEMENT, DynamoSendingState.SURGE);
        List<String> privateValues = List.of(IncidentItems.key("INC0000001").get(DeskTable.PK).s(),
                ClaimItems.key("tweet:1").get(DeskTable.PK).s(), OutboxItems.key("opened:1").get(DeskTable.PK).s(),
                "BLOCKED#1", "UNSOLICITED#1#2030-01-01", "COUNTER", "PLAN#DIRECT_MESSAGES", "SENDING", "SPEND", DeskTable.TYPE_INCIDENT,
                DeskTable.TYPE_TIMELINE, DeskTable.TYPE_CLAIM, DeskTable.TYPE_OUTBOX, DeskTable.TYPE_ESCALATION, DeskTable.TYPE_ALERT);
        assertThat(publicPartitions).allMatch(pattern -> allowedValues.stream().anyMatch(value -> glob(pattern, value)));
        allowedValues.forEach(value -> assertThat(publicPartitions).as(value + " is readable").anyMatch(pattern -> glob(pattern, value)));
        privateValues.forEach(value -> assertThat(publicPartitions).as(value + " is not readable").noneMatch(pattern -> glob(pattern, value)));
        // The index the status page lists is keyed by the item type.
        Map<String, Object> byType = list(properties(template.resourcesOfType("AWS::DynamoDB::Table").get("IncidentsTable"))
                .get("GlobalSecondaryIndexes")).stream().map(CloudFormationTemplate::map)
                .filter(index -> "ByType".equals(index.get("IndexName"))).findFirst().orElseThrow();
        assertThat(map(list(byType.get("KeySchema")).get(0)).get("AttributeName")).isEqualTo(DeskTable.TYPE);
    }

    // ---- load -----------------------------------------------------------------------------------------------

    @Test
    void aFloodCannotStarveTheDeskOrTheAccount() {
        Map<String, Object> api = properties(template.resourcesOfType("AWS::Serverless::HttpApi").get("DeskApi"));
        Map<String, Object> throttle = map(api.get("DefaultRouteSettings"));
        assertThat(target(throttle.get("ThrottlingRateLimit"))).isEqualTo("ApiThrottlingRateLimit");
        assertThat(target(throttle.get("ThrottlingBurstLimit"))).isEqualTo("ApiThrottlingBurstLimit");
        assertThat(map(template.parameters().get("ApiThrottlingRateLimit"))).containsKey("Default");
        for (String name : List.of("WebhookFunction", "StatusFunction")) {
            Object reserved = properties(functions().get(name)).get("ReservedConcurrentExecutions");
            assertThat(reserved).as(name + " reserved concurrency").isNotNull();
            assertThat(reserved.toString()).contains(name.replace("Function", "") + "ReservedConcurrency");
        }
        functions().forEach((name, function) -> map(properties(function).get("Events")).values().forEach(event -> {
            if ("SQS".equals(map(event).get("Type"))) {
                assertThat(map(properties(map(event)).get("ScalingConfig"))).as(name + " maximum concurrency")
                        .containsKey("MaximumConcurrency");
            }
        }));
        Map<String, Object> processorSource = properties(map(map(properties(functions().get("ProcessorFunction")).get("Events")).get("WebhookEvents")));
        assertThat(target(map(processorSource.get("ScalingConfig")).get("MaximumConcurrency"))).isEqualTo("ProcessorMaximumConcurrency");
    }

    // ---- operations ---------------------------------------------------------------------------------------

    @Test
    void everyFunctionLogsToItsOwnGroupWithARetention() {
        var groups = template.resourcesOfType("AWS::Logs::LogGroup");
        groups.forEach((name, group) -> assertThat(target(properties(group).get("RetentionInDays")))
                .as(name + " retention").isEqualTo("LogRetentionDays"));
        functions().forEach((name, function) -> {
            Map<String, Object> properties = properties(function);
            String group = target(map(properties.get("LoggingConfig")).get("LogGroup"));
            assertThat(groups).as(name + " log group").containsKey(group);
            String logGroupName = (String) map(properties(groups.get(group)).get("LogGroupName")).get("Fn::Sub");
            assertThat(logGroupName).as(name + " log group name").startsWith("/aws/lambda/${AWS::StackName}-");
            if (backsACustomResource(name)) {
                // A custom resource's ServiceToken cannot change on a deployed stack: no rename for its function.
                assertThat(properties).as(name + " keeps its generated name").doesNotContainKey("FunctionName");
            } else {
                assertThat(map(properties.get("FunctionName"))).as(name + " logs where Lambda would: /aws/lambda/<name>")
                        .containsEntry("Fn::Sub", logGroupName.substring("/aws/lambda/".length()));
            }
            List<Map<String, Object>> logStatements = statementsOf(name).stream()
                    .filter(statement -> strings(statement.get("Action")).stream().anyMatch(action -> action.startsWith("logs:"))).toList();
            assertThat(logStatements).as(name + " writes its own log group only").hasSize(1);
            assertThat(strings(logStatements.get(0).get("Action"))).containsExactlyInAnyOrder("logs:CreateLogStream", "logs:PutLogEvents");
            assertThat(resourcesOf(logStatements.get(0))).map(TemplateTest::target).containsExactly(group);
        });
        Map<String, Object> api = properties(template.resourcesOfType("AWS::Serverless::HttpApi").get("DeskApi"));
        assertThat(groups).containsKey(target(map(api.get("AccessLogSettings")).get("DestinationArn")));
    }

    private boolean backsACustomResource(String function) {
        return template.resources().values().stream().map(CloudFormationTemplate::map)
                .filter(resource -> String.valueOf(resource.get("Type")).startsWith("Custom::"))
                .anyMatch(resource -> function.equals(target(properties(resource).get("ServiceToken"))));
    }

    @Test
    void everyQueueHasAnAgeAlarmAndEveryParkingQueueADepthAlarm() {
        template.resourcesOfType("AWS::SQS::Queue").keySet().forEach(queue ->
                assertThat(isWatched("AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", queue)).as(queue + " age alarm").isTrue());
        assertThat(parkingQueues()).isNotEmpty().allSatisfy(queue ->
                assertThat(isWatched("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", queue)).as(queue + " depth alarm").isTrue());
    }

    @Test
    void everyFunctionHasAnErrorsAndAThrottlesAlarm() {
        functions().keySet().forEach(name -> {
            assertThat(isWatched("AWS/Lambda", "Errors", "FunctionName", name)).as(name + " errors alarm").isTrue();
            assertThat(isWatched("AWS/Lambda", "Throttles", "FunctionName", name)).as(name + " throttles alarm").isTrue();
        });
    }

    @Test
    void theApiTheStreamAndTheScheduleAreWatched() {
        assertThat(isWatched("AWS/ApiGateway", "5xx", "ApiId", "DeskApi")).as("API 5xx alarm").isTrue();
        functions().forEach((name, function) -> map(properties(function).get("Events")).values().forEach(event -> {
            switch (String.valueOf(map(event).get("Type"))) {
                case "DynamoDB" -> assertThat(isWatched("AWS/Lambda", "IteratorAge", "FunctionName", name)).as(name + " iterator age").isTrue();
                case "Schedule" -> {
                    Object destination = map(map(map(properties(function).get("EventInvokeConfig")).get("DestinationConfig")).get("OnFailure")).get("Destination");
                    assertThat(destination).as(name + " on-failure destination").isNotNull();
                    assertThat(template.resourcesOfType("AWS::SQS::Queue")).containsKey(target(destination));
                    assertThat(isWatched("AWS/Lambda", "Invocations", "FunctionName", name)).as(name + " runs at all").isTrue();
                }
                default -> {
                }
            }
        }));
    }

    @Test
    void everyAlarmTellsTheOpsTopicAndAlarmEmailIsRequired() throws Exception {
        template.resourcesOfType("AWS::CloudWatch::Alarm").forEach((name, alarm) ->
                assertThat(list(properties(alarm).get("AlarmActions"))).as(name).containsExactly(Map.of("Ref", "OpsAlarmTopic")));
        Map<String, Object> root = topLevel();
        assertThat(String.valueOf(map(root.get("Rules")).get("AlarmEmailIsRequired"))).as("a rule refuses a deploy without AlarmEmail")
                .contains("AlarmEmail");
        assertThat(map(template.parameters().get("AlarmEmail")).get("Description").toString()).contains("Required");
        assertThat(map(root.get("Outputs"))).containsKeys("AlarmNotifications", "OpsAlarmTopicArn");
        assertThat(template.resourcesOfType("AWS::SNS::Subscription").get("OpsAlarmEmail")).containsEntry("Condition", "HasAlarmEmail");
    }

    /** The template's top level, its intrinsic tags read as text: for the sections CloudFormationTemplate does not offer. */
    private static Map<String, Object> topLevel() throws java.io.IOException {
        class TagsAsText extends org.yaml.snakeyaml.constructor.SafeConstructor {
            TagsAsText() {
                super(new org.yaml.snakeyaml.LoaderOptions());
                yamlConstructors.put(null, new org.yaml.snakeyaml.constructor.AbstractConstruct() {
                    @Override
                    public Object construct(org.yaml.snakeyaml.nodes.Node node) {
                        return node.toString();
                    }
                });
            }
        }
        return new org.yaml.snakeyaml.Yaml(new TagsAsText()).load(Files.readString(ROOT.resolve("template.yaml")));
    }

    // ---- data -------------------------------------------------------------------------------------------------

    @Test
    void recordsQueuedWorkAndTheSecretOutliveTheStack() {
        template.resourcesOfType("AWS::DynamoDB::Table").forEach((name, table) -> {
            assertThat(table).as(name).containsEntry("DeletionPolicy", "Retain").containsEntry("UpdateReplacePolicy", "Retain");
            assertThat(properties(table)).as(name).containsEntry("DeletionProtectionEnabled", true);
        });
        for (String type : List.of("AWS::SQS::Queue", "AWS::SecretsManager::Secret")) {
            template.resourcesOfType(type).forEach((name, resource) -> assertThat(resource).as(name)
                    .containsEntry("DeletionPolicy", "Retain").containsEntry("UpdateReplacePolicy", "Retain"));
        }
    }

    @Test
    void everyCheckovSkipSaysWhy() {
        template.resources().forEach((name, resource) -> list(map(map(map(resource).get("Metadata")).get("checkov")).get("skip"))
                .forEach(skip -> {
                    assertThat((String) map(skip).get("id")).as(name + " skip id").matches("CKV2?_AWS_\\d+");
                    assertThat((String) map(skip).get("comment")).as(name + " " + map(skip).get("id") + " justification")
                            .isNotNull().hasSizeGreaterThan(40);
                }));
    }
}
