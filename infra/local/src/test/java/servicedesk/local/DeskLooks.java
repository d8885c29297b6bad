package servicedesk.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import servicedesk.format.Json;
import software.amazon.awssdk.services.sqs.model.Message;

/** What a test looks at on a deployed desk: its API's answers, its queues, its table, what its topics published. */
final class DeskLooks {
    private DeskLooks() {
    }

    /** The API's JSON answer, with its HTTP status as {@code _status}. */
    static JsonNode getJson(LocalDeployment desk, String path, Map<String, String> query) {
        APIGatewayV2HTTPResponse response = desk.http("GET", path, query, Map.of(), null);
        try {
            JsonNode body = Json.MAPPER.readTree(response.getBody());
            ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("_status", response.getStatusCode());
            return body;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A queue subscribed to one of the template's topics, to see what it published (a new one for every deployment). */
    static String subscribe(LocalDeployment desk, String topicLogicalId) {
        String name = "test-" + topicLogicalId + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String url = desk.sqs.createQueue(create -> create.queueName(name)).queueUrl();
        desk.sns.subscribe(subscribe -> subscribe.topicArn(desk.topicArn(topicLogicalId)).protocol("sqs")
                .endpoint("arn:aws:sqs:us-east-1:" + desk.account() + ":" + name).attributes(Map.of("RawMessageDelivery", "true")));
        return url;
    }

    /** Everything on the queue, taken off it: a later call sees only what arrived since. */
    static List<String> received(LocalDeployment desk, String queueUrl) {
        List<String> bodies = new ArrayList<>();
        List<Message> messages;
        do {
            messages = desk.sqs.receiveMessage(receive -> receive.queueUrl(queueUrl).maxNumberOfMessages(10)).messages();
            for (Message message : messages) {
                bodies.add(message.body());
                desk.sqs.deleteMessage(delete -> delete.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        } while (!messages.isEmpty());
        return bodies;
    }

    static int messagesOn(LocalDeployment desk, String queueLogicalId) {
        return Integer.parseInt(desk.sqs.getQueueAttributes(get -> get.queueUrl(desk.queueUrl(queueLogicalId))
                        .attributeNamesWithStrings("ApproximateNumberOfMessages"))
                .attributesAsStrings().get("ApproximateNumberOfMessages"));
    }

    /** Every item in the incidents table, as text, to check what was (not) stored. */
    static String everythingStored(LocalDeployment desk) {
        StringBuilder all = new StringBuilder();
        desk.dynamo.scanPaginator(scan -> scan.tableName(desk.tableName("IncidentsTable")))
                .items().forEach(item -> all.append(item).append('\n'));
        return all.toString();
    }
}
