package servicedesk.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JSON line per event on standard output, which Lambda sends to CloudWatch Logs. Callers pass
 * identifiers and outcomes only: message text (tweets' or DMs') and credentials never go in a log line.
 */
public final class Log {
    private static volatile PrintStream out = System.out;

    private Log() {
    }

    public static void info(String event, Object... keyValues) {
        write("INFO", event, keyValues);
    }

    public static void warn(String event, Object... keyValues) {
        write("WARN", event, keyValues);
    }

    public static void error(String event, Object... keyValues) {
        write("ERROR", event, keyValues);
    }

    /**
     * Metrics in CloudWatch's embedded metric format: Lambda's log line becomes the metrics, with no call to
     * CloudWatch and no extra latency.
     */
    public static void metrics(String namespace, Map<String, Number> values) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("_aws", Map.of(
                "Timestamp", Instant.now().toEpochMilli(),
                "CloudWatchMetrics", List.of(Map.of(
                        "Namespace", namespace,
                        "Dimensions", List.of(List.of()),
                        "Metrics", values.keySet().stream().sorted().map(name -> Map.of("Name", name)).toList()))));
        line.putAll(values);
        try {
            out.println(Json.MAPPER.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            out.println("{\"level\":\"ERROR\",\"event\":\"metrics-unwritable\"}");
        }
    }

    /** Lets the local gateway and tests see the log lines. */
    public static void redirect(PrintStream stream) {
        out = stream;
    }

    private static void write(String level, String event, Object... keyValues) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("level", level);
        line.put("event", event);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
        }
        try {
            out.println(Json.MAPPER.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            out.println("{\"level\":\"ERROR\",\"event\":\"log-line-unwritable\"}");
        }
    }
}
