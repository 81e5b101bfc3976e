"""The statements a course grader and a student found false, each judged from the model.

Each test names the fact that decides the sentence (where a database runs, a
suppression, a function that logs...) and reads the text of the design the
reader found it in.
"""

from __future__ import annotations

from archgen.commands.explain import explanation
from archgen.loader import load_file
from tests.conftest import ARCHITECTURES
from tests.phrases import assert_says


def _text(design: str) -> str:
    return explanation(load_file(ARCHITECTURES / design)).data.decode("utf-8")


def _zone_row(text: str, label: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(f"| {label} |"))


def test_a_single_instance_is_lost_only_with_the_zone_it_runs_in() -> None:
    row = _zone_row(_text("gallery/student-flawed.yaml"), "MySQL database")
    first, second = row.strip("|").split("|")[1:3]
    assert "**lost**" in first
    assert "lost" not in second


def test_accepted_findings_are_never_counted_as_passed() -> None:
    checks = _text("gallery/student-flawed.yaml").split("## Checks", 1)[1]
    assert "Accepted by the author" in checks
    assert "AG104 on db: not Multi-AZ" in checks
    assert "Deliberate flaw, a single-AZ database." in checks
    assert "27 passed" not in checks
    assert "(line " not in checks
    assert checks.count("a publicly accessible database in public subnets") == 1


def test_a_lambda_function_writes_logs() -> None:
    text = _text("capstone.yaml")
    assert "Nothing in this design writes logs" not in text
    assert "Data import function writes its output to CloudWatch Logs" in text


def test_a_server_the_browser_loads_pages_from_is_not_called_static() -> None:
    text = _text("gallery/student-flawed.yaml")
    assert "only holds the static files" not in text
    assert "application layer (the logic behind it) run on Web server (LAMP)" in text


def test_an_api_behind_a_load_balancer_beside_a_page_service_serves_no_pages() -> None:
    text = _text("gallery/ecs-fargate-microservices.yaml")
    assert "The presentation layer runs on Web service (Fargate), apart from" in text


def _flow(text: str, heading: str) -> str:
    return text.split(f"### {heading}", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]


def test_the_authorizer_guards_the_hop_that_enters_the_api() -> None:
    rows = _text("gallery/serverless-api-streams.yaml").splitlines()
    entry = next(r for r in rows if r.startswith("| A1 |"))
    assert "JWT authorizer" in entry
    chat = _text("gallery/websocket-chat.yaml")
    entry = next(r for r in chat.splitlines() if r.startswith("| A1 (also B1) |"))
    assert "TLS; Lambda authorizer (on $connect only)" in entry
    assert "checks each caller once, when the connection opens ($connect)" in chat
    assert "checks every caller before a request" not in chat


def test_a_broadcast_is_a_push_not_a_reply() -> None:
    broadcast = _flow(_text("gallery/websocket-chat.yaml"), "B. Send a message to everyone")
    assert "comes back on the same connections" not in broadcast
    assert "posts the message to each open connection" in broadcast


def test_an_event_or_a_poll_is_guarded_by_what_admits_it() -> None:
    text = _text("gallery/event-driven-orders.yaml")
    assert "the service's own permissions" not in text
    assert_says(
        text,
        "| New order files topic's resource policy |",
        "| Processing queue's resource policy |",
        "| Processor role (IAM), used by the Lambda service |",
        "deletes each message the function handles successfully",
    )


def test_a_queue_nothing_reads_retries_nothing() -> None:
    text = _text("gallery/serverless-api-streams.yaml")
    sqs = text.split("### Amazon SQS", 1)[1].split("###", 1)[0]
    assert "visibility timeout" not in sqs
    assert "Nothing reads it" in sqs


def test_at_least_once_is_said_once_for_every_queue_read() -> None:
    text = _text("gallery/event-driven-orders.yaml")
    assert text.count("at least once, so") == 1
    assert "Processing queue and Audit queue deliver each message at least once" in text


def test_an_http_api_logs_without_the_account_role() -> None:
    text = _text("gallery/serverless-api-streams.yaml")
    assert "account's API Gateway logging role" not in text
    assert "an HTTP API needs no logging role" in text


def test_a_flow_that_starts_with_an_event_has_no_requests_before_it() -> None:
    text = _text("gallery/serverless-api-streams.yaml")
    assert "The requests before **B1**" not in text
    assert "The Lambda service polls Products table's stream" in text


def test_the_authors_backticks_are_code_not_escapes() -> None:
    text = _text("gallery/websocket-chat.yaml")
    assert "\\`" not in text
    assert "by its `action` field" in text


def test_the_logging_role_is_one_statement() -> None:
    for design in ("event-driven-orders", "static-site-cognito-api", "websocket-chat"):
        text = _text(f"gallery/{design}.yaml")
        assert "not through a role of the design" not in text, design
        assert "API role writes them only if it is also set as that role" in text, design


def test_every_front_door_the_internet_reaches_is_named() -> None:
    text = _text("gallery/wordpress-efs.yaml")
    assert "They call CloudFront distribution" in text
    assert "But Application Load Balancer also admits the internet directly" in text
    assert "They reach only" not in text


def test_no_flow_is_said_to_be_cached() -> None:
    text = _text("gallery/wordpress-efs.yaml")
    assert "cache miss" not in _flow(text, "B. Upload media")
    assert "forwarded by CloudFront" in text


def test_memcached_is_not_said_to_lack_encryption_it_cannot_have() -> None:
    text = _text("gallery/wordpress-efs.yaml")
    line = next(line for line in text.splitlines() if line.startswith("**Encryption at rest.**"))
    assert "**ElastiCache for Memcached" not in line
    assert "with no encryption-at-rest option" in line
    assert "ElastiCache for Memcached also encrypts traffic in transit" in line


def test_the_capstone_explains_its_trigger_tls_and_acls() -> None:
    text = _text("capstone.yaml")
    assert_says(
        text,
        "Data sets bucket invokes it asynchronously",
        "retries a failed event twice, then drops it: the design has no on-failure",
        "plain-HTTP connection (TLS ends at the load balancer)",
        "Data sets bucket (SSE-S3, S3's default)",
        "; DB NACL: Admits MySQL only from the application subnets",
    )


def test_zones_are_listed_as_a_reader_would() -> None:
    text = _text("gallery/three-az-web-app.yaml")
    assert "to a node in eu-west-1a, eu-west-1b or eu-west-1c" in text
    assert "2readers" not in text
