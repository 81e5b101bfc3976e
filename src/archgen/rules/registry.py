"""Every rule archgen runs, in id order.

Listed by hand rather than discovered: mypy sees each entry, `git grep AG104`
finds it, and importing a module never registers anything as a side effect.
"""

from __future__ import annotations

from archgen.rules.availability.ag101_tier_spans_two_azs import TierSpansTwoAzs
from archgen.rules.availability.ag102_alb_spans_target_azs import AlbSpansTargetAzs
from archgen.rules.availability.ag103_asg_spans_two_azs import AsgSpansTwoAzs
from archgen.rules.availability.ag104_rds_multi_az import RdsMultiAz
from archgen.rules.availability.ag105_nat_per_az import NatPerAz
from archgen.rules.availability.ag106_regional_redundancy import RegionalRedundancy
from archgen.rules.availability.ag107_point_in_time_recovery import PointInTimeRecovery
from archgen.rules.base import Rule
from archgen.rules.encryption.ag401_encryption_at_rest import EncryptionAtRest
from archgen.rules.encryption.ag402_encryption_in_transit import EncryptionInTransit
from archgen.rules.encryption.ag403_s3_block_public_access import S3BlockPublicAccess
from archgen.rules.encryption.ag404_cloudfront_origin_access_control import (
    CloudFrontOriginAccessControl,
)
from archgen.rules.filtering.ag301_custom_nacl_per_subnet import CustomNaclPerSubnet
from archgen.rules.filtering.ag302_nacl_not_open_or_shadowed import NaclNotOpenOrShadowed
from archgen.rules.filtering.ag303_nacl_admin_ports import NaclAdminPorts
from archgen.rules.filtering.ag304_stateless_return_path import StatelessReturnPath
from archgen.rules.filtering.ag305_sg_sensitive_ports import SgSensitivePorts
from archgen.rules.filtering.ag306_sg_chain import SgChain
from archgen.rules.filtering.ag307_connections_reachable import ConnectionsReachable
from archgen.rules.filtering.ag308_return_rule_admits_services import ReturnRuleAdmitsServices
from archgen.rules.filtering.ag309_origin_bypasses_waf import OriginBypassesWaf
from archgen.rules.identity.ag501_compute_uses_roles import ComputeUsesRoles
from archgen.rules.identity.ag502_least_privilege import LeastPrivilege
from archgen.rules.identity.ag503_api_authorizer import ApiAuthorizer
from archgen.rules.integrity.ag001_integrity import Integrity
from archgen.rules.integrity.ag002_suppression_expired import SuppressionExpired
from archgen.rules.integrity.ag003_suppression_unused import SuppressionUnused
from archgen.rules.integrity.ag004_settings_aws_refuses import SettingsAwsRefuses
from archgen.rules.integrity.ag005_waf_scope import WafScope
from archgen.rules.operations.ag601_api_access_logging import ApiAccessLogging
from archgen.rules.operations.ag602_lambda_in_vpc_for_vpc_resources import (
    LambdaInVpcForVpcResources,
)
from archgen.rules.operations.ag603_private_path_to_services import PrivatePathToServices
from archgen.rules.operations.ag604_queue_dead_letter import QueueDeadLetter
from archgen.rules.tiers.ag201_subnet_kind_matches_routes import SubnetKindMatchesRoutes
from archgen.rules.tiers.ag202_private_compute import PrivateCompute
from archgen.rules.tiers.ag203_private_data import PrivateData
from archgen.rules.tiers.ag204_no_auto_public_ip import NoAutoPublicIp
from archgen.rules.tiers.ag205_no_direct_internet_path import NoDirectInternetPath
from archgen.rules.tiers.ag206_no_direct_calls_to_compute import NoDirectCallsToCompute
from archgen.rules.tiers.ag207_no_tier_skipping import NoTierSkipping
from archgen.rules.tiers.ag208_alb_scheme_matches_subnets import AlbSchemeMatchesSubnets
from archgen.rules.tiers.ag209_tiers_separated import TiersSeparated
from archgen.rules.tiers.ag210_eks_private_endpoint import EksPrivateEndpoint

ALL_RULES: tuple[type[Rule], ...] = (
    Integrity,
    SuppressionExpired,
    SuppressionUnused,
    SettingsAwsRefuses,
    WafScope,
    TierSpansTwoAzs,
    AlbSpansTargetAzs,
    AsgSpansTwoAzs,
    RdsMultiAz,
    NatPerAz,
    RegionalRedundancy,
    PointInTimeRecovery,
    SubnetKindMatchesRoutes,
    PrivateCompute,
    PrivateData,
    NoAutoPublicIp,
    NoDirectInternetPath,
    NoDirectCallsToCompute,
    NoTierSkipping,
    AlbSchemeMatchesSubnets,
    TiersSeparated,
    EksPrivateEndpoint,
    CustomNaclPerSubnet,
    NaclNotOpenOrShadowed,
    NaclAdminPorts,
    StatelessReturnPath,
    SgSensitivePorts,
    SgChain,
    ConnectionsReachable,
    ReturnRuleAdmitsServices,
    OriginBypassesWaf,
    EncryptionAtRest,
    EncryptionInTransit,
    S3BlockPublicAccess,
    CloudFrontOriginAccessControl,
    ComputeUsesRoles,
    LeastPrivilege,
    ApiAuthorizer,
    ApiAccessLogging,
    LambdaInVpcForVpcResources,
    PrivatePathToServices,
    QueueDeadLetter,
)


def rule_by_id(rule_id: str) -> type[Rule] | None:
    """Return the rule class with this id, if there is one."""
    return next((rule for rule in ALL_RULES if rule.id == rule_id), None)
