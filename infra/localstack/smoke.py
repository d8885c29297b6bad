"""Checks, against an AWS emulator's endpoint, the AWS features the service desk relies on.

    python infra/localstack/smoke.py ENDPOINT [--only NAME,NAME] [--json FILE]

Runs with the boto3 that localstack-core brings (.venv-localstack) or any boto3. Each check prints
PASS/FAIL with what it saw; the last line is "N passed, N failed". Exit status 0 only if all passed.
Endpoint-agnostic on purpose: the same checks run on LocalStack and on moto's server.
"""

import argparse
import json
import sys
import time
import traceback
import urllib.request
import uuid

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

REGION = "us-east-1"
RUN = uuid.uuid4().hex[:8]


def client(endpoint, service):
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(retries={"max_attempts": 1}, connect_timeout=5, read_timeout=60),
    )


class Check:
    def __init__(self, endpoint):
        self.endpoint = endpoint
        self.notes = []

    def note(self, text):
        self.notes.append(text)

    def expect(self, condition, text):
        if not condition:
            raise AssertionError(text)
        self.note(text)


def eventually(fn, seconds=10.0, interval=0.2):
    """Calls fn until it returns something truthy or the time is up; returns its last result."""
    deadline = time.monotonic() + seconds
    while True:
        result = fn()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(interval)


# --- SQS ----------------------------------------------------------------------------------------------------


def check_sqs_redrive(c: Check):
    sqs = client(c.endpoint, "sqs")
    dlq = sqs.create_queue(QueueName=f"smoke-{RUN}-dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    q = sqs.create_queue(
        QueueName=f"smoke-{RUN}-main",
        Attributes={
            "VisibilityTimeout": "30",
            "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": "2"}),
        },
    )["QueueUrl"]
    c.note(f"queue URL {q}")
    attrs = sqs.get_queue_attributes(QueueUrl=q, AttributeNames=["All"])["Attributes"]
    c.expect(json.loads(attrs["RedrivePolicy"])["deadLetterTargetArn"] == dlq_arn, "RedrivePolicy kept")
    sqs.send_message(QueueUrl=q, MessageBody="poison")
    for attempt in (1, 2):
        msgs = sqs.receive_message(QueueUrl=q, WaitTimeSeconds=1, AttributeNames=["ApproximateReceiveCount"]).get("Messages", [])
        c.expect(len(msgs) == 1, f"receive {attempt}: got it (ApproximateReceiveCount {msgs[0]['Attributes']['ApproximateReceiveCount'] if msgs else '-'})")
        # ChangeMessageVisibility to 0: back on the queue at once (what a failed handler does)
        sqs.change_message_visibility(QueueUrl=q, ReceiptHandle=msgs[0]["ReceiptHandle"], VisibilityTimeout=0)
    third = sqs.receive_message(QueueUrl=q, WaitTimeSeconds=1).get("Messages", [])
    c.expect(not third, "3rd receive after maxReceiveCount 2: main queue empty")
    moved = eventually(lambda: sqs.receive_message(QueueUrl=dlq, WaitTimeSeconds=1).get("Messages", []), 5)
    c.expect(len(moved) == 1 and moved[0]["Body"] == "poison", "message moved to the DLQ")


def check_sqs_visibility(c: Check):
    sqs = client(c.endpoint, "sqs")
    q = sqs.create_queue(QueueName=f"smoke-{RUN}-vis", Attributes={"VisibilityTimeout": "30"})["QueueUrl"]
    sqs.send_message(QueueUrl=q, MessageBody="v")
    m = sqs.receive_message(QueueUrl=q, WaitTimeSeconds=1)["Messages"][0]
    c.expect(not sqs.receive_message(QueueUrl=q).get("Messages"), "invisible while VisibilityTimeout 30 runs")
    sqs.change_message_visibility(QueueUrl=q, ReceiptHandle=m["ReceiptHandle"], VisibilityTimeout=2)
    t0 = time.monotonic()
    again = eventually(lambda: sqs.receive_message(QueueUrl=q, WaitTimeSeconds=1).get("Messages", []), 8)
    waited = time.monotonic() - t0
    c.expect(bool(again), f"ChangeMessageVisibility 2 s: visible again after {waited:.1f} s")
    c.expect(waited >= 1.5, "not before the 2 s")
    sqs.delete_message(QueueUrl=q, ReceiptHandle=again[0]["ReceiptHandle"])
    c.expect(not sqs.receive_message(QueueUrl=q, WaitTimeSeconds=1).get("Messages"), "DeleteMessage removes it")


