package servicedesk.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The subset of Lambda event filtering that template.yaml uses: an object pattern whose leaves are lists
 * of allowed values ({@code {"eventName": ["INSERT"]}}), matched against the event's JSON form.
 */
final class EventPattern {
    private EventPattern() {
    }

    static boolean matches(JsonNode pattern, JsonNode event) {
        if (pattern.isArray()) {
            for (JsonNode allowed : pattern) {
                if (event != null && !event.isMissingNode() && allowed.equals(event)) {
                    return true;
                }
            }
            return false;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = event == null ? null : event.get(field.getKey());
            if (value == null || !matches(field.getValue(), value)) {
                return false;
            }
        }
        return true;
    }
}
