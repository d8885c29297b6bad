package servicedesk.x;

import twitter4j.HttpParameter;
import twitter4j.HttpResponse;
import twitter4j.JSONArray;
import twitter4j.JSONException;
import twitter4j.JSONObject;
import twitter4j.TwitterException;
import twitter4j.auth.Authorization;

/**
 * Setting-up calls (webhooks, subscriptions, replay) whose every answer the caller reads, refusals
 * included: X puts a webhook refusal's reason in {@code errors[].message} ({@code "DuplicateUrlFailed: …"},
 * §6.1), not in {@code detail}. Signed as {@link XApi} signs: the app's bearer token as issued, or the IT
 * account's OAuth 1.0a for the user-context calls.
 */
public final class XAppCalls {

    /** X's answer: its HTTP status (-1 when there was none) and JSON body. */
    public record Answer(int status, JSONObject body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The reason X gives: the prefix of {@code errors[0].message}, else the problem's title. */
        public String reason() {
            String message = message();
            int colon = message.indexOf(':');
            return colon > 0 ? message.substring(0, colon).trim() : message;
        }

        /** Everything X said about a refusal, for a person to read. */
        public String message() {
            JSONArray errors = body.optJSONArray("errors");
            if (errors != null && errors.length() > 0 && errors.optJSONObject(0) != null) {
                String message = errors.optJSONObject(0).optString("message", "");
                if (!message.isEmpty()) {
                    return message;
                }
            }
            String title = body.optString("title", "");
            String detail = body.optString("detail", "");
            return title.isEmpty() ? detail : detail.isEmpty() ? title : title + ": " + detail;
        }
    }

    private final XApi api;

    public XAppCalls(XApi api) {
        this.api = api;
    }

    public Answer getAsApp(String path) {
        return send(() -> api.http().get(api.baseUrl() + path, new HttpParameter[0], api.app(), null));
    }

    public Answer postAsApp(String path, JSONObject body) {
        return send(() -> api.http().post(api.baseUrl() + path, new HttpParameter[]{new HttpParameter(body)}, api.app(), null));
    }

    public Answer putAsApp(String path) {
        return send(() -> api.http().put(api.baseUrl() + path, new HttpParameter[0], api.app(), null));
    }

    public Answer deleteAsApp(String path) {
        return send(() -> api.http().delete(api.baseUrl() + path, new HttpParameter[0], api.app(), null));
    }

    public Answer getAsUser(String path) {
        return send(() -> api.http().get(api.baseUrl() + path, new HttpParameter[0], api.user(), null));
    }

    /** {@code body} null: a POST with no body (Account Activity's subscribe, AAQ's curl). */
    public Answer postAsUser(String path, JSONObject body) {
        Authorization user = api.user();
        HttpParameter[] parameters = body == null ? new HttpParameter[0] : new HttpParameter[]{new HttpParameter(body)};
        return send(() -> api.http().post(api.baseUrl() + path, parameters, user, null));
    }

    private static Answer send(XApi.Request request) {
        try {
            HttpResponse response = request.send();
            return new Answer(response.getStatusCode(), json(response.asString()));
        } catch (TwitterException refused) {
            String message = String.valueOf(refused.getMessage());
            int start = message.indexOf('{');
            return new Answer(refused.getStatusCode(), start < 0 ? new JSONObject() : json(message.substring(start)));
        } catch (XCredentialSource.Unavailable unavailable) {
            return new Answer(-1, new JSONObject().put("title", "credentials unavailable"));
        }
    }

    private static JSONObject json(String text) {
        try {
            return text == null || text.isBlank() ? new JSONObject() : new JSONObject(text);
        } catch (JSONException notJson) {
            return new JSONObject();
        }
    }
}
