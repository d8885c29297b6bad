package servicedesk.lambda;

import java.net.URI;
import java.time.Duration;
import servicedesk.settings.Environment;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the AWS SDK clients a function uses: the URL-connection HTTP client (the smallest and fastest to
 * start), the region Lambda gives, and the standard {@code AWS_ENDPOINT_URL} (or {@code AWS_ENDPOINT_URL_DYNAMODB}
 * for DynamoDB) when a local emulator stands in.
 */
public final class AwsClients {
    private final Environment environment;
    private final SdkHttpClient httpClient;

    public AwsClients(Environment environment) {
        this.environment = environment;
        this.httpClient = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(10))
                .build();
    }

    public DynamoDbClient dynamoDb() {
        DynamoDbClientBuilder builder = configure(DynamoDbClient.builder()).httpClient(httpClient);
        // The SDK's service-specific override, for a local DynamoDB beside another emulator.
        environment.optional("AWS_ENDPOINT_URL_DYNAMODB").ifPresent(url -> builder.endpointOverride(URI.create(url)));
        return builder.build();
    }

    public SqsClient sqs() {
        return configure(SqsClient.builder()).httpClient(httpClient).build();
    }

    public SnsClient sns() {
        return configure(SnsClient.builder()).httpClient(httpClient).build();
    }

    public SecretsManagerClient secretsManager() {
        return configure(SecretsManagerClient.builder()).httpClient(httpClient).build();
    }

    public CognitoIdentityProviderClient cognito() {
        return configure(CognitoIdentityProviderClient.builder()).httpClient(httpClient).build();
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        builder.region(Region.of(environment.orDefault("AWS_REGION", "us-east-1")));
        environment.optional("AWS_ENDPOINT_URL").ifPresent(url -> builder.endpointOverride(URI.create(url)));
        return builder;
    }
}
