package servicedesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import servicedesk.dynamo.DynamoDeskRecords;
import servicedesk.dynamo.DynamoIncidentStore;
import servicedesk.dynamo.DynamoOutageStore;
import servicedesk.incident.Incident;
import servicedesk.incident.IncidentStore;
import servicedesk.incident.TimelineEntry;
import servicedesk.notify.OutboundMessage;
import servicedesk.outage.OutageStore;
import servicedesk.records.Change;
import servicedesk.records.Claim;
import servicedesk.records.DeskRecords;
import servicedesk.testing.DeskRecordsContract;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/** The DynamoDB store keeps the desk store's promises, on DynamoDB Local with the template's table. */
class DynamoDeskRecordsContractTest extends DeskRecordsContract {
    private static final String TABLE = "IncidentsTable";
    private DynamoDbClient dynamo;
    private final AtomicInteger transactions = new AtomicInteger();

    @BeforeEach
    void emptyTable() {
        dynamo = DynamoDbClient.builder()
                .endpointOverride(URI.create(Emulators.dynamoDbLocal().endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(configuration -> configuration.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof TransactWriteItemsRequest) {
                            transactions.incrementAndGet();
                        }
                    }
                }))
                .build();
        Tables.create(dynamo, CloudFormationTemplate.read(ProjectRoot.find().resolve("template.yaml")), TABLE);
    }

    @Test
    void aBatchOfReportsSharesItsTransactionsAndEachReportIsThreeItems() throws Exception {
        DeskRecords records = records();
        List<Future<Boolean>> commits = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 1; i <= 10; i++) {
                Incident opened = incident(Incident.numberOf(i), "wifi", "42", T0);
                Change report = Change.of(new Change.OpenIncident(opened),
                        new Change.AddNote(opened.number(), new TimelineEntry("opened:" + i, T0, TimelineEntry.Kind.OPENED, "42", "opened")),
                        new Change.QueueMessage(OutboundMessage.directMessage("opened:" + i, "42", "hello", opened.number())));
                commits.add(threads.submit(() -> {
                    start.await();
                    return records.commit(Claim.tweet(opened.sourceTweetId(), opened.number()), report);
                }));
            }
            start.countDown();
        }
        for (Future<Boolean> commit : commits) {
            assertThat(commit.get()).isTrue();
        }

        // Side by side they share transactions (one, mostly; a slow start can make it two or three).
        assertThat(transactions.get()).isBetween(1, 5);
        // The claim, the incident with its opening line, the message: no item of its own for the line.
        assertThat(dynamo.scan(scan -> scan.tableName(TABLE)).items())
                .extracting(item -> item.get("type").s())
                .containsOnly("CLAIM", "INCIDENT", "OUTBOX").hasSize(30);
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
