package servicedesk.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import servicedesk.format.JsonText;
import servicedesk.format.Log;
import servicedesk.http.HttpRequest;
import servicedesk.http.HttpResponse;
import servicedesk.intake.EventQueue;
import servicedesk.x.DeliverySplitter;
import servicedesk.x.WebhookSignature;
import servicedesk.x.XCredentialSource;
import servicedesk.x.XCredentials;

/**
 * {@code GET|POST /webhooks/twitter}: answers X's CRC challenge, and stores each verified event payload
 * on the events queue before acknowledging, well inside the 10 seconds X allows (x-api/webhooks/introduction.mdx).
 * Nothing is processed here; nothing unverified is stored.
 */
public final class WebhookHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /**
     * Larger than any delivery X makes (its deliveries carry a few events, and a post at most 25,000
     * characters), and under the 6 MB a Lambda invocation can carry: past it, a 413.
     */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    private final XCredentialSource credentials;
    private final EventQueue queue;
    private final Priming priming;
    /** The signature built from the credentials last seen; rebuilt when they change (a rotated secret). */
    private volatile Keyed signature;

    private record Keyed(XCredentials credentials, WebhookSignature signature) {
    }

    public WebhookHandler() {
        this(Desk.ofProcess());
    }

    public WebhookHandler(Desk desk) {
        this.credentials = desk.xCredentials();
        this.queue = desk.eventQueue();
        this.priming = Priming.register(this::prime);
    }

    public WebhookHandler(XCredentialSource credentials, EventQueue queue) {
        this.credentials = credentials;
        this.queue = queue;
        this.priming = null;
    }

    /**
     * The hot path on a sample, short of storing it: verify, read the JSON, answer; and warm the SQS and
     * Secrets Manager clients with read-only calls (the queue's attributes, the secret's metadata). A throwaway
     * key stands in for the real secret, which is never read into a snapshot: reading it is what a restored
     * function's first request still does.
     */
    private void prime() {
        byte[] sample = Priming.samplePayload().getBytes(StandardCharsets.UTF_8);
        WebhookSignature throwaway = new WebhookSignature("priming-only-key", "priming-only-key");
        throwaway.verify(sample, throwaway.signOAuth2(sample), throwaway.sign(sample));
        throwaway.crcResponseToken("primingToken");
        isJsonObject(new String(sample, StandardCharsets.UTF_8));
        try {
            DeliverySplitter.split(new String(sample, StandardCharsets.UTF_8), queue.maxBodyBytes());
        } catch (DeliverySplitter.TooLarge impossible) {
            throw new IllegalStateException(impossible);
        }
        queue.prime();
        credentials.prime();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        HttpRequest request = HttpEvents.request(event);
        return HttpEvents.response(switch (request.method()) {
            case "GET" -> challenge(request.query("crc_token"));
            case "POST" -> receive(request);
            default -> HttpResponse.problem(405, "Method Not Allowed", "Use GET for the CRC check and POST for events");
        });
    }

    private HttpResponse challenge(String crcToken) {
        if (crcToken == null) {
            return HttpResponse.problem(400, "Bad Request", "crc_token is required");
        }
        if (!WebhookSignature.isCrcToken(crcToken)) {
            Log.warn("webhook-crc-token-refused", "length", crcToken.length());
            return HttpResponse.problem(400, "Bad Request", "crc_token is not a CRC token");
        }
        WebhookSignature keys = signature();
        if (keys == null) {
            return notConfigured();
        }
        // The token is "sha256=" and base64: nothing in it needs escaping.
        return HttpResponse.respond(200, "application/json", "{\"response_token\":\"" + keys.crcResponseToken(crcToken) + "\"}");
    }

    private HttpResponse receive(HttpRequest request) {
        WebhookSignature keys = signature();
        if (keys == null) {
            return notConfigured();
        }
        byte[] body = request.body();
        if (body.length > MAX_BODY_BYTES) {
            Log.warn("webhook-body-too-large", "bytes", body.length);
            return HttpResponse.problem(413, "Content Too Large", "A delivery holds at most " + MAX_BODY_BYTES + " bytes");
        }
        if (!keys.verify(body, request.header(WebhookSignature.OAUTH2_HEADER), request.header(WebhookSignature.LEGACY_HEADER))) {
            Log.warn("webhook-signature-rejected", "bytes", body.length);
            return HttpResponse.problem(401, "Unauthorized", "Missing or invalid " + WebhookSignature.OAUTH2_HEADER
                    + " or " + WebhookSignature.LEGACY_HEADER);
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (!isJsonObject(text)) {
            Log.warn("webhook-malformed-json", "bytes", body.length);
            return HttpResponse.problem(400, "Bad Request", "The body is not a JSON object");
        }
        List<String> parts;
        try {
            // A delivery larger than one queue message goes on the queue as several, split by events.
            parts = DeliverySplitter.split(text, queue.maxBodyBytes());
        } catch (DeliverySplitter.TooLarge tooLarge) {
            Log.warn("webhook-event-too-large", "bytes", body.length);
            return HttpResponse.problem(413, "Content Too Large", "An event of this delivery is larger than the desk can queue");
        }
        try {
            for (String part : parts) {
                queue.accept(part);
            }
            if (parts.size() > 1) {
                Log.info("webhook-delivery-split", "bytes", body.length, "parts", parts.size());
            }
        } catch (RuntimeException storeFailed) {
            Log.error("webhook-enqueue-failed", "error", storeFailed.getClass().getSimpleName());
            return HttpResponse.problem(503, "Service Unavailable", "The event could not be stored; please retry");
        }
        return HttpResponse.respond(200, "application/json", "{\"status\":\"accepted\"}");
    }

    /** The keys of the current credentials, or null while the secret is unreadable or not yet set. */
    private WebhookSignature signature() {
        XCredentials current;
        try {
            current = credentials.current();
        } catch (XCredentialSource.Unavailable unavailable) {
            return null;
        }
        if (!current.canVerifyWebhooks()) {
            return null;
        }
        Keyed known = signature;
        if (known == null || !known.credentials().equals(current)) {
            known = new Keyed(current, new WebhookSignature(current.consumerSecret(), current.clientSecret()));
            signature = known;
        }
        return known.signature();
    }

    private static HttpResponse notConfigured() {
        Log.error("webhook-credentials-unavailable");
        return HttpResponse.problem(503, "Service Unavailable",
                "The webhook's X credentials are not set or cannot be read yet; see the README's go-live steps");
    }

    private static boolean isJsonObject(String text) {
        return JsonText.isObject(text);
    }
}
