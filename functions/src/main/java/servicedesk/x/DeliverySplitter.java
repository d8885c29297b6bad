package servicedesk.x;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import servicedesk.format.Json;

/**
 * Splits an Account Activity delivery too large for one queue message into several, by events: each part
 * is the envelope ({@code for_user_id}, {@code users}, {@code apps}, …) with some of the events, so every
 * event is kept and each part reads like a delivery of its own. A delivery one of whose events cannot fit in
 * a message even alone is not something X sends: it is refused whole.
 */
public final class DeliverySplitter {

    /** Even one event of this delivery, with its envelope, is larger than a message can be. */
    public static final class TooLarge extends Exception {
        TooLarge(String message) {
            super(message);
        }
    }

    private DeliverySplitter() {
    }

    /** The delivery as parts of at most {@code maxBytes} bytes of UTF-8 each; {@code body} is a JSON object. */
    public static List<String> split(String body, int maxBytes) throws TooLarge {
        if (body.length() <= maxBytes / 4 || bytes(body) <= maxBytes) {
            return List.of(body);
        }
        ObjectNode root;
        try {
            root = (ObjectNode) Json.MAPPER.readTree(body);
        } catch (IOException | ClassCastException e) {
            throw new TooLarge("not a JSON object");
        }
        ObjectNode envelope = root.deepCopy();
        List<Map.Entry<String, JsonNode>> events = new ArrayList<>();
        for (Map.Entry<String, JsonNode> member : root.properties()) {
            if (member.getKey().endsWith("_events") && member.getValue().isArray()) {
                envelope.remove(member.getKey());
                member.getValue().forEach(event -> events.add(Map.entry(member.getKey(), event)));
            }
        }
        // Sizes are added up, not re-measured per event: a part is written once, when it is full.
        int envelopeBytes = bytes(envelope.toString());
        List<String> parts = new ArrayList<>();
        List<Map.Entry<String, JsonNode>> part = new ArrayList<>();
        int partBytes = envelopeBytes;
        Set<String> arrays = new HashSet<>();
        for (Map.Entry<String, JsonNode> event : events) {
            // The event and its comma; the array's name, brackets, quotes, colon and comma the first time.
            int added = bytes(event.getValue().toString()) + 1 + (arrays.contains(event.getKey()) ? 0 : bytes(event.getKey()) + 6);
            if (partBytes + added > maxBytes && !part.isEmpty()) {
                parts.add(write(envelope, part, maxBytes));
                part = new ArrayList<>();
                partBytes = envelopeBytes;
                arrays.clear();
                added = bytes(event.getValue().toString()) + 1 + bytes(event.getKey()) + 6;
            }
            part.add(event);
            partBytes += added;
            arrays.add(event.getKey());
        }
        if (part.isEmpty()) {
            throw new TooLarge("no events, and the envelope alone is larger than " + maxBytes + " bytes");
        }
        parts.add(write(envelope, part, maxBytes));
        return parts;
    }

    private static String write(ObjectNode envelope, List<Map.Entry<String, JsonNode>> events, int maxBytes) throws TooLarge {
        ObjectNode part = envelope.deepCopy();
        for (Map.Entry<String, JsonNode> event : events) {
            arrayOf(part, event.getKey()).add(event.getValue());
        }
        String text = part.toString();
        if (bytes(text) > maxBytes) {
            throw new TooLarge("one " + events.get(0).getKey() + " entry is larger than " + maxBytes + " bytes");
        }
        return text;
    }

    private static ArrayNode arrayOf(ObjectNode part, String name) {
        return part.has(name) ? (ArrayNode) part.get(name) : part.putArray(name);
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
