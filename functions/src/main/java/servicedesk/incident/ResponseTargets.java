package servicedesk.incident;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * First-response and resolution targets per priority. Configured as text so a deployment can change
 * them with a template parameter: {@code P1=15m/4h,P2=1h/8h,P3=4h/3d,P4=1d/5d,P5=1d/10d}.
 */
public final class ResponseTargets {
    public static final String DEFAULTS = "P1=15m/4h,P2=1h/8h,P3=4h/3d,P4=1d/5d,P5=1d/10d";

    public record Target(Duration firstResponse, Duration resolution) {
    }

    private final Map<Priority, Target> targets;

    private ResponseTargets(Map<Priority, Target> targets) {
        this.targets = targets;
    }

    public static ResponseTargets parse(String spec) {
        Map<Priority, Target> parsed = new EnumMap<>(Priority.class);
        for (String entry : spec.split(",")) {
            String[] priorityAndTimes = entry.trim().split("=");
            String[] times = priorityAndTimes.length == 2 ? priorityAndTimes[1].split("/") : new String[0];
            if (times.length != 2) {
                throw new IllegalArgumentException("Response target must look like P1=15m/4h, not: " + entry);
            }
            parsed.put(Priority.valueOf(priorityAndTimes[0].trim().toUpperCase()),
                    new Target(duration(times[0]), duration(times[1])));
        }
        for (Priority priority : Priority.values()) {
            if (!parsed.containsKey(priority)) {
                throw new IllegalArgumentException("Response targets lack " + priority);
            }
        }
        return new ResponseTargets(parsed);
    }

    public Target forPriority(Priority priority) {
        return targets.get(priority);
    }

    private static Duration duration(String text) {
        String value = text.trim().toLowerCase();
        long amount = Long.parseLong(value.substring(0, value.length() - 1));
        return switch (value.charAt(value.length() - 1)) {
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("Durations end in m, h or d: " + text);
        };
    }
}
