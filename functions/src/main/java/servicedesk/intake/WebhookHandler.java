package servicedesk.intake;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import servicedesk.wiring.AwsClients;
import servicedesk.wiring.Environment;
import servicedesk.wiring.Http;
import servicedesk.wiring.JsonText;
import servicedesk.wiring.Log;
import servicedesk.wiring.Priming;
import servicedesk.x.XCredentials;

/**
 * {@code GET|POST /webhooks/twitter}: answers X's CRC challenge, and stores each verified event payload
 * on the events queue before acknowledging, well inside X's three-second deadline. Nothing is processed
 * here; nothing unverified is stored.
 */
public final class WebhookHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final String SIGNATURE_HEADER = "x-twitter-webhooks-signature";

    private final WebhookSignature signature;
    private final EventQueue queue;
    private final Priming priming;

    public WebhookHandler() {
        this(Environment.ofProcess());
    }

    public WebhookHandler(Environment environment) {
        AwsClients aws = new AwsClients(environment);
        this.signature = new WebhookSignature(XCredentials.load(environment, aws.secretsManager()).consumerSecret());
        this.queue = new SqsEventQueue(aws.sqs(), environment.require("EVENTS_QUEUE_URL"));
        this.priming = Priming.register(this::prime);
    }

    public WebhookHandler(WebhookSignature signature, EventQueue queue) {
        this.signature = signature;
        this.queue = queue;
        this.priming = null;
    }

    /** The hot path on a sample, short of storing it: verify, read the JSON, answer; and warm the SQS client. */
    private void prime() {
        byte[] sample = Priming.samplePayload().getBytes(StandardCharsets.UTF_8);
        signature.verify(sample, signature.sign(sample));
        isJsonObject(new String(sample, StandardCharsets.UTF_8));
        challenge("priming");
        queue.prime();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return switch (Http.method(event)) {
            case "GET" -> challenge(Http.query(event, "crc_token"));
            case "POST" -> receive(event);
            default -> Http.problem(405, "Method Not Allowed", "Use GET for the CRC check and POST for events");
        };
    }

    private APIGatewayV2HTTPResponse challenge(String crcToken) {
        if (crcToken == null || crcToken.isEmpty()) {
            return Http.problem(400, "Bad Request", "crc_token is required");
        }
        // The token is "sha256=" and base64: nothing in it needs escaping.
        return Http.respond(200, "application/json", "{\"response_token\":\"" + signature.crcResponseToken(crcToken) + "\"}");
    }

    private APIGatewayV2HTTPResponse receive(APIGatewayV2HTTPEvent event) {
        byte[] body = Http.rawBody(event);
        if (!signature.verify(body, Http.header(event, SIGNATURE_HEADER))) {
            Log.warn("webhook-signature-rejected", "bytes", body.length);
            return Http.problem(401, "Unauthorized", "Missing or invalid " + SIGNATURE_HEADER);
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (!isJsonObject(text)) {
            Log.warn("webhook-malformed-json", "bytes", body.length);
            return Http.problem(400, "Bad Request", "The body is not a JSON object");
        }
        try {
            queue.accept(text);
        } catch (RuntimeException storeFailed) {
            Log.error("webhook-enqueue-failed", "error", storeFailed.getClass().getSimpleName());
            return Http.problem(503, "Service Unavailable", "The event could not be stored; please retry");
        }
        return Http.respond(200, "application/json", "{\"status\":\"accepted\"}");
    }

    private static boolean isJsonObject(String text) {
        return JsonText.isObject(text);
    }
}