def check_sqs_delay(c: Check):
    sqs = client(c.endpoint, "sqs")
    q = sqs.create_queue(QueueName=f"smoke-{RUN}-delay")["QueueUrl"]
    t0 = time.monotonic()
    sqs.send_message(QueueUrl=q, MessageBody="later", DelaySeconds=3)
    c.expect(not sqs.receive_message(QueueUrl=q, WaitTimeSeconds=1).get("Messages"), "DelaySeconds 3: not there after 1 s")
    got = eventually(lambda: sqs.receive_message(QueueUrl=q, WaitTimeSeconds=1).get("Messages", []), 10)
    waited = time.monotonic() - t0
    c.expect(bool(got) and got[0]["Body"] == "later", f"delivered after {waited:.1f} s")
    c.expect(waited >= 2.5, "not before the 3 s")
    # a whole-queue delay too
    q2 = sqs.create_queue(QueueName=f"smoke-{RUN}-delayq", Attributes={"DelaySeconds": "2"})["QueueUrl"]
    sqs.send_message_batch(QueueUrl=q2, Entries=[{"Id": "a", "MessageBody": "a"}, {"Id": "b", "MessageBody": "b", "DelaySeconds": 0}])
    first = sqs.receive_message(QueueUrl=q2, MaxNumberOfMessages=10).get("Messages", [])
    c.expect([m["Body"] for m in first] == ["b"], "queue DelaySeconds 2 with a batch entry's DelaySeconds 0: only that one at once")


# --- SNS -> SQS ---------------------------------------------------------------------------------------------


def check_sns_filter_raw(c: Check):
    sns, sqs = client(c.endpoint, "sns"), client(c.endpoint, "sqs")
    topic = sns.create_topic(Name=f"smoke-{RUN}-topic")["TopicArn"]
    queues = {}
    for name, policy in (("staff", {"audience": ["staff"]}), ("all", None), ("urgent", {"priority": [{"numeric": ["<=", 2]}]})):
        url = sqs.create_queue(QueueName=f"smoke-{RUN}-sns-{name}")["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        attrs = {"RawMessageDelivery": "true"}
        if policy:
            attrs["FilterPolicy"] = json.dumps(policy)
            attrs["FilterPolicyScope"] = "MessageAttributes"
        sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn, Attributes=attrs, ReturnSubscriptionArn=True)
        queues[name] = url
    sns.publish(TopicArn=topic, Message="to staff", MessageAttributes={
        "audience": {"DataType": "String", "StringValue": "staff"},
        "priority": {"DataType": "Number", "StringValue": "4"}})
    sns.publish(TopicArn=topic, Message="to everyone", MessageAttributes={
        "audience": {"DataType": "String", "StringValue": "public"},
        "priority": {"DataType": "Number", "StringValue": "1"}})

    def drain(url, want):
        got = []
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and len(got) < want:
            for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1,
                                         MessageAttributeNames=["All"]).get("Messages", []):
                got.append(m)
                sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
        if want < 2:
            for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", []):
                got.append(m)
        return got

    staff = drain(queues["staff"], 1)
    c.expect([m["Body"] for m in staff] == ["to staff"], "FilterPolicy audience=staff: only the staff message, raw body")
    c.expect(staff[0].get("MessageAttributes", {}).get("audience", {}).get("StringValue") == "staff",
             "raw delivery carries SNS message attributes as SQS message attributes")
    everyone = drain(queues["all"], 2)
    c.expect(sorted(m["Body"] for m in everyone) == ["to everyone", "to staff"], "unfiltered subscription: both, raw")
    urgent = drain(queues["urgent"], 1)
    c.expect([m["Body"] for m in urgent] == ["to everyone"], "numeric FilterPolicy priority<=2: only priority 1")


