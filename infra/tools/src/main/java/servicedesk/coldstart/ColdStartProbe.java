package servicedesk.coldstart;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import servicedesk.lambda.Priming;

/**
 * What Lambda does on a cold start, in a fresh JVM on the deployment jar: build the handler (its
 * initialisation) and answer one signed webhook event. Prints the JVM's start-up, the initialisation and
 * the first answer in milliseconds: {@code java -cp functions.jar servicedesk.coldstart.ColdStartProbe
 * <handler class> <body file> <signature> [primed]}, with the function's environment variables set. With
 * {@code primed}, the handler's SnapStart priming runs between the two (as before a snapshot), and the first
 * answer is what a function restored from that snapshot would still do (a second, warm answer follows).
 */
public final class ColdStartProbe {
    private ColdStartProbe() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long mainAt = System.currentTimeMillis();
        String body = Files.readString(Path.of(args[1]));
        long initStart = System.nanoTime();
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Class.forName(args[0]).getConstructor().newInstance();
        long initNanos = System.nanoTime() - initStart;
        boolean primed = args.length > 3 && args[3].equals("primed");
        long primeStart = System.nanoTime();
        if (primed) {
            Priming.runAll();
        }
        long primeNanos = System.nanoTime() - primeStart;
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").build()).build())
                .withHeaders(Map.of("x-twitter-webhooks-signature", args[2], "content-type", "application/json"))
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
        long invokeStart = System.nanoTime();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        long invokeNanos = System.nanoTime() - invokeStart;
        // Primed, a second answer too: a warm one, what the restored function's first is held against.
        long againStart = System.nanoTime();
        int againStatus = primed ? handler.handleRequest(event, null).getStatusCode() : 200;
        long againNanos = System.nanoTime() - againStart;
        System.out.printf("jvm=%d init=%.1f prime=%.1f invoke=%.1f again=%.1f status=%d%n", mainAt - jvmStart,
                initNanos / 1e6, primeNanos / 1e6, invokeNanos / 1e6, againNanos / 1e6,
                againStatus == 200 ? response.getStatusCode() : againStatus);
    }
}
