"""AG604: a queue that a function consumes has a dead-letter queue."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.resources.services import Sqs
from archgen.rules.base import Rule


class QueueDeadLetter(Rule):
    """AG604: without a dead-letter queue a poison message is retried until it is lost."""

    id = "AG604"
    name = "queue-dead-letter"
    title = "Queues consumed by functions have a dead-letter queue"
    severity = Severity.WARNING
    rationale = (
        "A Lambda event source mapping retries a message that keeps failing until it expires "
        "with the queue's retention period; meanwhile it is paid for on every attempt, and "
        "then it is gone without a trace. A dead-letter queue keeps it for inspection and "
        "replay, and its depth is the alarm that something is failing."
    )
    remediation = (
        "Give the queue a `dead_letter_queue` (its redrive policy, with a maximum receive "
        "count) and alarm on that queue's depth."
    )
    mirrors = (
        "AWS Well-Architected REL05-BP04 (fail fast and limit queues); AWS Lambda "
        "documentation: SQS event source mapping error handling"
    )

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Flag each polled queue without a dead-letter queue (a dead-letter queue is exempt)."""
        dead_letters = {queue.dead_letter_queue for queue in arch.resources_of(Sqs)}
        for queue in arch.resources_of(Sqs):
            if queue.dead_letter_queue is not None or queue.id in dead_letters:
                continue
            consumers = [
                c.target for _, c in arch.connections_from(queue.id) if arch.mode_of(c) == "poll"
            ]
            if consumers:
                yield self.issue(
                    queue,
                    f"is consumed by {', '.join(dict.fromkeys(consumers))} without a "
                    "dead_letter_queue: a message that keeps failing is retried until it "
                    "expires, then lost",
                )
