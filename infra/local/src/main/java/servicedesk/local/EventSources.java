package servicedesk.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import servicedesk.format.Json;
import servicedesk.format.Log;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Lambda's event source mappings, played locally: SQS queues are polled and delivered in batches with
 * partial-batch failures (a failed message goes back on the queue, and the queue's redrive policy parks
 * it on its dead-letter queue); DynamoDB streams are read in order, filtered, retried, and given up on to
 * the on-failure destination.
 */
final class EventSources {
    /** How long the background pollers leave a failed message before it is retried (Lambda: the visibility timeout). */
    private static final int RETRY_AFTER_SECONDS = 1;

    sealed interface Source permits QueueSource, StreamSource, ScheduleSource {
        String functionId();
    }

    /** An EventBridge schedule: only background polling fires it; tests invoke the function themselves. */
    record ScheduleSource(String functionId, java.time.Duration every) implements Source {
    }

    record QueueSource(String functionId, String queueUrl, int batchSize) implements Source {
    }

    record StreamSource(String functionId, String streamArn, int batchSize, int maximumRetryAttempts,
                        String onFailureQueueUrl, List<JsonNode> filters) implements Source {
    }

    private final List<Source> sources;
    private final Map<String, LocalFunction> functions;
    private final SqsClient sqs;
    private final DynamoDbStreamsClient streams;
    /** Where each stream shard has been read to: the next iterator. */
    private final Map<String, String> shardIterators = new java.util.concurrent.ConcurrentHashMap<>();
    private final Set<String> finishedShards = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The last record read from each shard, to pick up after it with a fresh iterator. */
    private final Map<String, String> lastSequence = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Thread> pollers = new ArrayList<>();

    EventSources(List<Source> sources, Map<String, LocalFunction> functions, SqsClient sqs, DynamoDbStreamsClient streams) {
        this.sources = List.copyOf(sources);
        this.functions = functions;
        this.sqs = sqs;
        this.streams = streams;
    }

    /**
     * Every source once, one after another: deterministic, for tests. A message that fails is back on its
     * queue at once, so pumping until nothing moves also takes it through its retries to its dead-letter
     * queue, without waiting. @return how many records were delivered
     */
    synchronized int pumpOnce() {
        int delivered = 0;
        for (Source source : sources) {
            if (!(source instanceof ScheduleSource)) {
                delivered += pump(source, 0);
            }
        }
        return delivered;
    }

