package servicedesk.intake;

import java.util.List;
import java.util.Locale;
import servicedesk.catalog.Service;
import servicedesk.incident.Level;
import servicedesk.incident.Priority;

/**
 * First-line triage of a report: urgency from what the reporter says, impact from the service's standing
 * impact (raised when the report says many people are hit), and whether it needs a call to the desk.
 */
public final class Triage {
    private static final List<String> URGENT = List.of(
            "urgent", "asap", "emergency", "critical", "exam", "deadline", "immediately", "right now");
    private static final List<String> BLOCKING = List.of(
            "can't", "cant ", "cannot", "unable", "won't", "wont ", "down", "not working", "doesn't work",
            "failed", "fails", "error", "broken", "drops", "lost", "spins");
    private static final List<String> WIDESPREAD = List.of(
            "everyone", "everybody", "all users", "whole class", "whole campus", "entire", "nobody can");
    /** Security incidents, account compromise and data loss always go to a person on the phone. */
    private static final List<String> CALL_DESK = List.of(
            "hacked", "compromised", "phishing", "malware", "ransomware", "virus", "breach", "stolen",
            "someone logged in", "not me", "data loss", "lost my data", "lost my files", "lost my work",
            "lost my answers", "deleted my", "critical");

    public record Assessment(Level impact, Level urgency, Priority priority, boolean callDesk) {
    }

    public Assessment assess(Service service, String text) {
        String lower = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        Level urgency = containsAny(lower, URGENT) ? Level.HIGH
                : containsAny(lower, BLOCKING) ? Level.MEDIUM : Level.LOW;
        Level impact = containsAny(lower, WIDESPREAD) ? Level.HIGH.higher(service.impact()) : service.impact();
        boolean callDesk = containsAny(lower, CALL_DESK);
        Priority priority = Priority.of(impact, urgency);
        if (callDesk && priority.compareTo(Priority.P2) > 0) {
            priority = Priority.P2;
        }
        return new Assessment(impact, urgency, priority, callDesk || priority == Priority.P1);
    }

    private static boolean containsAny(String text, List<String> words) {
        for (String word : words) {
            if (text.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
