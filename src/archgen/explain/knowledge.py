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
        "internet. A gateway endpoint (S3, DynamoDB) is a route; an interface endpoint "
        "(Bedrock, Secrets Manager, SQS, ...) is a network interface in each of its subnets, "
        "behind its own security group. Either way private subnets reach the service with no "
        "NAT gateway: more private, free of NAT data charges, and independent of the NAT gateways."
    ),
    "prefix_list": (
        "A prefix list names a set of address ranges once, for security group rules and routes. "
        "An AWS-managed one holds a service's addresses: a load balancer that admits only the "
        "CloudFront origin-facing list cannot be reached around CloudFront and its web ACL."
    ),
    "transit_gateway": (
        "A transit gateway is a regional router that joins many VPCs (hub and spoke): each VPC "
        "routes the others' ranges to it, and its attachment subnets carry the traffic."
    ),
    "vpc_peering": (
        "A VPC peering connection links exactly two VPCs privately. Both sides route to it and "
        "both sides' security groups and NACLs still apply; it is not transitive, so a third "
        "VPC needs its own peering."
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
    "systems_manager": (
        "AWS Systems Manager lets the team open a shell on an instance (Session Manager), run "
        "commands and patch a fleet without a bastion host, SSH keys or any open inbound port: "
        "the agent on each instance calls out to it, and IAM decides who may connect."
    ),
    "nlb": (
        "A Network Load Balancer spreads TCP, TLS and UDP connections across healthy targets in "
        "several Availability Zones, with a fixed address per zone and very low latency; it "
        "passes the traffic on as it comes instead of reading HTTP."
    ),
    "ecs_service": (
        "Amazon ECS keeps the desired number of copies of a container task running, each with "
        "its own network interface and security groups, and replaces the ones that fail. On "
        "Fargate there are no servers to patch or scale."
    ),
    "eks_cluster": (
        "Amazon EKS runs the Kubernetes control plane across three Availability Zones for you; "
        "the pods run on worker nodes or Fargate in the cluster's subnets, so teams that "
        "already use Kubernetes keep their tools."
    ),
    "ecr": (
        "Amazon ECR is a private registry for container images: ECS, EKS and Lambda pull their "
        "images from it with their IAM roles, and it can scan each image for known flaws."
    ),
    "opensearch": (
        "Amazon OpenSearch Service runs search and analytics clusters, and stores the vectors "
        "that retrieval searches by meaning. With zone awareness its nodes and replicas are "
        "spread over two or three Availability Zones."
    ),
    "kinesis_stream": (
        "Amazon Kinesis Data Streams keeps an ordered stream of records for a day or more, so "
        "several consumers read the same data at their own pace and can replay it."
    ),
    "step_functions": (
        "AWS Step Functions runs a workflow as a state machine: it calls each service in turn, "
        "retries failed steps and takes error branches, and records every execution."
    ),
    "eventbridge": (
        "Amazon EventBridge routes events from services and applications to the targets whose "
        "rules match, so producers do not need to know who reacts."
    ),
    "bedrock_knowledge_base": (
        "An Amazon Bedrock knowledge base splits documents into passages, turns them into "
        "vectors with an embedding model and keeps them in a vector store, so a model answers "
        "from the organisation's own documents (retrieval-augmented generation)."
    ),
    "kms_key": (
        "AWS KMS keeps encryption keys in hardware security modules; services encrypt data "
        "with a key only when the key policy and the caller's IAM role allow it, and every use "
        "is logged."
    ),
    "cloudtrail": (
        "AWS CloudTrail records every AWS API call (who, what, when, from where) into a bucket, "
        "which is how changes are audited and incidents investigated."
    ),
    "acm_certificate": (
        "AWS Certificate Manager issues and renews TLS certificates for CloudFront, load "
        "balancers and API Gateway at no charge, so HTTPS never stops when a certificate expires."
    ),
}
