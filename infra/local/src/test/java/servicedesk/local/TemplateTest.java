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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a reviewer checks in template.yaml, checked on every build. */
class TemplateTest {
    private static final Path ROOT = ProjectRoot.find();
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

    @Test
    void everyConsumedQueueRetriesThenParksOnAnAlarmedDeadLetterQueue() {
        List<String> alarmed = new ArrayList<>();
        template.resourcesOfType("AWS::CloudWatch::Alarm").values().forEach(alarm ->
                list(properties(alarm).get("Dimensions")).forEach(dimension -> alarmed.add(logicalIdIn(map(dimension).get("Value")))));
        functions().forEach((name, function) -> map(properties(function).get("Events")).forEach((eventName, event) -> {
            Map<String, Object> source = properties(map(event));
            if ("SQS".equals(map(event).get("Type"))) {
                String queue = logicalIdIn(source.get("Queue"));
                Map<String, Object> redrive = map(properties(template.resourcesOfType("AWS::SQS::Queue").get(queue)).get("RedrivePolicy"));
                assertThat(redrive).as(queue + " redrive policy").containsKey("deadLetterTargetArn");
                assertThat(alarmed).as("alarm on the dead-letter queue of " + queue)
                        .contains(logicalIdIn(redrive.get("deadLetterTargetArn")));
                assertThat(list(source.get("FunctionResponseTypes"))).as(name + " partial batch failures")
                        .contains("ReportBatchItemFailures");
            }
            if ("DynamoDB".equals(map(event).get("Type"))) {
                assertThat(source).containsEntry("BisectBatchOnFunctionError", true).containsKey("MaximumRetryAttempts");
                String onFailure = logicalIdIn(map(map(source.get("DestinationConfig")).get("OnFailure")).get("Destination"));
                assertThat(alarmed).as("alarm on the stream's on-failure queue").contains(onFailure);
            }
        }));
    }

    @Test
    void theAdminApiIsIamAuthorisedAndOnlyTheWebhookAndStatusPageArePublic() {
        functions().forEach((name, function) -> map(properties(function).get("Events")).values().forEach(event -> {
            if (!"HttpApi".equals(map(event).get("Type"))) {
                return;
            }
            Map<String, Object> route = properties(map(event));
            Object authorizer = map(route.get("Auth")).get("Authorizer");
            if (name.equals("WebhookFunction") || name.equals("StatusFunction")) {
                assertThat(authorizer).as(route.get("Path") + " is public").isNull();
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
}
