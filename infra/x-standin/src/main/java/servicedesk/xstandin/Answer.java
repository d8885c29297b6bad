package servicedesk.xstandin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One answer of the stand-in: status, headers and body, or a dropped connection (outcome unknown to the
 * caller).
 */
record Answer(int status, String contentType, String body, Map<String, String> headers, boolean dropConnection) {
    static final String JSON = "application/json; charset=utf-8";
    static final String PROBLEM = "application/problem+json";

    static Answer json(int status, JsonNode body) {
        return new Answer(status, JSON, Json.write(body), new LinkedHashMap<>(), false);
    }

    static Answer problem(int status, JsonNode body) {
        return new Answer(status, PROBLEM, Json.write(body), new LinkedHashMap<>(), false);
    }

    static Answer dropped() {
        return new Answer(0, JSON, "", new LinkedHashMap<>(), true);
    }

    Answer withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Answer(status, contentType, body, copy, dropConnection);
    }

    Answer withHeaders(Map<String, String> more) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.putAll(more);
        return new Answer(status, contentType, body, copy, dropConnection);
    }

    Answer withoutHeader(String name) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.remove(name);
        return new Answer(status, contentType, body, copy, dropConnection);
    }

    boolean success() {
        return status >= 200 && status < 300;
    }
}
