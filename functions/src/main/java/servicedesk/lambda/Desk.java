package servicedesk.lambda;

import java.time.Clock;
import java.util.function.Supplier;
import servicedesk.catalog.ServiceCatalog;
import servicedesk.cognito.CognitoSignIn;
import servicedesk.cognito.CognitoTokens;
import servicedesk.console.AgentSignIn;
import servicedesk.console.AgentTokens;
import servicedesk.dynamo.DynamoAudience;
import servicedesk.dynamo.DynamoCursors;
import servicedesk.dynamo.DynamoDeskRecords;
import servicedesk.dynamo.DynamoIncidentStore;
import servicedesk.dynamo.DynamoOutageStore;
import servicedesk.dynamo.DynamoOutbox;
import servicedesk.dynamo.DynamoSendingState;
import servicedesk.dynamo.DynamoSpend;
import servicedesk.dynamo.DynamoServiceCatalog;
import servicedesk.incident.IncidentStore;
import servicedesk.intake.Cursors;
import servicedesk.intake.EventQueue;
import servicedesk.intake.XCompliance;
import servicedesk.intake.XReadback;
import servicedesk.messaging.SnsTopicPublisher;
import servicedesk.messaging.SqsAnnouncementQueue;
import servicedesk.messaging.SqsEventQueue;
import servicedesk.messaging.SqsOutboundQueue;
import servicedesk.notify.Audience;
import servicedesk.notify.Messenger;
import servicedesk.notify.OutboundQueue;
import servicedesk.notify.Outbox;
import servicedesk.notify.OutboxReports;
import servicedesk.notify.Sender;
import servicedesk.notify.SendingPolicy;
import servicedesk.notify.SendingState;
import servicedesk.notify.Spend;
import servicedesk.outage.OutageStore;
import servicedesk.records.DeskRecords;
import servicedesk.relay.TopicPublisher;
import servicedesk.settings.DeskSettings;
import servicedesk.settings.Environment;
import servicedesk.targets.OnCallNotices;
import servicedesk.x.TwitterMessenger;
import servicedesk.intake.XWebhooks;
import servicedesk.x.XApi;
import servicedesk.x.XAppCalls;
import servicedesk.x.XComplianceApi;
import servicedesk.x.XWebhooksApi;
import servicedesk.x.XCredentialSource;
import servicedesk.x.XReadbackApi;
import servicedesk.x.XReads;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The composition root: a function's AWS clients, stores, queues and settings, built from its environment
 * (the variables template.yaml gives it) and a clock. Each part is built once, on first use, so a function
 * pays at its cold start only for the parts it uses; every handler takes what it needs from here.
 */
public final class Desk {
    private final Environment environment;
    private final Clock clock;
    private final AwsClients aws;
    private final Once<DynamoDbClient> dynamo;
    private final Once<SqsClient> sqs;
    private final Once<DeskSettings> settings;
    private final Once<DeskRecords> records;
    private final Once<IncidentStore> incidents;
    private final Once<OutageStore> outages;
    private final Once<ServiceCatalog> catalog;

    public Desk(Environment environment, Clock clock) {
        this.environment = environment;
        this.clock = clock;
        this.aws = new AwsClients(environment);
        this.dynamo = new Once<>(aws::dynamoDb);
        this.sqs = new Once<>(aws::sqs);
        this.settings = new Once<>(() -> DeskSettings.from(environment));
        this.records = new Once<>(() -> new DynamoDeskRecords(dynamo.get(), incidentsTable(), clock));
        this.incidents = new Once<>(() -> new DynamoIncidentStore(dynamo.get(), incidentsTable()));
        this.outages = new Once<>(() -> new DynamoOutageStore(dynamo.get(), incidentsTable()));
        this.catalog = new Once<>(() -> new DynamoServiceCatalog(dynamo.get(), environment.require("SERVICES_TABLE"), clock));
    }

    /** What Lambda gives a function: its process environment and the system clock. */
    public static Desk ofProcess() {
        return new Desk(Environment.ofProcess(), Clock.systemUTC());
    }

    public Environment environment() {
        return environment;
    }

    public Clock clock() {
        return clock;
    }

    public DeskSettings settings() {
        return settings.get();
    }

    // ---- the desk's table and the service catalog --------------------------------------------------

    public DeskRecords records() {
        return records.get();
    }

    public IncidentStore incidents() {
        return incidents.get();
    }

    public OutageStore outages() {
        return outages.get();
    }

    public ServiceCatalog catalog() {
        return catalog.get();
    }

