package servicedesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import servicedesk.format.Json;

/** The stack CloudFormationStack sends LocalStack's engine, built from a template, without an emulator. */
class CloudFormationStackTest {
    private static final String TEMPLATE = """
            Parameters:
              Email:
                Type: String
                Default: ""
            Conditions:
              HasEmail: !Not [!Equals [!Ref Email, ""]]
            Resources:
              Api:
                Type: AWS::Serverless::HttpApi
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  Environment:
                    Variables:
                      QUEUE: !Ref Work
                  Events:
                    Work:
                      Type: SQS
                      Properties:
                        Queue: !GetAtt Work.Arn
              Seed:
                Type: Custom::Seed
                Properties:
                  ServiceToken: !GetAtt Worker.Arn
              Work:
                Type: AWS::SQS::Queue
                DependsOn: [Worker, Parked]
              Parked:
                Type: AWS::SQS::Queue
              Mail:
                Type: AWS::SNS::Subscription
                Condition: HasEmail
                Properties:
                  TopicArn: !Ref Topic
                  Protocol: email
                  Endpoint: !Ref Email
              Topic:
                Type: AWS::SNS::Topic
              WorkerErrors:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  Dimensions:
                    - Name: FunctionName
                      Value: !Ref Worker
                  AlarmDescription: !Sub "${Worker} failed; ${Parked.QueueName} holds them, see ${Api}"
            Outputs:
              Url:
                Value: !Sub "https://${Api}.example"
            """;

    @Test
    void theStackHoldsWhatTheEmulatorCreatesAndGivesReferencesToTheRestTheirLocalValues(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("template.yaml");
        Files.writeString(file, TEMPLATE);
        CloudFormationTemplate template = CloudFormationTemplate.read(file);
        Set<String> inStack = new LinkedHashSet<>(Set.of("Work", "Parked", "Mail", "Topic", "WorkerErrors"));

        JsonNode body = Json.MAPPER.readTree(new CloudFormationStack(template, inStack,
                name -> "local-" + name, (name, attribute) -> "local-" + name + "-" + attribute).body());

        assertThat(body.path("Resources").fieldNames()).toIterable().containsExactlyInAnyOrder("Work", "Parked", "Mail", "Topic", "WorkerErrors");
        assertThat(body.path("Resources").path("Work").path("DependsOn").toString()).isEqualTo("[\"Parked\"]");
        JsonNode alarm = body.path("Resources").path("WorkerErrors").path("Properties");
        assertThat(alarm.path("Dimensions").get(0).path("Value").asText()).isEqualTo("local-Worker");
        assertThat(alarm.path("AlarmDescription").path("Fn::Sub").asText())
                .isEqualTo("local-Worker failed; ${Parked.QueueName} holds them, see local-Api");
        assertThat(body.path("Resources").path("Mail").path("Properties").path("Endpoint").path("Ref").asText()).isEqualTo("Email");
        assertThat(body.path("Outputs").path("Url").path("Value").path("Fn::Sub").asText()).isEqualTo("https://local-Api.example");
        assertThat(body.has("Parameters")).isTrue();
        assertThat(body.has("Conditions")).isTrue();

        String outputs = body.path("Outputs").toString();
        assertThat(outputs).contains("{\"Value\":{\"Ref\":\"Work\"}}")
                .contains("{\"Value\":{\"Fn::GetAtt\":[\"Work\",\"Arn\"]}}")
                .contains("{\"Value\":{\"Fn::GetAtt\":[\"Parked\",\"QueueName\"]}}")
                .contains("{\"Value\":{\"Ref\":\"Mail\"},\"Condition\":\"HasEmail\"}")
                .doesNotContain("\"Worker\"").doesNotContain("\"Seed\"");
    }

    @Test
    void resourceTypesAreNamedAfterTheServiceLocalStackReports() {
        assertThat(Provisioning.service("AWS::Cognito::UserPool")).isEqualTo("cognito-idp");
        assertThat(Provisioning.service("AWS::SQS::Queue")).isEqualTo("sqs");
        assertThat(Provisioning.service("AWS::SecretsManager::Secret")).isEqualTo("secretsmanager");
        assertThat(Provisioning.service("AWS::CloudWatch::Alarm")).isEqualTo("cloudwatch");
        assertThat(Provisioning.service("AWS::ApiGatewayV2::Api")).isEqualTo("apigateway");
        assertThat(Provisioning.hostedHere("AWS::Serverless::Function")).isTrue();
        assertThat(Provisioning.hostedHere("Custom::ServiceCatalogSeed")).isTrue();
        assertThat(Provisioning.hostedHere("AWS::SQS::Queue")).isFalse();
    }
}
