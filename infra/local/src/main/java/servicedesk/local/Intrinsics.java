package servicedesk.local;

import static servicedesk.local.CloudFormationTemplate.list;
import static servicedesk.local.CloudFormationTemplate.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates the intrinsic functions template.yaml uses against a local deployment: {@code Ref},
 * {@code Fn::GetAtt}, {@code Fn::Sub}, {@code Fn::Join}, {@code Fn::If} and the condition functions.
 */
final class Intrinsics {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!]+)}");

    private final Function<String, String> ref;
    private final BiFunction<String, String, String> getAtt;
    private final Map<String, Object> conditions;

    Intrinsics(Function<String, String> ref, BiFunction<String, String, String> getAtt, Map<String, Object> conditions) {
        this.ref = ref;
        this.getAtt = getAtt;
        this.conditions = conditions;
    }

    Object resolve(Object value) {
        if (value instanceof List<?> items) {
            List<Object> resolved = new ArrayList<>();
            items.forEach(item -> resolved.add(resolve(item)));
            return resolved;
        }
        Map<String, Object> map = map(value);
        if (!(value instanceof Map<?, ?>)) {
            return value;
        }
        if (map.size() == 1) {
            String key = map.keySet().iterator().next();
            Object argument = map.get(key);
            switch (key) {
                case "Ref":
                    return ref.apply((String) argument);
                case "Fn::GetAtt":
                    return getAtt.apply((String) list(argument).get(0), (String) list(argument).get(1));
                case "Fn::Sub":
                    return sub(argument);
                case "Fn::Join":
                    return String.join((String) list(argument).get(0),
                            list(resolve(list(argument).get(1))).stream().map(String::valueOf).toList());
                case "Fn::If":
                    return resolve(condition((String) list(argument).get(0)) ? list(argument).get(1) : list(argument).get(2));
                default:
                    break;
            }
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        map.forEach((name, item) -> resolved.put(name, resolve(item)));
        return resolved;
    }

    String string(Object value) {
        Object resolved = resolve(value);
        return resolved == null ? null : String.valueOf(resolved);
    }

    boolean condition(String name) {
        return truth(conditions.get(name));
    }

    private boolean truth(Object expression) {
        Map<String, Object> map = map(expression);
        String key = map.keySet().iterator().next();
        List<Object> arguments = list(map.get(key));
        return switch (key) {
            case "Fn::Equals" -> String.valueOf(resolve(arguments.get(0))).equals(String.valueOf(resolve(arguments.get(1))));
            case "Fn::Not" -> !truth(arguments.get(0));
            case "Fn::And" -> arguments.stream().allMatch(this::truth);
            case "Fn::Or" -> arguments.stream().anyMatch(this::truth);
            case "Condition" -> condition((String) map.get(key));
            default -> throw new IllegalArgumentException("Unsupported condition function " + key);
        };
    }

    private String sub(Object argument) {
        String text;
        Map<String, Object> variables = Map.of();
        if (argument instanceof String plain) {
            text = plain;
        } else {
            text = (String) list(argument).get(0);
            variables = map(list(argument).get(1));
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement;
            if (variables.containsKey(name)) {
                replacement = string(variables.get(name));
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                String[] parts = name.split("\\.", 2);
                replacement = getAtt.apply(parts[0], parts[1]);
            } else {
                replacement = ref.apply(name);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
