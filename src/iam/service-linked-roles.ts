import { WardenError } from '../core/index.ts';
import type { Account } from './action.ts';
import { roleArn } from './arns.ts';

/**
 * Service-linked roles: the name each AWS service gives its role, the AWS managed policy the
 * service attaches to it, and whether the service accepts a `CustomSuffix` (IAM User Guide, each
 * service's "Using service-linked roles" page; the set LocalStack verified against AWS). A
 * service principal that is not listed but has AWS's form (`NAME.amazonaws.com`) gets
 * `AWSServiceRoleFor` + its first label capitalized and no policy, so less common services still
 * work; anything else is refused.
 */
export interface LinkedService {
  readonly roleName: string;
  /** Name of the AWS managed policy at `/aws-service-role/`, when the service attaches one. */
  readonly policy?: string;
  readonly suffixAllowed: boolean;
}

const S = (roleName: string, policy: string, suffixAllowed = false): LinkedService => ({
  roleName,
  policy,
  suffixAllowed,
});

export const LINKED_SERVICES: Readonly<Record<string, LinkedService>> = {
  'acm.amazonaws.com': S('AWSServiceRoleForCertificateManager', 'CertificateManagerServiceRolePolicy'),
  'autoscaling.amazonaws.com': S('AWSServiceRoleForAutoScaling', 'AutoScalingServiceRolePolicy', true),
  'backup.amazonaws.com': S('AWSServiceRoleForBackup', 'AWSBackupServiceLinkedRolePolicyForBackup'),
  'batch.amazonaws.com': S('AWSServiceRoleForBatch', 'BatchServiceRolePolicy'),
  'cloudtrail.amazonaws.com': S('AWSServiceRoleForCloudTrail', 'CloudTrailServiceRolePolicy'),
  'config.amazonaws.com': S('AWSServiceRoleForConfig', 'AWSConfigServiceRolePolicy'),
  'connect.amazonaws.com': S('AWSServiceRoleForAmazonConnect', 'AmazonConnectServiceLinkedRolePolicy', true),
  'dynamodb.application-autoscaling.amazonaws.com': S(
    'AWSServiceRoleForApplicationAutoScaling_DynamoDBTable',
    'AWSApplicationAutoscalingDynamoDBTablePolicy',
  ),
  'ecs.amazonaws.com': S('AWSServiceRoleForECS', 'AmazonECSServiceRolePolicy'),
  'eks.amazonaws.com': S('AWSServiceRoleForAmazonEKS', 'AmazonEKSServiceRolePolicy'),
  'es.amazonaws.com': S(
    'AWSServiceRoleForAmazonElasticsearchService',
    'AmazonElasticsearchServiceRolePolicy',
  ),
  'eks-fargate.amazonaws.com': S(
    'AWSServiceRoleForAmazonEKSForFargate',
    'AmazonEKSForFargateServiceRolePolicy',
  ),
  'eks-nodegroup.amazonaws.com': S(
    'AWSServiceRoleForAmazonEKSNodegroup',
    'AWSServiceRoleForAmazonEKSNodegroup',
  ),
  'elasticache.amazonaws.com': S('AWSServiceRoleForElastiCache', 'ElastiCacheServiceRolePolicy'),
  'elasticbeanstalk.amazonaws.com': S(
    'AWSServiceRoleForElasticBeanstalk',
    'AWSElasticBeanstalkServiceRolePolicy',
  ),
  'elasticfilesystem.amazonaws.com': S(
    'AWSServiceRoleForAmazonElasticFileSystem',
    'AmazonElasticFileSystemServiceRolePolicy',
  ),
  'elasticloadbalancing.amazonaws.com': S(
    'AWSServiceRoleForElasticLoadBalancing',
    'AWSElasticLoadBalancingServiceRolePolicy',
  ),
  'guardduty.amazonaws.com': S('AWSServiceRoleForAmazonGuardDuty', 'AmazonGuardDutyServiceRolePolicy'),
  'kafka.amazonaws.com': S('AWSServiceRoleForKafka', 'KafkaServiceRolePolicy'),
  'lexv2.amazonaws.com': S('AWSServiceRoleForLexV2Bots', 'AmazonLexV2BotPolicy', true),
  'mq.amazonaws.com': S('AWSServiceRoleForAmazonMQ', 'AmazonMQServiceRolePolicy'),
  'opensearchservice.amazonaws.com': S(
    'AWSServiceRoleForAmazonOpenSearchService',
    'AmazonOpenSearchServiceRolePolicy',
  ),
  'ops.apigateway.amazonaws.com': S('AWSServiceRoleForAPIGateway', 'APIGatewayServiceRolePolicy'),
  'organizations.amazonaws.com': S('AWSServiceRoleForOrganizations', 'AWSOrganizationsServiceTrustPolicy'),
  'rds.amazonaws.com': S('AWSServiceRoleForRDS', 'AmazonRDSServiceRolePolicy'),
  'securityhub.amazonaws.com': S('AWSServiceRoleForSecurityHub', 'AWSSecurityHubServiceRolePolicy'),
  'spot.amazonaws.com': S('AWSServiceRoleForEC2Spot', 'AWSEC2SpotServiceRolePolicy'),
  'ssm.amazonaws.com': S('AWSServiceRoleForAmazonSSM', 'AmazonSSMServiceRolePolicy'),
  'support.amazonaws.com': S('AWSServiceRoleForSupport', 'AWSSupportServiceRolePolicy'),
  'trustedadvisor.amazonaws.com': S('AWSServiceRoleForTrustedAdvisor', 'AWSTrustedAdvisorServiceRolePolicy'),
};

