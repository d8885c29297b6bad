package servicedesk.local;

import static servicedesk.local.CloudFormationTemplate.list;
import static servicedesk.local.CloudFormationTemplate.map;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.ResourceStatus;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * template.yaml's resources that are not hosted here, deployed as one stack by the emulator's own CloudFormation
 * engine: a second reading of the template beside the local run's, which refuses unresolved references, parameters
 * without a value and whatever each service refuses (LocalStack's does not check parameter patterns, rules or
 * property names; infra/localstack/README.md). Left out: what the local run hosts itself (functions, the HTTP API, custom resources) and what the emulator does not
 * serve; references to those become the values the local run gives them. Every {@code Ref} and {@code Fn::GetAtt}
 * of a stack resource is read back through generated outputs, so the functions see exactly what the engine made.
 */
final class CloudFormationStack {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!]+)}");
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    /**
     * What the stack made: each resource's {@code Ref}, each {@code Fn::GetAtt} ("Id.Attribute") the template uses;
     * and the resources the engine only pretended to create, with its reason.
     */
    record Created(Map<String, String> refs, Map<String, String> attributes, List<StackResource> resources,
                   Map<String, String> pretended) {
    }

    private final Map<String, Object> body;
    private final Map<String, String[]> outputs = new LinkedHashMap<>();

    /**
     * @param template the whole template
     * @param inStack  the logical ids the stack creates
     * @param ref      the local value of {@code Ref} for everything else
     * @param getAtt   the local value of {@code Fn::GetAtt} for everything else
     */
    CloudFormationStack(CloudFormationTemplate template, Set<String> inStack,
                        Function<String, String> ref, BiFunction<String, String, String> getAtt) {
        Map<String, Object> resources = new LinkedHashMap<>();
        template.resources().forEach((id, resource) -> {
            if (inStack.contains(id)) {
                Map<String, Object> definition = new LinkedHashMap<>(map(resource));
                Object dependsOn = definition.remove("DependsOn");
                List<Object> kept = (dependsOn instanceof String single ? List.<Object>of(single) : list(dependsOn)).stream()
                        .filter(inStack::contains).toList();
                if (!kept.isEmpty()) {
                    definition.put("DependsOn", kept);
                }
                resources.put(id, definition);
            }
        });
        Local local = new Local(inStack, template.parameters().keySet(), ref, getAtt);
        Map<String, Object> outputSection = new LinkedHashMap<>(map(local.replace(template.outputs())));
        Set<String> usedAttributes = new LinkedHashSet<>();
        collectAttributes(template.resources(), usedAttributes);
        collectAttributes(template.outputs(), usedAttributes);
        for (String id : resources.keySet()) {
            addOutput(outputSection, resources, id, null);
        }
        for (String used : usedAttributes) {
            String[] parts = used.split("\\.", 2);
            if (resources.containsKey(parts[0])) {
                addOutput(outputSection, resources, parts[0], parts[1]);
            }
        }
        body = new LinkedHashMap<>();
        body.put("AWSTemplateFormatVersion", "2010-09-09");
        for (String section : List.of("Parameters", "Rules", "Conditions", "Mappings")) {
            if (!template.section(section).isEmpty()) {
                body.put(section, local.replace(template.section(section)));
            }
        }
        body.put("Resources", local.replace(resources));
        body.put("Outputs", outputSection);
    }

    /** The stack's template, as JSON. */
    String body() {
        return Provisioning.json(body);
    }

    /**
     * Creates the stack and waits for it; a failure names each resource that failed and why. The template goes
     * through S3, as {@code sam deploy} sends it: CloudFormation takes at most 51,200 bytes inline.
     */
    Created deploy(CloudFormationClient cloudFormation, S3Client s3, String stackName, Map<String, String> parameterValues,
                   Set<String> declaredParameters) {
        String bucket = stackName.toLowerCase(java.util.Locale.ROOT) + "-template";
        s3.createBucket(create -> create.bucket(bucket));
        s3.putObject(put -> put.bucket(bucket).key("template.json"), RequestBody.fromString(body()));
        String templateUrl = s3.utilities().getUrl(get -> get.bucket(bucket).key("template.json")).toString();
        List<Parameter> parameters = parameterValues.entrySet().stream()
                .filter(entry -> declaredParameters.contains(entry.getKey()))
                .map(entry -> Parameter.builder().parameterKey(entry.getKey()).parameterValue(entry.getValue()).build())
                .toList();
        cloudFormation.createStack(create -> create.stackName(stackName).templateURL(templateUrl).parameters(parameters));
        Stack stack = awaitCreated(cloudFormation, stackName);
        List<StackResource> resources = cloudFormation.describeStackResources(describe -> describe.stackName(stackName))
                .stackResources();
        List<String> notCreated = resources.stream()
                .filter(resource -> resource.resourceStatus() != ResourceStatus.CREATE_COMPLETE)
                .map(resource -> resource.logicalResourceId() + " (" + resource.resourceType() + "): " + resource.resourceStatusAsString())
                .toList();
        if (!notCreated.isEmpty()) {
            throw new IllegalStateException("Stack " + stackName + " completed without creating " + notCreated);
        }
        // LocalStack "deploys" a type it has no provider for as a fallback: CREATE_COMPLETE, physical id "unknown".
        Map<String, String> pretended = new LinkedHashMap<>();
        resources.stream().filter(resource -> "unknown".equals(resource.physicalResourceId()))
                .forEach(resource -> pretended.put(resource.logicalResourceId(), resource.resourceType() + ": "
                        + "LocalStack's CloudFormation has no provider for it and created nothing (" + resource.resourceStatusReason() + ")"));
        Map<String, String> refs = new LinkedHashMap<>();
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Output output : stack.outputs()) {
            String[] target = outputs.get(output.outputKey());
            if (target != null && !pretended.containsKey(target[0])) {
                (target[1] == null ? refs : attributes).put(target[1] == null ? target[0] : target[0] + "." + target[1], output.outputValue());
            }
        }
        return new Created(refs, attributes, resources, pretended);
    }

    private static Stack awaitCreated(CloudFormationClient cloudFormation, String stackName) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Stack stack = cloudFormation.describeStacks(describe -> describe.stackName(stackName)).stacks().get(0);
            StackStatus status = stack.stackStatus();
            if (status == StackStatus.CREATE_COMPLETE) {
                return stack;
            }
            if (status != StackStatus.CREATE_IN_PROGRESS) {
                List<String> failures = cloudFormation.describeStackEvents(describe -> describe.stackName(stackName)).stackEvents()
                        .stream().filter(event -> event.resourceStatusAsString().endsWith("FAILED"))
                        .map(event -> event.logicalResourceId() + " (" + event.resourceType() + "): " + event.resourceStatusReason())
                        .toList();
                throw new IllegalStateException("CloudFormation could not create stack " + stackName + " (" + status + "): "
                        + String.join("; ", failures) + (stack.stackStatusReason() == null ? "" : "; " + stack.stackStatusReason()));
            }
            MotoServer.sleep(100);
        }
        throw new IllegalStateException("Stack " + stackName + " was not created within " + TIMEOUT);
    }

    /** An output giving {@code Ref} (attribute null) or {@code Fn::GetAtt} of a stack resource, under its resource's condition. */
    private void addOutput(Map<String, Object> section, Map<String, Object> resources, String id, String attribute) {
        String key = "Local" + outputs.size();
        outputs.put(key, new String[]{id, attribute});
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("Value", attribute == null ? Map.of("Ref", id) : Map.of("Fn::GetAtt", List.of(id, attribute)));
        Object condition = map(resources.get(id)).get("Condition");
        if (condition != null) {
            output.put("Condition", condition);
        }
        section.put(key, output);
    }

    /** Every "Id.Attribute" named by {@code Fn::GetAtt} or inside {@code Fn::Sub}. */
    private static void collectAttributes(Object value, Set<String> found) {
        if (value instanceof List<?> items) {
            items.forEach(item -> collectAttributes(item, found));
            return;
        }
        if (!(value instanceof Map<?, ?>)) {
            return;
        }
        Map<String, Object> node = map(value);
        if (node.size() == 1 && node.containsKey("Fn::GetAtt")) {
            List<Object> target = list(node.get("Fn::GetAtt"));
            found.add(target.get(0) + "." + target.get(1));
            return;
        }
        if (node.size() == 1 && node.containsKey("Fn::Sub")) {
            Object argument = node.get("Fn::Sub");
            Matcher matcher = SUB_VARIABLE.matcher(argument instanceof String text ? text : String.valueOf(list(argument).get(0)));
            while (matcher.find()) {
                if (matcher.group(1).contains(".") && !matcher.group(1).startsWith("AWS::")) {
                    found.add(matcher.group(1));
                }
            }
        }
        node.values().forEach(item -> collectAttributes(item, found));
    }

    /** Replaces references to resources outside the stack by their local values. */
    private record Local(Set<String> inStack, Set<String> parameters, Function<String, String> ref,
                         BiFunction<String, String, String> getAtt) {
        Object replace(Object value) {
            if (value instanceof List<?> items) {
                List<Object> replaced = new ArrayList<>();
                items.forEach(item -> replaced.add(replace(item)));
                return replaced;
            }
            if (!(value instanceof Map<?, ?>)) {
                return value;
            }
            Map<String, Object> node = map(value);
            if (node.size() == 1) {
                String key = node.keySet().iterator().next();
                Object argument = node.get(key);
                if (key.equals("Ref") && outside((String) argument)) {
                    return ref.apply((String) argument);
                }
                if (key.equals("Fn::GetAtt") && outside((String) list(argument).get(0))) {
                    return getAtt.apply((String) list(argument).get(0), (String) list(argument).get(1));
                }
                if (key.equals("Fn::Sub")) {
                    return Map.of("Fn::Sub", argument instanceof String text ? sub(text, Set.of())
                            : List.of(sub((String) list(argument).get(0), map(list(argument).get(1)).keySet()), replace(list(argument).get(1))));
                }
            }
            Map<String, Object> replaced = new LinkedHashMap<>();
            node.forEach((name, item) -> replaced.put(name, replace(item)));
            return replaced;
        }

        private boolean outside(String name) {
            return !name.startsWith("AWS::") && !inStack.contains(name) && !parameters.contains(name);
        }

        private String sub(String text, Set<String> variables) {
            Matcher matcher = SUB_VARIABLE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String name = matcher.group(1);
                String resource = name.split("\\.", 2)[0];
                String replacement = matcher.group();
                if (!variables.contains(name) && !name.startsWith("AWS::") && outside(resource)) {
                    replacement = name.contains(".") ? getAtt.apply(resource, name.split("\\.", 2)[1]) : ref.apply(name);
                }
                matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            matcher.appendTail(out);
            return out.toString();
        }
    }
}
