package servicedesk.local;

import static servicedesk.local.CloudFormationTemplate.list;
import static servicedesk.local.CloudFormationTemplate.map;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** A table of template.yaml (keys, indexes, stream, TTL) created in DynamoDB Local, named by its logical id. */
public final class Tables {
    private Tables() {
    }

    /** The template's table {@code logicalId}, created anew (an existing one is dropped first). */
    public static TableDescription create(DynamoDbClient dynamo, CloudFormationTemplate template, String logicalId) {
        if (dynamo.listTables().tableNames().contains(logicalId)) {
            dynamo.deleteTable(delete -> delete.tableName(logicalId));
        }
        return create(dynamo, logicalId, map(template.resourcesOfType("AWS::DynamoDB::Table").get(logicalId).get("Properties")));
    }

    static TableDescription create(DynamoDbClient dynamo, String id, Map<String, Object> properties) {
        CreateTableRequest.Builder table = CreateTableRequest.builder()
                .tableName(id)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(list(properties.get("AttributeDefinitions")).stream().map(definition ->
                        AttributeDefinition.builder()
                                .attributeName((String) map(definition).get("AttributeName"))
                                .attributeType((String) map(definition).get("AttributeType")).build()).toList())
                .keySchema(keySchema(properties.get("KeySchema")));
        List<GlobalSecondaryIndex> indexes = list(properties.get("GlobalSecondaryIndexes")).stream().map(index ->
                GlobalSecondaryIndex.builder()
                        .indexName((String) map(index).get("IndexName"))
                        .keySchema(keySchema(map(index).get("KeySchema")))
                        .projection(Projection.builder()
                                .projectionType((String) map(map(index).get("Projection")).get("ProjectionType")).build())
                        .build()).toList();
        if (!indexes.isEmpty()) {
            table.globalSecondaryIndexes(indexes);
        }
        Map<String, Object> stream = map(properties.get("StreamSpecification"));
        if (!stream.isEmpty()) {
            table.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                    .streamViewType((String) stream.get("StreamViewType")).build());
        }
        TableDescription created = dynamo.createTable(table.build()).tableDescription();
        Map<String, Object> ttl = map(properties.get("TimeToLiveSpecification"));
        if (Boolean.TRUE.equals(ttl.get("Enabled"))) {
            dynamo.updateTimeToLive(update -> update.tableName(id).timeToLiveSpecification(spec -> spec
                    .attributeName((String) ttl.get("AttributeName")).enabled(true)));
        }
        return created;
    }

    private static List<KeySchemaElement> keySchema(Object schema) {
        return list(schema).stream().map(key -> KeySchemaElement.builder()
                .attributeName((String) map(key).get("AttributeName"))
                .keyType((String) map(key).get("KeyType")).build()).toList();
    }
}
