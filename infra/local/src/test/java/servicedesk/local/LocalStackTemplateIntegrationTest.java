package servicedesk.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.model.ResourceStatus;
import software.amazon.awssdk.services.cloudformation.model.StackResource;

/**
 * template.yaml through LocalStack's CloudFormation engine (the LocalStack surefire execution only): every resource
 * the local run does not host is created by the engine, or named with why not (a service LocalStack does not serve,
 * such as Cognito in its free edition, or a type its engine has no provider for), and the desk still comes up; a template the engine cannot deploy is refused,
 * naming the resource (an index keyed on an attribute the table does not define). Writes what was created, by type, to {@code target/localstack-resources.md}.
 */
class LocalStackTemplateIntegrationTest {
    private static final Path ROOT = ProjectRoot.find();
    private static final Map<String, String> PARAMETERS = Map.of("TwitterAccountId", "1600000000000000001");

    @BeforeAll
    static void onLocalStackOnly() {
        Assumptions.assumeTrue(Emulators.backend() instanceof LocalStackBackend, "runs in the LocalStack execution only");
    }

    @Test
    void everyResourceTheLocalRunDoesNotHostIsCreatedByLocalStacksCloudFormationOrNamedWithWhyNot() throws IOException {
        CloudFormationTemplate template = CloudFormationTemplate.read(ROOT.resolve("template.yaml"));
        try (LocalDeployment desk = deploy(template)) {
            Map<String, String> created = desk.stackResources().stream()
                    .filter(resource -> resource.resourceStatus() == ResourceStatus.CREATE_COMPLETE)
                    .collect(Collectors.toMap(StackResource::logicalResourceId, StackResource::resourceType));
            Provisioning conditions = new Provisioning(template, new LocalDeployment.Options(PARAMETERS, Map.of(), null), "0");
            Map<String, String> types = new TreeMap<>();
            template.resources().forEach((id, resource) -> {
                Map<String, Object> definition = CloudFormationTemplate.map(resource);
                String type = String.valueOf(definition.get("Type"));
                Object condition = definition.get("Condition");
                if (Provisioning.hostedHere(type) || (condition != null && !conditions.intrinsics().condition((String) condition))) {
                    return;
                }
                types.put(id, type);
                if (desk.notCreated().containsKey(id)) {
                    assertThat(desk.notCreated().get(id)).as(id).startsWith(type + ": ")
                            .containsAnyOf("does not serve", "has no provider for it");
                } else {
                    assertThat(created).as(id).containsEntry(id, type);
                }
            });
            assertThat(desk.http("GET", "/status.json", Map.of(), Map.of(), null).getStatusCode()).isEqualTo(200);

            StringBuilder table = new StringBuilder("| type | on LocalStack |\n| --- | --- |\n");
            types.values().stream().distinct().sorted().forEach(type -> table.append("| `").append(type).append("` | ")
                    .append(types.entrySet().stream().filter(entry -> entry.getValue().equals(type) && created.containsKey(entry.getKey())).count())
                    .append(" created by its CloudFormation").append(types.entrySet().stream()
                            .filter(entry -> entry.getValue().equals(type) && desk.notCreated().containsKey(entry.getKey()))
                            .map(entry -> "; not " + entry.getKey() + ": " + desk.notCreated().get(entry.getKey())).collect(Collectors.joining()))
                    .append(" |\n"));
            template.resources().values().stream().map(resource -> String.valueOf(CloudFormationTemplate.map(resource).get("Type")))
                    .filter(Provisioning::hostedHere).collect(Collectors.groupingBy(type -> type, TreeMap::new, Collectors.counting()))
                    .forEach((type, count) -> table.append("| `").append(type).append("` | ").append(count).append(" hosted by the local run |\n"));
            Files.writeString(ROOT.resolve("infra/local/target/localstack-resources.md"), table);
            System.out.println(table);
        }
    }

    @Test
    void resourcesLocalStackCannotCreateAreNamedAndTheDeskStillComesUp(@TempDir Path folder) throws IOException {
        String yaml = Files.readString(ROOT.resolve("template.yaml"))
                .replace("\nResources:\n", """

                        Resources:
                          NoProviderForThis:
                            Type: AWS::SQS::NoSuchThing
                            Properties:
                              Name: x
                        """);
        Path file = folder.resolve("template.yaml");
        Files.writeString(file, yaml);

        try (LocalDeployment desk = deploy(CloudFormationTemplate.read(file))) {
            // The agents' user pool, its app client and its admins' group: no Cognito in LocalStack's free edition.
            assertThat(desk.notCreated()).containsOnlyKeys("AgentPool", "AgentPoolClient", "AgentAdminsGroup", "NoProviderForThis");
            assertThat(desk.notCreated().get("AgentPool")).startsWith("AWS::Cognito::UserPool: ").contains("cognito-idp");
            assertThat(desk.notCreated().get("NoProviderForThis")).startsWith("AWS::SQS::NoSuchThing: ").contains("no provider");
            assertThat(desk.functionEnvironment("ConsoleFunction")).containsEntry("AGENT_POOL_ID", "not-created-AgentPool");
            // The console's role names the pool's ARN: the engine gets an ARN-shaped stand-in and creates the role.
            assertThat(desk.stackResources()).anySatisfy(resource -> {
                assertThat(resource.logicalResourceId()).isEqualTo("ConsoleFunctionRole");
                assertThat(resource.resourceStatus()).isEqualTo(ResourceStatus.CREATE_COMPLETE);
            });
            assertThat(desk.http("GET", "/status.json", Map.of(), Map.of(), null).getStatusCode()).isEqualTo(200);
        }
    }

    @Test
    void aTemplateTheEngineCannotDeployIsRefusedNamingTheResource(@TempDir Path folder) throws IOException {
        String yaml = Files.readString(ROOT.resolve("template.yaml"))
                .replace("        - AttributeName: reporterId\n          AttributeType: S\n", "");
        Path file = folder.resolve("template.yaml");
        Files.writeString(file, yaml);

        assertThatThrownBy(() -> deploy(CloudFormationTemplate.read(file)).close())
                .hasMessageContaining("IncidentsTable").hasMessageContaining("reporterId");
    }

    private static LocalDeployment deploy(CloudFormationTemplate template) {
        return LocalDeployment.deploy(template, Emulators.backend(), new LocalDeployment.Options(PARAMETERS,
                Map.of("TwitterCredentials", "{\"consumerSecret\":\"s\"}"), null));
    }
}
