package servicedesk.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import servicedesk.format.Json;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** DynamoDB stream records as the SDK reads them, turned into the Lambda event a stream trigger delivers. */
final class StreamRecords {
    private StreamRecords() {
    }

    static DynamodbEvent.DynamodbStreamRecord toLambda(Record record, String streamArn) {
        DynamodbEvent.DynamodbStreamRecord lambda = new DynamodbEvent.DynamodbStreamRecord();
        lambda.setEventID(record.eventID());
        lambda.setEventName(record.eventNameAsString());
        lambda.setEventSource("aws:dynamodb");
        lambda.setEventVersion("1.1");
        lambda.setAwsRegion("us-east-1");
        lambda.setEventSourceARN(streamArn);
        StreamRecord stream = new StreamRecord();
        var source = record.dynamodb();
        stream.setSequenceNumber(source.sequenceNumber());
        stream.setSizeBytes(source.sizeBytes());
        stream.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.fromValue(source.streamViewTypeAsString()));
        if (source.approximateCreationDateTime() != null) {
            stream.setApproximateCreationDateTime(Date.from(source.approximateCreationDateTime()));
        }
        stream.setKeys(image(source.keys()));
        if (source.hasNewImage()) {
            stream.setNewImage(image(source.newImage()));
        }
        if (source.hasOldImage()) {
            stream.setOldImage(image(source.oldImage()));
        }
        lambda.setDynamodb(stream);
        return lambda;
    }

    /** The record in the JSON shape event filter patterns are written against. */
    static JsonNode forFiltering(Record record) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("eventName", record.eventNameAsString());
        ObjectNode dynamodb = node.putObject("dynamodb");
        if (record.dynamodb().hasNewImage()) {
            dynamodb.set("NewImage", json(record.dynamodb().newImage()));
        }
        if (record.dynamodb().hasOldImage()) {
            dynamodb.set("OldImage", json(record.dynamodb().oldImage()));
        }
        dynamodb.set("Keys", json(record.dynamodb().keys()));
        return node;
    }

    private static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image(
            Map<String, AttributeValue> attributes) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image = new LinkedHashMap<>();
        attributes.forEach((name, value) -> image.put(name, convert(value)));
        return image;
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue convert(AttributeValue value) {
        var converted = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        switch (value.type()) {
            case S -> converted.setS(value.s());
            case N -> converted.setN(value.n());
            case B -> converted.setB(value.b().asByteBuffer());
            case SS -> converted.setSS(value.ss());
            case NS -> converted.setNS(value.ns());
            case BS -> converted.setBS(value.bs().stream().map(bytes -> ByteBuffer.wrap(bytes.asByteArray())).toList());
            case M -> converted.setM(image(value.m()));
            case L -> converted.setL(value.l().stream().map(StreamRecords::convert).toList());
            case BOOL -> converted.setBOOL(value.bool());
            case NUL -> converted.setNULL(true);
            default -> throw new IllegalArgumentException("Unknown attribute type " + value.type());
        }
        return converted;
    }

    private static ObjectNode json(Map<String, AttributeValue> attributes) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        attributes.forEach((name, value) -> node.set(name, json(value)));
        return node;
    }

    private static ObjectNode json(AttributeValue value) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        switch (value.type()) {
            case S -> node.put("S", value.s());
            case N -> node.put("N", value.n());
            case BOOL -> node.put("BOOL", value.bool());
            case NUL -> node.put("NULL", true);
            case M -> node.set("M", json(value.m()));
            case SS, NS -> {
                ArrayNode items = node.putArray(value.type().name());
                (value.type() == AttributeValue.Type.SS ? value.ss() : value.ns()).forEach(items::add);
            }
            case L -> {
                ArrayNode items = node.putArray("L");
                value.l().forEach(item -> items.add(json(item)));
            }
            default -> node.put(value.type().name(), "");
        }
        return node;
    }

    static List<DynamodbEvent.DynamodbStreamRecord> toLambda(List<Record> records, String streamArn) {
        return records.stream().map(record -> toLambda(record, streamArn)).toList();
    }
}
