package servicedesk.local;

import static servicedesk.local.CloudFormationTemplate.map;

import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * template.yaml's custom resources, run as CloudFormation runs them: each function gets a Create request
 * and answers on a response URL (here a local server), and anything but SUCCESS fails the deployment.
 */
final class CustomResources {
    private CustomResources() {
    }

    static void run(CloudFormationTemplate template, Provisioning provisioned, FunctionHosting functions) {
        Intrinsics intrinsics = provisioned.intrinsics();
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
                Map<String, Object> properties = map(intrinsics.resolve(Provisioning.properties(resource)));
                String token = String.valueOf(properties.get("ServiceToken"));
                String functionId = token.substring(token.lastIndexOf(':') + 1);
                CloudFormationCustomResourceEvent event = new CloudFormationCustomResourceEvent();
                event.setRequestType("Create");
                event.setResourceType(String.valueOf(resource.get("Type")));
                event.setLogicalResourceId(id);
                event.setRequestId(UUID.randomUUID().toString());
                event.setStackId("arn:aws:cloudformation:" + Provisioning.REGION + ":" + provisioned.account() + ":stack/"
                        + intrinsics.string(Map.of("Ref", "AWS::StackName")) + "/0");
                event.setResponseUrl("http://127.0.0.1:" + responses.getAddress().getPort() + "/" + id);
                event.setResourceProperties(properties);
                functions.invoke(functionId, event);
                String answer = answers.getOrDefault(id, "");
                if (!answer.contains("\"SUCCESS\"")) {
                    throw new IllegalStateException("Custom resource " + id + " did not succeed: " + answer);
                }
            });
        } finally {
            responses.stop(0);
        }
    }
}
