package servicedesk.local;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import servicedesk.format.Json;

/**
 * {@code infra/local/run}: the whole desk on one machine, in the foreground. Starts the AWS emulator
 * {@code LOCAL_BACKEND} names (moto's server and DynamoDB Local by default; {@code localstack}: LocalStack, the one at
 * {@code LOCALSTACK_ENDPOINT} or one started here), deploys template.yaml onto it, serves the HTTP API on {@code PORT}
 * and keeps the queue and stream triggers running. X calls go to {@code TWITTER_API_BASE_URL}, or to a dry run that
 * prints them. The agents'
 * user pool gets one agent, {@code LOCAL_AGENT_EMAIL} with {@code LOCAL_AGENT_PASSWORD}, for the console (not on
 * LocalStack, whose free edition has no Cognito: the run says so).
 */
public final class LocalRun {
    /** Dummy identities that match the sample payloads; override them with environment variables. */
    static final Map<String, String> DEFAULTS = Map.of(
            "PORT", "3000",
            "LOCAL_AGENT_EMAIL", "agent@example.edu",
            "LOCAL_AGENT_PASSWORD", "Local-agent-passw0rd!",
            "TWITTER_ACCOUNT_ID", "1600000000000000001",
            "STAFF_USER_IDS", "1800000000000000003",
            "TWITTER_CONSUMER_SECRET", "local-dev-consumer-secret",
            "SERVICE_DESK_PHONE", "+1 555 0100");

    private LocalRun() {
    }

    public static void main(String[] args) throws Exception {
        Path root = ProjectRoot.find();
        int port = Integer.parseInt(setting("PORT"));
        LocalBackend backend = LocalBackend.fromEnvironment(root, root.resolve("infra/local/target"));
        Runtime.getRuntime().addShutdownHook(new Thread(backend::close));
        String xBaseUrl = System.getenv("TWITTER_API_BASE_URL");
        DryRunX dryRun = null;
        if (xBaseUrl == null || xBaseUrl.isBlank()) {
            dryRun = DryRunX.start(System.out);
            xBaseUrl = dryRun.baseUrl();
        }
        String credentials = Json.MAPPER.createObjectNode()
                .put("consumerKey", setting("TWITTER_CONSUMER_KEY", "local-dev-consumer-key"))
                .put("consumerSecret", setting("TWITTER_CONSUMER_SECRET"))
                .put("accessToken", setting("TWITTER_ACCESS_TOKEN", "local-dev-access-token"))
                .put("accessTokenSecret", setting("TWITTER_ACCESS_TOKEN_SECRET", "local-dev-access-token-secret"))
                .put("bearerToken", setting("TWITTER_BEARER_TOKEN", "local-dev-bearer-token"))
                .put("clientSecret", setting("TWITTER_CLIENT_SECRET", ""))
                .toString();
        LocalDeployment deployment = LocalDeployment.deploy(root, backend, new LocalDeployment.Options(
                Map.of("TwitterAccountId", setting("TWITTER_ACCOUNT_ID"),
                        "StaffUserIds", setting("STAFF_USER_IDS"),
                        "ServiceDeskPhone", setting("SERVICE_DESK_PHONE"),
                        "TwitterApiBaseUrl", xBaseUrl),
                Map.of("TwitterCredentials", credentials),
                null));
        boolean signIn = !deployment.notCreated().containsKey(LocalAgent.POOL);
        if (signIn) {
            LocalAgent.create(deployment, setting("LOCAL_AGENT_EMAIL"), setting("LOCAL_AGENT_PASSWORD"));
        }
        LocalGateway gateway = LocalGateway.start(port, deployment);
        DryRunX stopDryRun = dryRun;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            if (stopDryRun != null) {
                stopDryRun.close();
            }
        }));

        System.out.println();
        System.out.println("Service desk running locally: template.yaml on " + backend.description());
        if (!deployment.stackResources().isEmpty()) {
            System.out.println("  CloudFormation created " + deployment.stackResources().size() + " resources: " + deployment.stackResources()
                    .stream().collect(Collectors.groupingBy(resource -> resource.resourceType(), TreeMap::new, Collectors.counting())));
        }
        deployment.notCreated().entrySet().stream().collect(Collectors.groupingBy(Map.Entry::getValue, java.util.LinkedHashMap::new,
                        Collectors.mapping(Map.Entry::getKey, Collectors.toList())))
                .forEach((why, ids) -> System.out.println("  Not created: " + (ids.size() <= 3 ? String.join(", ", ids) : ids.size() + " resources")
                        + " (" + why + ")"));
        deployment.routes().forEach(route ->
                System.out.println("  " + route.method() + " http://127.0.0.1:" + port + route.path() + "  -> " + route.functionId()));
        System.out.println("  X API calls: " + (dryRun != null ? "printed here (dry run)" : xBaseUrl));
        System.out.println("Send a signed sample event:  infra/local/send-event");
        if (signIn) {
            System.out.println("Agent console: http://127.0.0.1:" + port + "/console  (sign in as " + setting("LOCAL_AGENT_EMAIL")
                    + (System.getenv("LOCAL_AGENT_PASSWORD") == null ? " with the password " + setting("LOCAL_AGENT_PASSWORD")
                    : " with LOCAL_AGENT_PASSWORD") + ")");
        } else {
            System.out.println("Agent console: http://127.0.0.1:" + port + "/console  CANNOT SIGN IN on this backend: the agents' "
                    + "user pool was not created (" + deployment.notCreated().get(LocalAgent.POOL) + "). Use LOCAL_BACKEND=moto "
                    + "for the console.");
        }
        System.out.println("Ready on port " + port + ". Ctrl-C stops.");
        System.out.flush();

        deployment.startPolling();
        Thread.currentThread().join();
    }

    private static String setting(String name) {
        return setting(name, DEFAULTS.get(name));
    }

    private static String setting(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
