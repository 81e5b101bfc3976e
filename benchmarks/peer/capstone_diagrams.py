"""The capstone drawn with mingrammer's `diagrams` the way its users write it: by hand.

The speed benchmark times this script against `archgen render` of
architectures/capstone.yaml; both write one PNG of the same design.
"""

from diagrams import Cluster, Diagram, Edge
from diagrams.aws.compute import EC2Instance, Lambda
from diagrams.aws.database import RDS
from diagrams.aws.general import Users
from diagrams.aws.network import (
    ElbApplicationLoadBalancer,
    Endpoint,
    InternetGateway,
    NATGateway,
    Route53,
)
from diagrams.aws.security import IAMRole
from diagrams.aws.storage import SimpleStorageServiceS3

with Diagram(
    "Highly available three-tier web application for querying research data",
    filename="capstone",
    outformat="png",
    show=False,
    direction="TB",
):
    users = Users("Researchers and public")
    with Cluster("AWS Cloud"):
        dns = Route53("Route 53")
        app_role = IAMRole("App instance role")
        importer_role = IAMRole("Importer role")
        with Cluster("Region us-east-1"):
            datasets = SimpleStorageServiceS3("Data sets bucket")
            with Cluster("Research VPC 10.0.0.0/16"):
                igw = InternetGateway("Internet gateway")
                endpoint = Endpoint("S3 gateway endpoint")
                alb = ElbApplicationLoadBalancer("Application Load Balancer")
                with Cluster("Availability Zone us-east-1a"):
                    with Cluster("Public subnet A 10.0.0.0/24"):
                        nat_a = NATGateway("NAT gateway A")
                    with Cluster("App subnet A 10.0.10.0/24"):
                        importer_a = Lambda("Data import function")
                        with Cluster("Auto Scaling group"):
                            app_a = EC2Instance("Web application servers")
                    with Cluster("DB subnet A 10.0.20.0/24"):
                        primary = RDS("MySQL database (primary)")
                with Cluster("Availability Zone us-east-1b"):
                    with Cluster("Public subnet B 10.0.1.0/24"):
                        nat_b = NATGateway("NAT gateway B")
                    with Cluster("App subnet B 10.0.11.0/24"):
                        importer_b = Lambda("Data import function")
                        with Cluster("Auto Scaling group"):
                            app_b = EC2Instance("Web application servers")
                    with Cluster("DB subnet B 10.0.21.0/24"):
                        standby = RDS("MySQL database (standby)")
    users >> Edge(label="A1 B1 HTTPS 443") >> alb
    dns >> Edge(style="dashed", label="resolves to") >> alb
    alb >> Edge(label="A2 B2 HTTP 8080") >> [app_a, app_b]
    app_a >> Edge(label="A3 MYSQL 3306") >> primary
    app_b >> primary
    [importer_a, importer_b] >> Edge(label="MYSQL 3306") >> primary
    [app_a, app_b] >> Edge(label="B3 HTTPS 443") >> datasets
    [importer_a, importer_b] >> Edge(label="HTTPS 443") >> datasets
    primary >> Edge(style="dashed", label="synchronous replication") >> standby
    app_role >> Edge(style="dotted") >> app_a
    importer_role >> Edge(style="dotted") >> importer_a
    igw >> Edge(style="invis") >> alb
    endpoint >> Edge(style="invis") >> nat_a
    nat_b >> Edge(style="invis") >> nat_a
