package servicedesk.settings;

import java.util.Map;
import java.util.Optional;

/**
 * A function's configuration: its environment variables. Handlers read it through this record rather
 * than System.getenv() so that the local gateway can host several functions, each with the environment
 * template.yaml gives it, in one JVM.
 */
public record Environment(Map<String, String> variables) {

    public Environment {
        variables = Map.copyOf(variables);
    }

    public static Environment ofProcess() {
        return new Environment(System.getenv());
    }

    public String require(String name) {
        String value = variables.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Missing required environment variable " + name);
        }
        return value;
    }

    public Optional<String> optional(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    public String orDefault(String name, String fallback) {
        return optional(name).orElse(fallback);
    }
}
