"""Start-up time and resident memory of the local AWS backends, measured the same way for each.

    python infra/localstack/measure.py [--runs N] [--backends localstack,localstack-ddb-v2,moto,moto+ddblocal]

For each backend and run: spawn it, time until its first healthy answer, create the desk's handful of
resources (9 queues with 4 redrive policies, 4 topics, 3 filtered raw SQS subscriptions, a secret, 2 tables
with a GSI, TTL and a NEW_IMAGE stream, 50 items, a stream read, a few messages), time the first DynamoDB
call (LocalStack and moto+ddblocal start DynamoDB Local then), then sum the RSS of the whole process tree
(LocalStack's Python, its DynamoDB Local JVM and kinesis-local's node; moto's Python; DynamoDB Local's JVM).
Every process it starts is stopped before it moves on.
"""

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

import psutil

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import smoke  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
HERE = os.path.join(ROOT, "infra", "localstack")
DDB_DIR = os.path.join(ROOT, ".venv-localstack", "var-lib", "dynamodb-local", "2")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_http(url, seconds=120, ok=lambda status: status == 200, proc=None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited ({proc.returncode}) before {url} answered")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if ok(r.status):
                    return
        except urllib.error.HTTPError as e:
            if ok(e.code):
                return
        except Exception:
            pass
        time.sleep(0.02)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def tree_rss(pids):
    """Sum of VmRSS of the given processes and all their descendants, per process name, in MiB."""
    seen, parts = set(), {}
    for pid in pids:
        try:
            root = psutil.Process(pid)
        except psutil.NoSuchProcess:
            continue
        for p in [root] + root.children(recursive=True):
            if p.pid in seen:
                continue
            seen.add(p.pid)
            try:
                name = p.name()
                if name.startswith("python"):
                    name = "python"
                parts[name] = parts.get(name, 0) + p.memory_info().rss / 2**20
            except psutil.NoSuchProcess:
                pass
    return round(sum(parts.values()), 1), {k: round(v, 1) for k, v in parts.items()}


def create_resources(sqs_sns_endpoint, ddb_endpoint):
    """The desk's handful of resources and a little traffic; returns the first DynamoDB call's seconds."""
    sqs = smoke.client(sqs_sns_endpoint, "sqs")
    sns = smoke.client(sqs_sns_endpoint, "sns")
    sm = smoke.client(sqs_sns_endpoint, "secretsmanager")
    ddb = smoke.client(ddb_endpoint, "dynamodb")
    streams = smoke.client(ddb_endpoint, "dynamodbstreams")
    urls = {}
    for name in ("events", "outbound", "timeline", "affected"):
        dlq = sqs.create_queue(QueueName=f"{name}-dlq")["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        urls[name] = sqs.create_queue(QueueName=name, Attributes={
            "RedrivePolicy": json.dumps({"deadLetterTargetArn": arn, "maxReceiveCount": "3"})})["QueueUrl"]
    urls["stream-failures"] = sqs.create_queue(QueueName="stream-failures")["QueueUrl"]
    topics = [sns.create_topic(Name=n)["TopicArn"] for n in ("oncall", "announcements", "possible-outage", "ops-alarms")]
    for q, audience in (("timeline", "public"), ("affected", "affected"), ("outbound", "staff")):
        arn = sqs.get_queue_attributes(QueueUrl=urls[q], AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        sns.subscribe(TopicArn=topics[1], Protocol="sqs", Endpoint=arn,
                      Attributes={"RawMessageDelivery": "true", "FilterPolicy": json.dumps({"audience": [audience]})})
    sm.create_secret(Name="twitter", SecretString=json.dumps({"consumerSecret": "x"}))
    t0 = time.monotonic()
    smoke.create_table(ddb, "incidents")
    first_ddb = time.monotonic() - t0
    ddb.create_table(TableName="services", BillingMode="PAY_PER_REQUEST",
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
    ddb.update_time_to_live(TableName="incidents", TimeToLiveSpecification={"Enabled": True, "AttributeName": "expiresAt"})
    for i in range(50):
        ddb.put_item(TableName="incidents", Item={"pk": {"S": f"INC#{i}"}, "sk": {"S": "META"}, "status": {"S": "OPEN"},
                                                  "updatedAt": {"N": str(i)}})
    arn = ddb.describe_table(TableName="incidents")["Table"]["LatestStreamArn"]
    shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
    it = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    streams.get_records(ShardIterator=it)
    for i in range(10):
        sns.publish(TopicArn=topics[1], Message=f"m{i}", MessageAttributes={"audience": {"DataType": "String", "StringValue": "public"}})
        sqs.send_message(QueueUrl=urls["events"], MessageBody=f"e{i}")
    sqs.receive_message(QueueUrl=urls["events"], MaxNumberOfMessages=10)
    return first_ddb


class LocalStack:
    def __init__(self, env=None):
        self.env = env or {}

    def start(self):
        self.port = free_port()
        self.run_dir = os.path.join(ROOT, "target", "localstack", f"measure-{self.port}")
        env = dict(os.environ, **self.env)
        t0 = time.monotonic()
        out = subprocess.run([os.path.join(HERE, "start"), "--background", "--port", str(self.port), "--run-dir", self.run_dir],
                             env=env, check=True, capture_output=True, text=True)
        self.endpoint = out.stdout.strip()
        elapsed = time.monotonic() - t0
        # start's own figure: from spawning LocalStack to the first healthy answer (without install's checks)
        for line in out.stderr.splitlines():
            if "healthy after" in line:
                elapsed = float(line.split("healthy after ")[1].split("s")[0])
        with open(os.path.join(self.run_dir, "localstack.pid")) as f:
            self.pids = [int(f.read())]
        return elapsed

    def endpoints(self):
        return self.endpoint, self.endpoint

    def stop(self):
        subprocess.run([os.path.join(HERE, "stop"), "--run-dir", self.run_dir, "--quiet"], check=False)


class Moto:
    def __init__(self, with_ddblocal=False):
        self.with_ddblocal = with_ddblocal
        self.procs = []

    def start(self):
        subprocess.run([os.path.join(ROOT, "infra", "python-tools"), "moto"], check=True)
        port = free_port()
        os.makedirs(os.path.join(ROOT, "target", "localstack"), exist_ok=True)
        log = open(os.path.join(ROOT, "target", "localstack", f"measure-moto-{port}.log"), "w")
        t0 = time.monotonic()
        p = subprocess.Popen([os.path.join(ROOT, ".venv", "bin", "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
                             stdout=log, stderr=subprocess.STDOUT)
        self.procs.append(p)
        self.endpoint = f"http://127.0.0.1:{port}"
        wait_http(self.endpoint + "/moto-api/", ok=lambda s: s < 500, proc=p)
        elapsed = time.monotonic() - t0
        self.ddb_endpoint = self.endpoint
        if self.with_ddblocal:
            # DynamoDB Local beside moto, started as LocalStack starts it (same jars, -Xmx256m, in memory)
            ddb_port = free_port()
            java = os.path.join(ROOT, ".venv-localstack", "var-lib", "java", "21", "bin", "java")
            self.ddb_t0 = time.monotonic()
            d = subprocess.Popen([java, "-Xmx256m", f"-Djava.library.path={DDB_DIR}/DynamoDBLocal_lib", "-jar",
                                  f"{DDB_DIR}/DynamoDBLocal.jar", "-port", str(ddb_port), "-inMemory"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            self.procs.append(d)
            self.ddb_endpoint = f"http://127.0.0.1:{ddb_port}"
            wait_http(self.ddb_endpoint, ok=lambda s: s < 500, proc=d)
            self.ddb_start = time.monotonic() - self.ddb_t0
        self.pids = [p.pid for p in self.procs]
        return elapsed

    def endpoints(self):
        return self.endpoint, self.ddb_endpoint

    def stop(self):
        for p in self.procs:
            p.terminate()
        for p in self.procs:
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
        self.procs = []


BACKENDS = {
    "localstack": lambda: LocalStack(),
    "localstack-ddb-v2": lambda: LocalStack({"PROVIDER_OVERRIDE_DYNAMODB": "v2", "PROVIDER_OVERRIDE_DYNAMODBSTREAMS": "v2"}),
    "moto": lambda: Moto(),
    "moto+ddblocal": lambda: Moto(with_ddblocal=True),
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--backends", default=",".join(BACKENDS))
    parser.add_argument("--json", default=os.path.join(ROOT, "target", "localstack", "measure.json"))
    args = parser.parse_args()
    results = {}
    for name in args.backends.split(","):
        runs = []
        for i in range(args.runs):
            backend = BACKENDS[name]()
            try:
                started = backend.start()
                rss_idle, _ = tree_rss(backend.pids)
                first_ddb = create_resources(*backend.endpoints())
                if getattr(backend, "with_ddblocal", False):
                    first_ddb += backend.ddb_start
                time.sleep(1)
                rss, parts = tree_rss(backend.pids)
            finally:
                backend.stop()
            run = {"start_s": round(started, 2), "first_dynamodb_call_s": round(first_ddb, 2),
                   "rss_idle_mib": rss_idle, "rss_mib": rss, "rss_parts_mib": parts}
            print(f"{name} run {i + 1}: {json.dumps(run)}", flush=True)
            runs.append(run)
            time.sleep(2)
        results[name] = {
            "runs": runs,
            "start_s_first": runs[0]["start_s"],
            "start_s_later_median": statistics.median(r["start_s"] for r in runs[1:]) if len(runs) > 1 else None,
            "rss_mib_first": runs[0]["rss_mib"],
            "rss_mib_later_median": statistics.median(r["rss_mib"] for r in runs[1:]) if len(runs) > 1 else None,
        }
    os.makedirs(os.path.dirname(args.json), exist_ok=True)
    with open(args.json, "w") as f:
        json.dump(results, f, indent=2)
    print(json.dumps({k: {kk: vv for kk, vv in v.items() if kk != "runs"} for k, v in results.items()}, indent=2))


if __name__ == "__main__":
    main()