const SERVICE_PRINCIPAL = /^([a-z0-9][a-z0-9-]*)(\.[a-z0-9-]+)*\.amazonaws\.com$/;

/** What CreateServiceLinkedRole creates for a service: role name (with any suffix), path, policy ARN. */
export interface LinkedRolePlan {
  readonly roleName: string;
  readonly path: string;
  readonly policyArn?: string;
}

export function linkedRolePlan(
  account: Account,
  service: string,
  suffix: string | undefined,
): LinkedRolePlan {
  const known = LINKED_SERVICES[service];
  const first = SERVICE_PRINCIPAL.exec(service)?.[1];
  if (known === undefined && first === undefined) {
    // UNCONFIRMED wording: AWS refuses principals of services without service-linked roles.
    throw new WardenError('InvalidInput', `Invalid service name: ${service}`);
  }
  if (suffix !== undefined && known !== undefined && !known.suffixAllowed) {
    // UNCONFIRMED wording (LocalStack's, from its AWS-validated tests).
    throw new WardenError('InvalidInput', `Custom suffix is not allowed for ${service}`);
  }
  const base =
    known?.roleName ?? `AWSServiceRoleFor${(first ?? '').charAt(0).toUpperCase()}${(first ?? '').slice(1)}`;
  const roleName = suffix === undefined ? base : `${base}_${suffix}`;
  if (roleName.length > 64) throw new WardenError('InvalidInput', `Role name ${roleName} is too long.`);
  return {
    roleName,
    path: `/aws-service-role/${service}/`,
    ...(known?.policy === undefined
      ? {}
      : { policyArn: `arn:${account.partition}:iam::aws:policy/aws-service-role/${known.policy}` }),
  };
}

/** The trust policy of a service-linked role: only its service may assume it. */
export const linkedRoleTrustPolicy = (service: string): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: [service] }, Action: ['sts:AssumeRole'] }],
  });

export const linkedRoleArn = (account: Account, service: string, roleName: string): string =>
  roleArn(account, `/aws-service-role/${service}/`, roleName);

const TASK = /^task\/aws-service-role\/([^/]+)\/([^/]+)\/[0-9a-f-]{36}$/;

/** `task/aws-service-role/SERVICE/ROLE/UUID` (the documented format) -> its parts, or undefined. */
export function parseDeletionTaskId(taskId: string): { service: string; roleName: string } | undefined {
  const [, service, roleName] = TASK.exec(taskId) ?? [];
  return service === undefined || roleName === undefined ? undefined : { service, roleName };
}

/** A random version-4 UUID from the injected random bytes. */
export function uuidFrom(bytes: Uint8Array): string {
  const b = Array.from(bytes.slice(0, 16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = b.map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
