package servicedesk.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import servicedesk.lambda.AwsClients;
import servicedesk.settings.Environment;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A second cold-start floor: the same SDK clients as {@link SdkClientsOnlyHandler}, making the two calls the
 * webhook cannot do without (read the secret, send the body to the queue) and nothing else: no signature, no
 * JSON, no logging. Against it, the webhook's cold start shows what the desk's own code costs.
 */
public final class SdkCallsOnlyHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final Environment environment;
    private final SqsClient sqs;
    private final SecretsManagerClient secrets;

    public SdkCallsOnlyHandler() {
        this.environment = Environment.ofProcess();
        AwsClients aws = new AwsClients(environment);
        this.sqs = aws.sqs();
        this.secrets = aws.secretsManager();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String secret = secrets.getSecretValue(get -> get.secretId(environment.require("TWITTER_SECRET_ARN"))).secretString();
        sqs.sendMessage(send -> send.queueUrl(environment.require("EVENTS_QUEUE_URL")).messageBody(event.getBody()));
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody(Integer.toString(secret.length())).build();
    }
}
