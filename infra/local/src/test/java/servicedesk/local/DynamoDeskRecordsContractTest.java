package servicedesk.local;

import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import servicedesk.dynamo.DynamoDeskRecords;
import servicedesk.dynamo.DynamoIncidentStore;
import servicedesk.dynamo.DynamoOutageStore;
import servicedesk.incident.IncidentStore;
import servicedesk.outage.OutageStore;
import servicedesk.records.DeskRecords;
import servicedesk.testing.DeskRecordsContract;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The DynamoDB store keeps the desk store's promises, on DynamoDB Local with the template's table. */
class DynamoDeskRecordsContractTest extends DeskRecordsContract {
    private static final String TABLE = "IncidentsTable";
    private DynamoDbClient dynamo;

    @BeforeEach
    void emptyTable() {
        dynamo = DynamoDbClient.builder()
                .endpointOverride(URI.create(Emulators.dynamoDbLocal().endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        Tables.create(dynamo, CloudFormationTemplate.read(ProjectRoot.find().resolve("template.yaml")), TABLE);
    }

    @AfterEach
    void closeClient() {
        dynamo.close();
    }

    @Override
    protected DeskRecords records() {
        return new DynamoDeskRecords(dynamo, TABLE, Clock.fixed(T0, ZoneOffset.UTC));
    }

    @Override
    protected IncidentStore incidents() {
        return new DynamoIncidentStore(dynamo, TABLE);
    }

    @Override
    protected OutageStore outages() {
        return new DynamoOutageStore(dynamo, TABLE);
    }
}