# --- Secrets Manager ----------------------------------------------------------------------------------------


def check_secrets(c: Check):
    sm = client(c.endpoint, "secretsmanager")
    name = f"smoke/{RUN}/twitter"
    arn = sm.create_secret(Name=name, SecretString=json.dumps({"consumerSecret": "s1"}))["ARN"]
    c.expect(json.loads(sm.get_secret_value(SecretId=name)["SecretString"])["consumerSecret"] == "s1", "GetSecretValue by name")
    sm.put_secret_value(SecretId=arn, SecretString=json.dumps({"consumerSecret": "s2"}))
    v = sm.get_secret_value(SecretId=arn)
    c.expect(json.loads(v["SecretString"])["consumerSecret"] == "s2" and "AWSCURRENT" in v["VersionStages"],
             "PutSecretValue: new AWSCURRENT, read by ARN")
    prev = sm.get_secret_value(SecretId=arn, VersionStage="AWSPREVIOUS")
    c.expect(json.loads(prev["SecretString"])["consumerSecret"] == "s1", "AWSPREVIOUS keeps the old value")


# --- DynamoDB -----------------------------------------------------------------------------------------------


def create_table(ddb, name):
    return ddb.create_table(
        TableName=name,
        BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
            {"AttributeName": "status", "AttributeType": "S"},
            {"AttributeName": "updatedAt", "AttributeType": "N"},
        ],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        GlobalSecondaryIndexes=[{
            "IndexName": "byStatus",
            "KeySchema": [{"AttributeName": "status", "KeyType": "HASH"}, {"AttributeName": "updatedAt", "KeyType": "RANGE"}],
            "Projection": {"ProjectionType": "ALL"},
        }],
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"},
    )["TableDescription"]


