package servicedesk.xstandin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The error bodies X answers with, each from the reference note (docs/x-api-reference.md, "§n") or a field
 * report where X's pages are silent. Problem types keep the host each source shows ({@code api.x.com} or the
 * older {@code api.twitter.com}): a client must match on the path's last segment, as the note says.
 */
final class Problems {
    static final String X = "https://api.x.com/2/problems/";
    static final String TWITTER = "https://api.twitter.com/2/problems/";

    private Problems() {
    }

    private static ObjectNode problem(String title, String detail, String type, Integer status) {
        ObjectNode body = Json.object();
        body.put("title", title);
        body.put("detail", detail);
        body.put("type", type);
        if (status != null) {
            body.put("status", status);
        }
        return body;
    }

    /** 401 for a missing, malformed or wrong credential. Field report: X v2's body for any failed authentication. */
    static Answer unauthorized() {
        return Answer.problem(401, problem("Unauthorized", "Unauthorized", "about:blank", 401));
    }

    /**
     * 403 for a valid credential of the wrong kind. Field reports (the same text in several clients):
     * app-only on a user-context endpoint, or a user token on an app-only one.
     */
    static Answer unsupportedAuthentication(boolean appOnlyUsed) {
        String detail = appOnlyUsed
                ? "Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context]."
                : "Authenticating with OAuth 1.0a User Context is forbidden for this endpoint.  Supported authentication types are [OAuth 2.0 Application-Only].";
        return Answer.problem(403, problem("Unsupported Authentication", detail, TWITTER + "unsupported-authentication", 403));
    }

    /**
     * 400 with reasons in {@code errors[].message}: the shape of X's webhook failures (§6.1, WI) and of its
     * request validation ("One or more parameters to your request was invalid.").
     */
    static Answer invalidRequest(List<String> messages) {
        ObjectNode body = Json.object();
        ArrayNode errors = body.putArray("errors");
        for (String message : messages) {
            errors.addObject().put("message", message);
        }
        body.put("title", "Invalid Request");
        body.put("detail", "One or more parameters to your request was invalid.");
        body.put("type", TWITTER + "invalid-request");
        return Answer.problem(400, body);
    }

    static Answer invalidRequest(String message) {
        return invalidRequest(List.of(message));
    }

    /** 400 about one query or path parameter, naming it and the value sent (X's validation errors). */
    static Answer invalidParameter(String name, String value, String message) {
        ObjectNode body = Json.object();
        ObjectNode error = body.putArray("errors").addObject();
        error.putObject("parameters").putArray(name).add(value);
        error.put("message", message);
        body.put("title", "Invalid Request");
        body.put("detail", "One or more parameters to your request was invalid.");
        body.put("type", TWITTER + "invalid-request");
        return Answer.problem(400, body);
    }

    /** §10 (RL): the 429 body of a rate limit. */
    static Answer rateLimited() {
        ObjectNode body = Json.object();
        body.putArray("errors").addObject().put("code", 88).put("message", "Rate limit exceeded");
        return Answer.json(429, body);
    }

    /**
     * 402 on an empty credit balance. Not in X's pages (§9, gap 4); field report: clients handle 402 with
     * type {@code https://api.x.com/2/problems/credits-depleted} and title {@code CreditsDepleted}.
     */
    static Answer creditsDepleted(String appId) {
        ObjectNode body = problem("CreditsDepleted",
                "Your enrolled account [" + appId + "] does not have any credits to fulfill this request.",
                X + "credits-depleted", null);
        body.put("account_id", appId);
        return Answer.problem(402, body);
    }

    /** 429 usage cap, §9: the body of xdevplatform/xdk issue #25 (field report), verbatim but for the account id. */
    static Answer usageCapped(String appId) {
        ObjectNode body = Json.object();
        body.put("account_id", appId);
        body.put("product_name", "standard-basic");
        body.put("title", "UsageCapExceeded");
        body.put("period", "Monthly");
        body.put("scope", "Product");
        body.put("detail", "Usage cap exceeded: Monthly product cap");
        body.put("type", TWITTER + "usage-capped");
        return Answer.problem(429, body);
    }

    /** 403 for tokens without the endpoint's app permission: the body field reports quote (not in X's pages). */
    static Answer oauth1Permissions() {
        return Answer.problem(403, problem("Forbidden",
                "Your client app is not configured with the appropriate oauth1 app permissions for this endpoint.",
                X + "oauth1-permissions", 403));
    }

    /** 403 client-forbidden, §9 (RC-old example), for this app's id. */
    static Answer clientForbidden(String appId) {
        ObjectNode body = Json.object();
        body.put("client_id", appId);
        body.put("required_enrollment", "Standard Basic");
        body.put("registration_url", "https://developer.twitter.com/en/account");
        body.put("title", "Client Forbidden");
        body.put("detail", "This request must be made using an approved developer account that is enrolled in the requested endpoint. Learn more by visiting our documentation.");
        body.put("reason", "client-not-enrolled");
        body.put("type", X + "client-forbidden");
        return Answer.problem(403, body);
    }

    /**
     * A DM the recipient does not accept (their settings, or a block either way). OA names the problem type
     * (§2); its HTTP status is not documented: 403, because DMI's error table files "Cannot send to user ...
     * may have blocked you" under 403 Forbidden and client code seen in the wild receives it as a 403.
     */
    static Answer recipientNotMessageable() {
        return Answer.problem(403, problem("Recipient Not Messageable",
                "You cannot send Direct Messages to this user: they do not accept them from you.",
                X + "recipient-not-messageable", 403));
    }

    /**
     * A reply the self-serve restriction refuses (§1, gap 1: not documented). Field reports (2026-05..09,
     * several clients) show HTTP 403 with this detail; the type and title are taken from X's other
     * documented 403 on this endpoint (CP's video-length example). Match on 403 + the reply, not the text.
     */
    static Answer replyNotAllowed() {
        return Answer.problem(403, problem("Forbidden",
                "You can only reply to or quote posts where you are mentioned or are the author.", "about:blank", 403));
    }

    /** Field report (§1, gap 2): akrherz/iembot #163, verbatim. */
    static Answer duplicateContent() {
        return Answer.problem(403, problem("Forbidden",
                "You are not allowed to create a Tweet with duplicate content.", "about:blank", 403));
    }

    /**
     * A reply to a post that is deleted, unknown, or hidden by a block. Not documented; the text is X's as
     * seen in client code that matches on it (field report).
     */
    static Answer replyTargetNotVisible() {
        return Answer.problem(403, problem("Forbidden",
                "You attempted to reply to a Tweet that is deleted or not visible to you.", "about:blank", 403));
    }

    /** CP: quote posts need an Enterprise plan on self-serve tiers; the status is not documented, 403 chosen. */
    static Answer quoteNotAllowed() {
        return Answer.problem(403, problem("Forbidden",
                "Quoting posts through the API requires an Enterprise plan.", "about:blank", 403));
    }

    /** MTG: at most 1 cashtag per post created through the API; the status is not documented, 403 chosen. */
    static Answer tooManyCashtags() {
        return Answer.problem(403, problem("Forbidden",
                "Posts created via the API are limited to a maximum of 1 cashtag.", "about:blank", 403));
    }

    /** RC-old: 503 "wait and retry". */
    static Answer serviceUnavailable() {
        return Answer.problem(503, problem("Service Unavailable", "Service Unavailable", "about:blank", 503));
    }

    static Answer notFound() {
        return Answer.problem(404, problem("Not Found Error", "Sorry, that page does not exist.",
                X + "resource-not-found", 404));
    }
}