    public Outbox outbox() {
        return new DynamoOutbox(dynamo.get(), incidentsTable());
    }

    public SendingState sendingState() {
        return new DynamoSendingState(dynamo.get(), incidentsTable());
    }

    public Spend spend() {
        return new DynamoSpend(dynamo.get(), incidentsTable());
    }

    public SendingPolicy sendingPolicy() {
        return SendingPolicy.from(environment);
    }

    public Audience audience() {
        return new DynamoAudience(dynamo.get(), incidentsTable(),
                Integer.parseInt(environment.orDefault("UNSOLICITED_PER_DAY", "3")));
    }

    // ---- the agents' user pool -------------------------------------------------------------------------

    /** The agents' access tokens, verified against the pool's published keys (from the emulator when one stands in). */
    public AgentTokens agentTokens() {
        String poolId = environment.require("AGENT_POOL_ID");
        String issuer = environment.orDefault("AGENT_TOKEN_ISSUER", "https://cognito-idp."
                + environment.orDefault("AWS_REGION", "us-east-1") + ".amazonaws.com/" + poolId);
        return CognitoTokens.fromJwks(issuer, environment.require("AGENT_POOL_CLIENT_ID"),
                CognitoTokens.jwksUrl(issuer, poolId, environment.optional("AWS_ENDPOINT_URL")), clock);
    }

    public AgentSignIn agentSignIn() {
        return new CognitoSignIn(aws.cognito(), environment.require("AGENT_POOL_ID"), environment.require("AGENT_POOL_CLIENT_ID"));
    }

    // ---- queues and topics --------------------------------------------------------------------------

    public EventQueue eventQueue() {
        return new SqsEventQueue(sqs.get(), environment.require("EVENTS_QUEUE_URL"));
    }

    public OutboundQueue outboundQueue() {
        return new SqsOutboundQueue(sqs.get(), environment.require("OUTBOUND_QUEUE_URL"));
    }

    public SqsAnnouncementQueue affectedReportersQueue() {
        return new SqsAnnouncementQueue(sqs.get(), environment.require("AFFECTED_REPORTERS_QUEUE_URL"));
    }

    public TopicPublisher topics() {
        return new SnsTopicPublisher(aws.sns(), environment.require("ANNOUNCEMENTS_TOPIC_ARN"),
                environment.require("ALERTS_TOPIC_ARN"), environment.require("ONCALL_TOPIC_ARN"));
    }

    // ---- X -----------------------------------------------------------------------------------------

    /** The credentials, read from Secrets Manager on first use (never into a SnapStart snapshot). */
    public XCredentialSource xCredentials() {
        return XCredentialSource.of(environment, aws::secretsManager);
    }

    public Messenger messenger() {
        return new TwitterMessenger(xApi(), settings().accountId());
    }

    /** The outbox's plan as GET /outbox, the agent console, the status page and the metrics show it. */
    public OutboxReports outboxReports() {
        return new OutboxReports(outbox(), sendingState(), spend(), sendingPolicy(), clock);
    }

    /** The sender: works the outbox's plan within X's budgets. */
    public Sender sender() {
        return new Sender(outbox(), messenger(), sendingState(), audience(), spend(), outboundQueue(), incidents(),
                new OnCallNotices(records()), sendingPolicy(), clock);
    }

    /** The IT account's mentions and DM events, read back for reconciliation. */
    public XReadback xReadback() {
        return new XReadbackApi(new XReads(xApi()), settings().accountId());
    }

    /** The app's webhooks and the IT account's subscriptions on X, watched from the reconciler's schedule. */
    public XWebhooks xWebhooks() {
        return new XWebhooksApi(new XAppCalls(xApi()), settings().accountId());
    }

    /** X's batch compliance for posts: how the desk learns of posts deleted by anyone but the IT account. */
    public XCompliance xCompliance() {
        return new XComplianceApi(xApi());
    }

    /** Where reconciliation keeps its place between runs. */
    public Cursors cursors() {
        return new DynamoCursors(dynamo.get(), incidentsTable());
    }

    private XApi xApi() {
        return new XApi(environment.orDefault("TWITTER_API_BASE_URL", XApi.DEFAULT_BASE_URL), xCredentials());
    }

    private String incidentsTable() {
        return environment.require("INCIDENTS_TABLE");
    }

    /** A part built on first use and kept. */
    private static final class Once<T> implements Supplier<T> {
        private final Supplier<T> build;
        private T value;

        Once(Supplier<T> build) {
            this.build = build;
        }

        @Override
        public synchronized T get() {
            if (value == null) {
                value = build.get();
            }
            return value;
        }
    }
}
