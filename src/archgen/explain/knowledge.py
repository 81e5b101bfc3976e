"""What each AWS service is: the built-in rationales, keyed by `Facts.rationale`.

Written for a student, and shown where a design gives no `why` of its own.
Each must be true of every design that uses the service: a sentence that holds
only with some setting ("it authenticates requests", "a standby in a second
zone") is a note in `notes.py`, given when a predicate finds it true.
"""

from __future__ import annotations

RATIONALES: dict[str, str] = {
    "client": ("The users reach the system over the internet from their browsers."),
    "vpc": (
        "Amazon VPC gives the system its own isolated network, in which subnets, route tables, "
        "network ACLs and security groups decide what can talk to what."
    ),
    "internet_gateway": (
        "The internet gateway connects the VPC to the internet. It is horizontally scaled and "
        "redundant by AWS, and only subnets whose route table points to it are public."
    ),
    "nat_gateway": (
        "A NAT gateway lets instances in private subnets start outbound connections (software "
        "updates, AWS APIs) while refusing every connection from outside. One per Availability "
        "Zone keeps each zone independent of the others."
    ),
    "vpc_endpoint": (
        "A VPC endpoint carries traffic to an AWS service over the AWS network instead of the "
        "internet, so it needs no NAT gateway."
    ),
    "route53": (
        "Amazon Route 53 is the DNS service. Alias records point the domain at AWS front doors "
        "(CloudFront, a load balancer, API Gateway) and follow their changing addresses; AWS "
        "answers DNS from locations worldwide with a 100% availability SLA."
    ),
    "cloudfront": (
        "Amazon CloudFront is the content delivery network: it caches content at edge "
        "locations close to users and terminates HTTPS there."
    ),
    "api_gateway": (
        "Amazon API Gateway is a managed front door for APIs: it routes each request to its "
        "backend, throttles bursts and scales automatically, with no server to run."
    ),
    "alb": (
        "An Application Load Balancer spreads HTTP(S) requests across the healthy targets "
        "behind it and can terminate HTTPS, so the servers need no certificate of their own."
    ),
    "waf": (
        "AWS WAF filters web requests before they reach the application, blocking common "
        "attacks such as SQL injection and cross-site scripting."
    ),
    "ec2": (
        "Amazon EC2 provides virtual servers. They give full control of the operating system "
        "and software, at the price of patching and scaling them yourself."
    ),
    "autoscaling_group": (
        "Amazon EC2 Auto Scaling keeps a fleet of identical instances between a minimum and a "
        "maximum size, balanced over its Availability Zones, replaces unhealthy ones and "
        "follows demand."
    ),
    "lambda": (
        "AWS Lambda runs code without servers: it starts on demand, scales with the number of "
        "requests and is billed per request and per millisecond of run time."
    ),
    "rds": (
        "Amazon RDS runs a relational database as a managed service: AWS handles backups, "
        "patching and failover."
    ),
    "dynamodb": (
        "Amazon DynamoDB is a managed key-value and document database. It replicates data "
        "across three Availability Zones, scales with traffic, and needs no servers or patching."
    ),
    "s3": (
        "Amazon S3 stores objects (files) with 99.999999999% durability by keeping copies in at "
        "least three Availability Zones (S3 Standard), and serves any amount of them."
    ),
    "elasticache": (
        "Amazon ElastiCache keeps frequently read data in memory, in front of the database, to "
        "answer in microseconds and take load off the database."
    ),
    "efs": (
        "Amazon EFS is a shared file system that many instances in several Availability Zones "
        "mount at once, growing and shrinking with the files stored."
    ),
    "iam_role": (
        "An IAM role gives a service temporary, automatically rotated credentials for what its "
        "policies allow, so no access keys are stored in code or on servers."
    ),
    "cognito": (
        "Amazon Cognito signs users up and in and issues tokens an API can check, so the "
        "application never stores passwords."
    ),
    "sqs": (
        "Amazon SQS is a managed message queue: producers and consumers work at their own pace, "
        "and a message waits in the queue until a consumer has handled it."
    ),
    "sns": (
        "Amazon SNS publishes messages to many subscribers at once (queues, functions, e-mail), "
        "decoupling the sender from who reacts."
    ),
    "bedrock": (
        "Amazon Bedrock gives access to foundation models through an API, without hosting or "
        "scaling any model infrastructure."
    ),
    "cloudwatch": (
        "Amazon CloudWatch collects logs and metrics and raises alarms, which is how the team "
        "sees errors and load and investigates incidents."
    ),
    "secrets_manager": (
        "AWS Secrets Manager keeps secrets such as database passwords and API keys encrypted, "
        "hands them only to code whose IAM role allows it, and can rotate them on a schedule, "
        "so no secret is written into code, images or configuration files."
    ),
}
