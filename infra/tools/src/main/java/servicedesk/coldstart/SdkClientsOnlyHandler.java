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
 * The cold-start floor the webhook is measured against: a handler in the same jar that builds the same
 * AWS SDK clients the webhook builds, and does nothing else.
 */
public final class SdkClientsOnlyHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final SqsClient sqs;
    private final SecretsManagerClient secrets;

    public SdkClientsOnlyHandler() {
        this(Environment.ofProcess());
    }

    public SdkClientsOnlyHandler(Environment environment) {
        AwsClients aws = new AwsClients(environment);
        this.sqs = aws.sqs();
        this.secrets = aws.secretsManager();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withBody(sqs.serviceName() + "," + secrets.serviceName()).build();
    }
}
