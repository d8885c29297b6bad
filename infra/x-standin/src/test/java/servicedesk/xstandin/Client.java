package servicedesk.xstandin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A small test client: OAuth 1.0a as the IT account (signed per RFC 5849 with the stand-in's own signer; the
 * signer itself is checked against twitter4j in {@link AuthenticationTest}) or the app's bearer token.
 */
final class Client {
    record Reply(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            return Json.parse(body);
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private final XStandIn x;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    Client(XStandIn x) {
        this.x = x;
    }

    Reply user(String method, String pathAndQuery, String jsonBody) {
        return send(method, pathAndQuery, jsonBody, oauthHeader(method, pathAndQuery, x.options().consumerSecret()));
    }

    Reply userSignedWith(String consumerSecret, String method, String pathAndQuery, String jsonBody) {
        return send(method, pathAndQuery, jsonBody, oauthHeader(method, pathAndQuery, consumerSecret));
    }

    Reply app(String method, String pathAndQuery, String jsonBody) {
        return send(method, pathAndQuery, jsonBody, "Bearer " + x.options().bearerToken());
    }

    Reply withAuthorization(String authorization, String method, String pathAndQuery, String jsonBody) {
        return send(method, pathAndQuery, jsonBody, authorization);
    }

    String oauthHeader(String method, String pathAndQuery, String consumerSecret) {
        Options o = x.options();
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        List<Percent.Param> params = new ArrayList<>(q < 0 ? List.of() : Percent.parseForm(pathAndQuery.substring(q + 1)));
        List<Percent.Param> oauth = List.of(
                new Percent.Param("oauth_consumer_key", o.consumerKey()),
                new Percent.Param("oauth_nonce", UUID.randomUUID().toString().replace("-", "")),
                new Percent.Param("oauth_signature_method", "HMAC-SHA1"),
                new Percent.Param("oauth_timestamp", Long.toString(System.currentTimeMillis() / 1000)),
                new Percent.Param("oauth_token", o.accessToken()),
                new Percent.Param("oauth_version", "1.0"));
        params.addAll(oauth);
        String signature = OAuth1.sign(method, x.baseUrl() + path, params, consumerSecret, o.accessTokenSecret());
        StringBuilder header = new StringBuilder("OAuth ");
        for (Percent.Param p : oauth) {
            header.append(Percent.encode(p.name())).append("=\"").append(Percent.encode(p.value())).append("\", ");
        }
        header.append("oauth_signature=\"").append(Percent.encode(signature)).append('"');
        return header.toString();
    }

    private Reply send(String method, String pathAndQuery, String jsonBody, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(x.baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply tweet(String text) {
        return user("POST", "/2/tweets", Json.write(Json.object().put("text", text)));
    }

    Reply reply(String text, String inReplyTo) {
        var body = Json.object().put("text", text);
        body.putObject("reply").put("in_reply_to_tweet_id", inReplyTo);
        return user("POST", "/2/tweets", Json.write(body));
    }

    Reply dm(String userId, String text) {
        return user("POST", "/2/dm_conversations/with/" + userId + "/messages", Json.write(Json.object().put("text", text)));
    }
}
