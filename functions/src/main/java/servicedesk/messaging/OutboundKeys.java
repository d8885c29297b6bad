package servicedesk.messaging;

import java.io.IOException;
import java.util.List;
import servicedesk.format.Json;

/**
 * The outbound queue's message body, {@code {"keys": [...]}}: up to ten new outbox keys for the sender to enter
 * in its plan, or none for a plain wake-up. The messages themselves stay in the table; packing keys makes a
 * broadcast of thousands a few hundred SQS messages.
 */
public record OutboundKeys(List<String> keys) {
    public static final int MAX = 10;

    public OutboundKeys {
        keys = keys == null ? null : List.copyOf(keys);
    }

    public static OutboundKeys read(String body) {
        try {
            OutboundKeys read = Json.MAPPER.readValue(body, OutboundKeys.class);
            if (read.keys() == null) {
                throw new IllegalArgumentException("no keys");
            }
            return read;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Not an outbound queue message");
        }
    }

    public String json() {
        return Json.text(this);
    }
}
