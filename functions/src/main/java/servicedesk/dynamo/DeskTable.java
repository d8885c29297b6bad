package servicedesk.dynamo;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import java.time.Instant;
import java.util.Map;
import servicedesk.format.Timestamps;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The layout of the desk's single DynamoDB table (IncidentsTable in template.yaml): every item has
 * {@code pk}, {@code sk} and a {@code type}; {@code at} orders items of a type in the ByType index. Each
 * aggregate has its own mapper ({@link IncidentItems}, {@link TimelineItems}, {@link ClaimItems},
 * {@link OutboxItems}, {@link OutageItems}, {@link AlertItems}, {@link BlockItems}); this class holds the
 * names they share and the attribute helpers.
 *
 * <pre>
 * INCIDENT      pk=INC#INC0000042     sk=INCIDENT           also indexed by state, service, reporterId; opening:
 *                                                           the timeline lines written when it was opened
 * TIMELINE      pk=INC#INC0000042     sk=TL#&lt;when&gt;#&lt;id&gt;
 * CLAIM         pk=CLAIM#tweet:199…   sk=CLAIM              optional incidentNumber, expiresAt (TTL)
 * OUTBOX        pk=MSG#opened:199…    sk=MSG                the stream relays new ones to the sender; queuedAt,
 *                                                           not at: no listing reads messages by type
 * OUTAGE        pk=OUTAGE#OUT0000007  sk=OUTAGE             (outageService, not service: kept out of ByService)
 * OUTAGE_UPDATE pk=OUTAGE#OUT0000007  sk=UPD#&lt;when&gt;#&lt;announcement&gt;
 * ACTIVE        pk=ACTIVE#blackboard  sk=OUTAGE             the service's active outage, one at a time
 * ANNOUNCEMENT  pk=ANN#&lt;id&gt;           sk=ANNOUNCEMENT       the status feed; the stream relays new ones to SNS
 * ALERT         pk=ALERT#&lt;id&gt;         sk=ALERT              the stream relays new ones to IT's alert topic
 * ESCALATION    pk=ESC#&lt;id&gt;           sk=ESCALATION         the stream relays new ones to the on-call topic
 * BLOCKED       pk=BLOCKED#&lt;user&gt;    sk=BLOCKED            the IT account has blocked the user: ignored, sent nothing
 *                                     sk=BLOCKS-ACCOUNT     the user has blocked the IT account: sent nothing
 * REPORTER      pk=REPORTER#&lt;user&gt;   sk=REPORTER           incident_&lt;service&gt;: their incident on record there;
 *                                                           opened_&lt;day&gt;: new incidents that day; expiresAt (TTL)
 * UNSOLICITED   pk=UNSOLICITED#&lt;user&gt;#&lt;day&gt; sk=COUNT  messages the user did not ask for, that day
 * COUNTER       pk=COUNTER            sk=&lt;name&gt;             seq
 * CURSOR        pk=CURSOR#mentions    sk=CURSOR             the newest post (or DM event) reconciliation read back
 * TOTALS        pk=TOTALS             sk=CLOSED             sums over closed incidents, added to as each closes
 * PLAN          pk=PLAN#&lt;lane&gt;      sk=&lt;class&gt;#&lt;when&gt;#&lt;key&gt;   a pending message's place in its lane (see OutboxItems)
 * PLAN          pk=PLAN#LOOKUP        sk=&lt;when&gt;#&lt;key&gt;     an attempt to look into (watchdog, unknown outcome)
 * SENDING       pk=SENDING            sk=LANE#&lt;lane&gt;, PAUSE, LEASE, WAKE   what all senders share
 * SPEND         pk=SPEND              sk=DAY#&lt;day&gt;, INC#&lt;number&gt;   estimated spend on X
 * NODM          pk=NODM#&lt;user&gt;       sk=NODM               X refused a DM to the user: until when it is remembered
 * </pre>
 */
public final class DeskTable {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String TYPE = "type";
    public static final String TYPE_INCIDENT = "INCIDENT";
    public static final String TYPE_TIMELINE = "TIMELINE";
    public static final String TYPE_CLAIM = "CLAIM";
    public static final String TYPE_OUTBOX = "OUTBOX";
    public static final String TYPE_OUTAGE = "OUTAGE";
    public static final String TYPE_OUTAGE_UPDATE = "OUTAGE_UPDATE";
    public static final String TYPE_ANNOUNCEMENT = "ANNOUNCEMENT";
    public static final String TYPE_ALERT = "ALERT";
    public static final String TYPE_ESCALATION = "ESCALATION";
    public static final String BY_STATE = "ByState";
    public static final String BY_SERVICE = "ByService";
    public static final String BY_REPORTER = "ByReporter";
    public static final String BY_TYPE = "ByType";

    private DeskTable() {
    }

    public static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, fromS(pk), SK, fromS(sk));
    }

    public static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    public static Instant instant(Map<String, AttributeValue> item, String name) {
        return parse(s(item, name));
    }

    static Instant parse(String text) {
        return text == null ? null : Timestamps.parse(text);
    }

    static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, fromS(value));
        }
    }

    static void putInstant(Map<String, AttributeValue> item, String name, Instant value) {
        if (value != null) {
            item.put(name, fromS(Timestamps.format(value)));
        }
    }
}