    /** Polls each source on its own thread, as Lambda's pollers do, until {@link #stopPolling()}. */
    synchronized void startPolling() {
        for (Source source : sources) {
            if (source instanceof ScheduleSource schedule) {
                pollers.add(Thread.ofPlatform().daemon().name("schedule-" + schedule.functionId()).start(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        MotoServer.sleep(schedule.every().toMillis());
                        pump(schedule, RETRY_AFTER_SECONDS);
                    }
                }));
                continue;
            }
            Thread poller = Thread.ofPlatform().daemon().name("poller-" + source.functionId()).start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    // Short polls and a pause when idle: moto's long polls spin and starve everything else.
                    if (pump(source, RETRY_AFTER_SECONDS) == 0) {
                        MotoServer.sleep(200);
                    }
                }
            });
            pollers.add(poller);
        }
    }

    synchronized void stopPolling() {
        pollers.forEach(Thread::interrupt);
        pollers.clear();
    }

    /** @param retryAfterSeconds when a failed message is back on its queue */
    private int pump(Source source, int retryAfterSeconds) {
        try {
            return switch (source) {
                case QueueSource queue -> pump(queue, retryAfterSeconds);
                case StreamSource stream -> pump(stream);
                case ScheduleSource schedule -> {
                    ScheduledEvent event = new ScheduledEvent();
                    event.setSource("aws.events");
                    event.setDetailType("Scheduled Event");
                    functions.get(schedule.functionId()).invoke(event);
                    yield 1;
                }
            };
        } catch (RuntimeException unavailable) {
            // As Lambda's pollers do, keep polling: the source may come back.
            Log.warn("local-event-source-unavailable", "function", source.functionId(), "error", String.valueOf(unavailable));
            return 0;
        }
    }

    private int pump(QueueSource source, int retryAfterSeconds) {
        List<Message> messages = sqs.receiveMessage(receive -> receive.queueUrl(source.queueUrl())
                .maxNumberOfMessages(Math.min(10, source.batchSize()))
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")
                .waitTimeSeconds(0)).messages();
        if (messages.isEmpty()) {
            return 0;
        }
        SQSEvent event = new SQSEvent();
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message message : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(message.messageId());
            record.setReceiptHandle(message.receiptHandle());
            record.setBody(message.body());
            record.setMd5OfBody(message.md5OfBody());
            record.setEventSource("aws:sqs");
            record.setAwsRegion(Provisioning.REGION);
            record.setEventSourceArn(source.queueUrl());
            Map<String, String> attributes = new HashMap<>();
            message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
            record.setAttributes(attributes);
            Map<String, SQSEvent.MessageAttribute> messageAttributes = new HashMap<>();
            message.messageAttributes().forEach((name, value) -> {
                SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
                attribute.setDataType(value.dataType());
                attribute.setStringValue(value.stringValue());
                messageAttributes.put(name, attribute);
            });
            record.setMessageAttributes(messageAttributes);
            records.add(record);
        }
        event.setRecords(records);
        Set<String> failed = new HashSet<>();
        try {
            SQSBatchResponse response = (SQSBatchResponse) functions.get(source.functionId()).invoke(event);
            if (response != null && response.getBatchItemFailures() != null) {
                response.getBatchItemFailures().forEach(failure -> failed.add(failure.getItemIdentifier()));
            }
        } catch (RuntimeException crash) {
            Log.error("local-function-crashed", "function", source.functionId(), "error", String.valueOf(crash));
            messages.forEach(message -> failed.add(message.messageId()));
        }
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        List<ChangeMessageVisibilityBatchRequestEntry> retry = new ArrayList<>();
        for (Message message : messages) {
            if (failed.contains(message.messageId())) {
                // Back on the queue shortly (Lambda waits out the visibility timeout; locally that is too slow).
                retry.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(message.messageId())
                        .receiptHandle(message.receiptHandle()).visibilityTimeout(retryAfterSeconds).build());
            } else {
                done.add(DeleteMessageBatchRequestEntry.builder().id(message.messageId())
                        .receiptHandle(message.receiptHandle()).build());
            }
        }
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(delete -> delete.queueUrl(source.queueUrl()).entries(done));
        }
        if (!retry.isEmpty()) {
            sqs.changeMessageVisibilityBatch(change -> change.queueUrl(source.queueUrl()).entries(retry));
        }
        return messages.size();
    }

    private int pump(StreamSource source) {
        int delivered = 0;
        List<Shard> shards = streams.describeStream(describe -> describe.streamArn(source.streamArn()))
                .streamDescription().shards();
        for (Shard shard : shards) {
            String shardKey = source.functionId() + "/" + shard.shardId();
            if (finishedShards.contains(shardKey)) {
                continue;
            }
            String iterator = shardIterators.computeIfAbsent(shardKey, key -> iterator(source, shard, null));
            GetRecordsResponse page;
            try {
                page = streams.getRecords(get -> get.shardIterator(iterator).limit(source.batchSize()));
            } catch (TrimmedDataAccessException | ExpiredIteratorException stale) {
                // Iterators go stale (DynamoDB Local's do after an empty read): carry on after the last record read.
                shardIterators.put(shardKey, iterator(source, shard, lastSequence.get(shardKey)));
                continue;
            }
            if (page.nextShardIterator() == null) {
                finishedShards.add(shardKey);
            } else {
                shardIterators.put(shardKey, page.nextShardIterator());
            }
            if (!page.records().isEmpty()) {
                lastSequence.put(shardKey, page.records().get(page.records().size() - 1).dynamodb().sequenceNumber());
            }
            List<Record> records = page.records().stream()
                    .filter(record -> source.filters().isEmpty() || source.filters().stream()
                            .anyMatch(filter -> EventPattern.matches(filter, StreamRecords.forFiltering(record))))
                    .toList();
            if (!records.isEmpty()) {
                deliver(source, records);
                delivered += records.size();
            }
        }
        return delivered;
    }

    private String iterator(StreamSource source, Shard shard, String afterSequence) {
        return streams.getShardIterator(get -> {
            get.streamArn(source.streamArn()).shardId(shard.shardId());
            if (afterSequence == null) {
                get.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
            } else {
                get.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(afterSequence);
            }
        }).shardIterator();
    }

    /** In order; on a reported failure, retries from the failed record, then gives the rest to the on-failure queue. */
    private void deliver(StreamSource source, List<Record> records) {
        List<Record> remaining = records;
        for (int attempt = 0; attempt <= source.maximumRetryAttempts() && !remaining.isEmpty(); attempt++) {
            DynamodbEvent event = new DynamodbEvent();
            event.setRecords(StreamRecords.toLambda(remaining, source.streamArn()));
            String failedFrom;
            try {
                StreamsEventResponse response = (StreamsEventResponse) functions.get(source.functionId()).invoke(event);
                failedFrom = response == null || response.getBatchItemFailures() == null
                        || response.getBatchItemFailures().isEmpty()
                        ? null : response.getBatchItemFailures().get(0).getItemIdentifier();
            } catch (RuntimeException crash) {
                Log.error("local-function-crashed", "function", source.functionId(), "error", String.valueOf(crash));
                failedFrom = remaining.get(0).dynamodb().sequenceNumber();
            }
            if (failedFrom == null) {
                return;
            }
            String from = failedFrom;
            int index = 0;
            while (index < remaining.size() && !remaining.get(index).dynamodb().sequenceNumber().equals(from)) {
                index++;
            }
            remaining = remaining.subList(Math.min(index, remaining.size()), remaining.size());
        }
        if (!remaining.isEmpty() && source.onFailureQueueUrl() != null) {
            String body = Json.MAPPER.createObjectNode()
                    .put("functionId", source.functionId())
                    .put("streamArn", source.streamArn())
                    .put("startSequenceNumber", remaining.get(0).dynamodb().sequenceNumber())
                    .put("endSequenceNumber", remaining.get(remaining.size() - 1).dynamodb().sequenceNumber())
                    .put("batchSize", remaining.size()).toString();
            sqs.sendMessage(send -> send.queueUrl(source.onFailureQueueUrl()).messageBody(body));
        }
    }
}
