package servicedesk.local;

import static servicedesk.local.CloudFormationTemplate.list;
import static servicedesk.local.CloudFormationTemplate.map;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import servicedesk.format.Json;

/**
 * template.yaml's functions hosted in this JVM, each with the environment the template gives it (its own
 * variables over the globals, and the emulators' endpoints), and their triggers as the template wires
 * them: HTTP API routes, SQS queues, the table's stream with its filters and retries, schedules.
 */
final class FunctionHosting {
    private final Map<String, LocalFunction> functions = new LinkedHashMap<>();
    private final List<HttpApi.Route> routes = new ArrayList<>();
    private final List<EventSources.Source> sources = new ArrayList<>();

    FunctionHosting(CloudFormationTemplate template, Provisioning provisioned, Map<String, String> endpoints, Clock clock) {
        Intrinsics intrinsics = provisioned.intrinsics();
        template.resourcesOfType("AWS::Serverless::Function").forEach((id, resource) -> {
            Map<String, Object> properties = Provisioning.properties(resource);
            Map<String, String> environment = new LinkedHashMap<>();
            addVariables(intrinsics, environment, template.globalFunction());
            addVariables(intrinsics, environment, properties);
            environment.put("AWS_REGION", Provisioning.REGION);
            environment.putAll(endpoints);
            functions.put(id, new LocalFunction(id, (String) properties.get("Handler"), environment, clock));
            map(properties.get("Events")).forEach((name, definition) -> {
                Map<String, Object> event = map(definition);
                Map<String, Object> eventProperties = map(event.get("Properties"));
                switch (String.valueOf(event.get("Type"))) {
                    case "HttpApi" -> routes.add(new HttpApi.Route(((String) eventProperties.get("Method")).toUpperCase(),
                            (String) eventProperties.get("Path"), id));
                    case "SQS" -> sources.add(new EventSources.QueueSource(id,
                            provisioned.queueUrlOfArn(intrinsics.string(eventProperties.get("Queue"))),
                            number(eventProperties.get("BatchSize"), 10)));
                    case "DynamoDB" -> sources.add(streamSource(intrinsics, provisioned, id, eventProperties));
                    case "Schedule" -> {
                        // A schedule the template turns off (State: DISABLED) is not run here either.
                        Object state = eventProperties.get("State");
                        if (state == null || !"DISABLED".equals(intrinsics.string(state))) {
                            sources.add(new EventSources.ScheduleSource(id, rate(intrinsics.string(eventProperties.get("Schedule")))));
                        }
                    }
                    default -> throw new IllegalStateException("The local run does not yet deliver "
                            + event.get("Type") + " events (" + id + "." + name + ")");
                }
            });
        });
    }

    Map<String, LocalFunction> functions() {
        return functions;
    }

    List<HttpApi.Route> routes() {
        return routes;
    }

    List<EventSources.Source> sources() {
        return sources;
    }

    Object invoke(String functionId, Object event) {
        LocalFunction function = functions.get(functionId);
        if (function == null) {
            throw new IllegalArgumentException("No function " + functionId + " in template.yaml");
        }
        return function.invoke(event);
    }

    private static EventSources.StreamSource streamSource(Intrinsics intrinsics, Provisioning provisioned,
                                                          String functionId, Map<String, Object> properties) {
        List<JsonNode> filters = new ArrayList<>();
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
                onFailure == null ? null : provisioned.queueUrlOfArn(onFailure), filters);
    }

    private static void addVariables(Intrinsics intrinsics, Map<String, String> environment, Map<String, Object> properties) {
        map(map(properties.get("Environment")).get("Variables"))
                .forEach((name, value) -> environment.put(name, intrinsics.string(value)));
    }

    /** EventBridge's {@code rate(5 minutes)}. */
    static Duration rate(String expression) {
        Matcher matcher = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)").matcher(expression);
        if (!matcher.matches()) {
            throw new IllegalStateException("The local run understands rate(...) schedules, not " + expression);
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2).charAt(0)) {
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    private static int number(Object value, int fallback) {
        return value == null ? fallback : Integer.parseInt(String.valueOf(value));
    }
}