def check_dynamodb(c: Check):
    ddb = client(c.endpoint, "dynamodb")
    name = f"smoke-{RUN}-incidents"
    t0 = time.monotonic()
    desc = create_table(ddb, name)
    c.note(f"CreateTable answered in {time.monotonic() - t0:.1f} s (first DynamoDB call starts DynamoDB Local)")
    ddb.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    c.expect(desc.get("LatestStreamArn"), f"stream ARN {desc.get('LatestStreamArn')}")
    ddb.update_time_to_live(TableName=name, TimeToLiveSpecification={"Enabled": True, "AttributeName": "expiresAt"})
    ttl = ddb.describe_time_to_live(TableName=name)["TimeToLiveDescription"]
    c.expect(ttl.get("TimeToLiveStatus") in ("ENABLED", "ENABLING") and ttl.get("AttributeName") == "expiresAt",
             f"TTL {ttl}")
    for i, status in enumerate(["OPEN", "OPEN", "RESOLVED"]):
        ddb.put_item(TableName=name, Item={"pk": {"S": f"INC#{i}"}, "sk": {"S": "META"}, "status": {"S": status},
                                           "updatedAt": {"N": str(1000 + i)}, "expiresAt": {"N": str(int(time.time()) + 86400)}})
    q = ddb.query(TableName=name, IndexName="byStatus", KeyConditionExpression="#s = :s",
                  ExpressionAttributeNames={"#s": "status"}, ExpressionAttributeValues={":s": {"S": "OPEN"}},
                  ScanIndexForward=False)
    c.expect([i["pk"]["S"] for i in q["Items"]] == ["INC#1", "INC#0"], "GSI query, newest first")
    ddb.update_item(TableName=name, Key={"pk": {"S": "INC#0"}, "sk": {"S": "META"}},
                    UpdateExpression="SET #s = :r", ConditionExpression="#s = :o",
                    ExpressionAttributeNames={"#s": "status"},
                    ExpressionAttributeValues={":r": {"S": "RESOLVED"}, ":o": {"S": "OPEN"}})
    try:
        ddb.update_item(TableName=name, Key={"pk": {"S": "INC#0"}, "sk": {"S": "META"}},
                        UpdateExpression="SET #s = :r", ConditionExpression="#s = :o",
                        ExpressionAttributeNames={"#s": "status"},
                        ExpressionAttributeValues={":r": {"S": "RESOLVED"}, ":o": {"S": "OPEN"}},
                        ReturnValuesOnConditionCheckFailure="ALL_OLD")
        raise AssertionError("second conditional update succeeded")
    except ClientError as e:
        c.expect(e.response["Error"]["Code"] == "ConditionalCheckFailedException", "conditional update fails the 2nd time")
        c.expect(e.response.get("Item", {}).get("status", {}).get("S") == "RESOLVED",
                 "ReturnValuesOnConditionCheckFailure ALL_OLD gives the item")

    # Streams, through the DynamoDB Streams API
    streams = client(c.endpoint, "dynamodbstreams")
    stream_arn = ddb.describe_table(TableName=name)["Table"]["LatestStreamArn"]
    sdesc = streams.describe_stream(StreamArn=stream_arn)["StreamDescription"]
    c.expect(sdesc["StreamViewType"] == "NEW_IMAGE" and sdesc["Shards"], f"DescribeStream: {len(sdesc['Shards'])} shard(s), NEW_IMAGE")

    def read_all():
        records = []
        for shard in streams.describe_stream(StreamArn=stream_arn)["StreamDescription"]["Shards"]:
            it = streams.get_shard_iterator(StreamArn=stream_arn, ShardId=shard["ShardId"],
                                            ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
            for _ in range(5):
                r = streams.get_records(ShardIterator=it, Limit=100)
                records += r["Records"]
                it = r.get("NextShardIterator")
                if not it or not r["Records"]:
                    break
        return records if len(records) >= 4 else None

    records = eventually(read_all, 15, 0.5) or []
    events = [(r["eventName"], r["dynamodb"]["Keys"]["pk"]["S"]) for r in records]
    c.expect(events[:4] == [("INSERT", "INC#0"), ("INSERT", "INC#1"), ("INSERT", "INC#2"), ("MODIFY", "INC#0")],
             f"GetRecords: {events}")
    c.expect(all("NewImage" in r["dynamodb"] and "OldImage" not in r["dynamodb"] for r in records),
             "NEW_IMAGE records carry NewImage only")
    c.expect(records[3]["dynamodb"]["NewImage"]["status"]["S"] == "RESOLVED", "MODIFY's NewImage has the update")


def check_transactions(c: Check):
    ddb = client(c.endpoint, "dynamodb")
    name = f"smoke-{RUN}-tx"
    ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
    ddb.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    ddb.put_item(TableName=name, Item={"pk": {"S": "CLAIM#tweet-1"}, "by": {"S": "first"}})
    try:
        ddb.transact_write_items(TransactItems=[
            {"Put": {"TableName": name, "Item": {"pk": {"S": "INC#9"}, "n": {"N": "9"}}}},
            {"Put": {"TableName": name, "Item": {"pk": {"S": "CLAIM#tweet-1"}, "by": {"S": "second"}},
                     "ConditionExpression": "attribute_not_exists(pk)",
                     "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}},
        ])
        raise AssertionError("transaction with a failing condition succeeded")
    except ClientError as e:
        err = e.response["Error"]
        c.expect(err["Code"] == "TransactionCanceledException", f"TransactionCanceledException: {err.get('Message')}")
        reasons = e.response.get("CancellationReasons")
        c.expect(reasons and [r.get("Code") for r in reasons] == ["None", "ConditionalCheckFailed"],
                 f"CancellationReasons {[r.get('Code') for r in reasons or []]}")
        c.expect(reasons[1].get("Item", {}).get("by", {}).get("S") == "first", "the failed condition's reason carries the old item (ALL_OLD)")
    c.expect("Item" not in ddb.get_item(TableName=name, Key={"pk": {"S": "INC#9"}}), "nothing of the cancelled transaction written")
    ddb.transact_write_items(TransactItems=[
        {"Put": {"TableName": name, "Item": {"pk": {"S": "INC#10"}}, "ConditionExpression": "attribute_not_exists(pk)"}},
        {"Update": {"TableName": name, "Key": {"pk": {"S": "COUNTER"}}, "UpdateExpression": "ADD n :one",
                    "ExpressionAttributeValues": {":one": {"N": "1"}}}},
    ])
    c.expect(ddb.get_item(TableName=name, Key={"pk": {"S": "COUNTER"}})["Item"]["n"]["N"] == "1", "a passing transaction writes both")


# --- CloudWatch ---------------------------------------------------------------------------------------------


def check_cloudwatch(c: Check):
    cw = client(c.endpoint, "cloudwatch")
    ns = f"ServiceDesk/Smoke{RUN}"
    cw.put_metric_data(Namespace=ns, MetricData=[
        {"MetricName": "IncidentsOpened", "Dimensions": [{"Name": "Priority", "Value": "P2"}], "Value": 3, "Unit": "Count"},
        {"MetricName": "ReplyLatency", "Value": 120.5, "Unit": "Milliseconds"},
    ])
    metrics = eventually(lambda: cw.list_metrics(Namespace=ns)["Metrics"], 5)
    c.expect(sorted(m["MetricName"] for m in metrics) == ["IncidentsOpened", "ReplyLatency"], "PutMetricData then ListMetrics")
    now = time.time()
    stats = cw.get_metric_statistics(Namespace=ns, MetricName="IncidentsOpened",
                                     Dimensions=[{"Name": "Priority", "Value": "P2"}],
                                     StartTime=now - 600, EndTime=now + 60, Period=60, Statistics=["Sum"])
    c.expect(sum(d["Sum"] for d in stats["Datapoints"]) == 3, "GetMetricStatistics Sum 3")
    cw.put_metric_alarm(AlarmName=f"smoke-{RUN}-dlq", Namespace="AWS/SQS", MetricName="ApproximateNumberOfMessagesVisible",
                        Statistic="Maximum", Period=60, EvaluationPeriods=1, Threshold=0,
                        ComparisonOperator="GreaterThanThreshold")
    c.expect(cw.describe_alarms(AlarmNames=[f"smoke-{RUN}-dlq"])["MetricAlarms"], "PutMetricAlarm / DescribeAlarms")


# --- Cognito ------------------------------------------------------------------------------------------------


def check_cognito(c: Check):
    idp = client(c.endpoint, "cognito-idp")
    try:
        pool = idp.create_user_pool(PoolName=f"smoke-{RUN}", Policies={"PasswordPolicy": {"MinimumLength": 8}})["UserPool"]
    except ClientError as e:
        raise AssertionError(f"CreateUserPool: {e.response['Error'].get('Code')}: {e.response['Error'].get('Message')}")
    pool_id = pool["Id"]
    c.note(f"pool {pool_id}")
    app = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="desk",
                                      ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH",
                                                         "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]
    idp.admin_create_user(UserPoolId=pool_id, Username="staff1", MessageAction="SUPPRESS",
                          UserAttributes=[{"Name": "email", "Value": "staff1@example.com"}])
    idp.admin_set_user_password(UserPoolId=pool_id, Username="staff1", Password="Passw0rd!x", Permanent=True)
    r = idp.initiate_auth(ClientId=app["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                          AuthParameters={"USERNAME": "staff1", "PASSWORD": "Passw0rd!x"})
    c.expect("IdToken" in r.get("AuthenticationResult", {}), "USER_PASSWORD_AUTH gives tokens")
    r2 = idp.admin_initiate_auth(UserPoolId=pool_id, ClientId=app["ClientId"], AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                 AuthParameters={"USERNAME": "staff1", "PASSWORD": "Passw0rd!x"})
    c.expect("AccessToken" in r2.get("AuthenticationResult", {}), "ADMIN_USER_PASSWORD_AUTH gives tokens")
    url = f"{c.endpoint}/{pool_id}/.well-known/jwks.json"
    with urllib.request.urlopen(url, timeout=5) as resp:
        jwks = json.load(resp)
    c.expect(jwks.get("keys"), f"JWKS at /{pool_id}/.well-known/jwks.json: {len(jwks.get('keys', []))} key(s)")


# --- CloudFormation -----------------------------------------------------------------------------------------

CFN_TEMPLATE = {
    "AWSTemplateFormatVersion": "2010-09-09",
    "Parameters": {"Prefix": {"Type": "String"}},
    "Resources": {
        "DeadLetterQueue": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": {"Fn::Sub": "${Prefix}-dlq"}}},
        "WorkQueue": {"Type": "AWS::SQS::Queue", "Properties": {
            "QueueName": {"Fn::Sub": "${Prefix}-work"}, "VisibilityTimeout": 60,
            "RedrivePolicy": {"deadLetterTargetArn": {"Fn::GetAtt": ["DeadLetterQueue", "Arn"]}, "maxReceiveCount": 3}}},
        "Topic": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Fn::Sub": "${Prefix}-topic"}}},
        "Subscription": {"Type": "AWS::SNS::Subscription", "Properties": {
            "TopicArn": {"Ref": "Topic"}, "Protocol": "sqs", "Endpoint": {"Fn::GetAtt": ["WorkQueue", "Arn"]},
            "RawMessageDelivery": True, "FilterPolicyScope": "MessageAttributes",
            "FilterPolicy": {"audience": ["staff"]}}},
        "QueuePolicy": {"Type": "AWS::SQS::QueuePolicy", "Properties": {
            "Queues": [{"Ref": "WorkQueue"}],
            "PolicyDocument": {"Version": "2012-10-17", "Statement": [{
                "Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage",
                "Resource": {"Fn::GetAtt": ["WorkQueue", "Arn"]},
                "Condition": {"ArnEquals": {"aws:SourceArn": {"Ref": "Topic"}}}}]}}},
        "Secret": {"Type": "AWS::SecretsManager::Secret", "Properties": {
            "Name": {"Fn::Sub": "${Prefix}/secret"}, "SecretString": "{\"k\":\"v\"}"}},
        "Table": {"Type": "AWS::DynamoDB::Table", "Properties": {
            "TableName": {"Fn::Sub": "${Prefix}-incidents"}, "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                     {"AttributeName": "status", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
            "GlobalSecondaryIndexes": [{"IndexName": "byStatus",
                                        "KeySchema": [{"AttributeName": "status", "KeyType": "HASH"}],
                                        "Projection": {"ProjectionType": "KEYS_ONLY"}}],
            "StreamSpecification": {"StreamViewType": "NEW_IMAGE"},
            "TimeToLiveSpecification": {"AttributeName": "expiresAt", "Enabled": True}}},
        "DlqAlarm": {"Type": "AWS::CloudWatch::Alarm", "Properties": {
            "AlarmName": {"Fn::Sub": "${Prefix}-dlq-alarm"}, "Namespace": "AWS/SQS",
            "MetricName": "ApproximateNumberOfMessagesVisible",
            "Dimensions": [{"Name": "QueueName", "Value": {"Fn::GetAtt": ["DeadLetterQueue", "QueueName"]}}],
            "Statistic": "Maximum", "Period": 60, "EvaluationPeriods": 1, "Threshold": 0,
            "ComparisonOperator": "GreaterThanThreshold", "AlarmActions": [{"Ref": "Topic"}]}},
    },
    "Outputs": {
        "QueueUrl": {"Value": {"Ref": "WorkQueue"}},
        "StreamArn": {"Value": {"Fn::GetAtt": ["Table", "StreamArn"]}},
        "SecretArn": {"Value": {"Ref": "Secret"}},
    },
}


def check_cloudformation(c: Check):
    cfn = client(c.endpoint, "cloudformation")
    stack, prefix = f"smoke-{RUN}", f"cfn-{RUN}"
    t0 = time.monotonic()
    cfn.create_stack(StackName=stack, TemplateBody=json.dumps(CFN_TEMPLATE),
                     Parameters=[{"ParameterKey": "Prefix", "ParameterValue": prefix}])
    cfn.get_waiter("stack_create_complete").wait(StackName=stack, WaiterConfig={"Delay": 1, "MaxAttempts": 90})
    c.note(f"CREATE_COMPLETE after {time.monotonic() - t0:.1f} s")
    resources = cfn.describe_stack_resources(StackName=stack)["StackResources"]
    c.expect(all(r.get("ResourceStatus") == "CREATE_COMPLETE" for r in resources) and len(resources) == 8,
             f"{len(resources)} resources CREATE_COMPLETE: {sorted(r.get('ResourceType', '?') for r in resources)}")
    outputs = {o["OutputKey"]: o["OutputValue"] for o in cfn.describe_stacks(StackName=stack)["Stacks"][0]["Outputs"]}
    c.note(f"outputs {outputs}")
    sqs, sns, ddb = client(c.endpoint, "sqs"), client(c.endpoint, "sns"), client(c.endpoint, "dynamodb")
    attrs = sqs.get_queue_attributes(QueueUrl=outputs["QueueUrl"], AttributeNames=["All"])["Attributes"]
    c.expect(json.loads(attrs["RedrivePolicy"])["maxReceiveCount"] in (3, "3") and attrs["VisibilityTimeout"] == "60",
             "queue has its RedrivePolicy and VisibilityTimeout")
    topic = next(r["PhysicalResourceId"] for r in resources if r.get("LogicalResourceId") == "Topic")
    sns.publish(TopicArn=topic, Message="m-staff", MessageAttributes={"audience": {"DataType": "String", "StringValue": "staff"}})
    sns.publish(TopicArn=topic, Message="m-public", MessageAttributes={"audience": {"DataType": "String", "StringValue": "public"}})
    got = []
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not got:
        got = [m["Body"] for m in sqs.receive_message(QueueUrl=outputs["QueueUrl"], MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", [])]
    got += [m["Body"] for m in sqs.receive_message(QueueUrl=outputs["QueueUrl"], MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", [])]
    c.expect(got == ["m-staff"], f"the stack's filtered raw subscription delivers: {got}")
    table = ddb.describe_table(TableName=f"{prefix}-incidents")["Table"]
    c.expect(table.get("StreamSpecification", {}).get("StreamViewType") == "NEW_IMAGE"
             and table["GlobalSecondaryIndexes"][0]["IndexName"] == "byStatus", "table has its stream and GSI")
    ttl = ddb.describe_time_to_live(TableName=f"{prefix}-incidents")["TimeToLiveDescription"]
    c.expect(ttl.get("AttributeName") == "expiresAt", f"table TTL {ttl}")
    cfn.delete_stack(StackName=stack)
    cfn.get_waiter("stack_delete_complete").wait(StackName=stack, WaiterConfig={"Delay": 1, "MaxAttempts": 60})
    c.expect(not [q for q in sqs.list_queues(QueueNamePrefix=prefix).get("QueueUrls", [])], "DeleteStack removes the queues")


CHECKS = {
    "sqs-redrive": check_sqs_redrive,
    "sqs-visibility": check_sqs_visibility,
    "sqs-delay": check_sqs_delay,
    "sns-filter-raw": check_sns_filter_raw,
    "secretsmanager": check_secrets,
    "dynamodb": check_dynamodb,
    "dynamodb-transactions": check_transactions,
    "cloudwatch": check_cloudwatch,
    "cognito": check_cognito,
    "cloudformation": check_cloudformation,
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("endpoint")
    parser.add_argument("--only", default="")
    parser.add_argument("--json", default="")
    args = parser.parse_args()
    names = [n for n in args.only.split(",") if n] or list(CHECKS)
    results = []
    for name in names:
        c = Check(args.endpoint)
        t0 = time.monotonic()
        try:
            CHECKS[name](c)
            ok, error = True, ""
        except Exception as e:  # noqa: BLE001 - a smoke test reports every failure
            ok, error = False, f"{type(e).__name__}: {e}"
            if not isinstance(e, (AssertionError, ClientError)):
                error += "\n" + traceback.format_exc(limit=3)
        took = time.monotonic() - t0
        print(f"{'PASS' if ok else 'FAIL'} {name} ({took:.1f} s)")
        for n in c.notes:
            print(f"     ok: {n}")
        if error:
            print(f"     FAILED: {error}")
        sys.stdout.flush()
        results.append({"check": name, "ok": ok, "seconds": round(took, 2), "notes": c.notes, "error": error})
    passed = sum(r["ok"] for r in results)
    print(f"{passed} passed, {len(results) - passed} failed")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)
    sys.exit(0 if passed == len(results) else 1)


if __name__ == "__main__":
    main()
