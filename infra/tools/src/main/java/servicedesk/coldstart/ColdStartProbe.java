package servicedesk.coldstart;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What Lambda does on a cold start, in a fresh JVM on the deployment jar: build the handler (its
 * initialisation) and answer one signed webhook event. Prints the JVM's start-up, the initialisation and
 * the first answer in milliseconds: {@code java -cp functions.jar servicedesk.coldstart.ColdStartProbe
 * <handler class> <body file> <signature>}, with the function's environment variables set.
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
        System.out.printf("jvm=%d init=%.1f invoke=%.1f status=%d%n", mainAt - jvmStart, initNanos / 1e6, invokeNanos / 1e6,
                response.getStatusCode());
    }
}
