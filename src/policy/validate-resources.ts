/**
 * `Resource`/`NotResource` format: `*` or an ARN with a known partition and a literal service, plus
 * IAM's and S3's extra rules (no region, IAM resource types). The checks and their order follow
 * IAM's behaviour as moto and LocalStack reproduce it against AWS.
 */
import type { Statement, ValueList } from './ast.ts';
import type { Diagnostic } from './types.ts';
import { AWS_MESSAGES, errorAt } from './validate-messages.ts';

export const PARTITIONS: ReadonlySet<string> = new Set([
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
]);

const IAM_RESOURCE_TYPES = [
  'user/',
  'federated-user/',
  'role/',
  'group/',
  'instance-profile/',
  'mfa/',
  'server-certificate/',
  'policy/',
  'sms-mfa/',
  'saml-provider/',
  'oidc-provider/',
  'report/',
  'access-report/',
];

export interface ResourceProblem {
  readonly code: 'invalid-resource' | 'legacy-resource';
  readonly message: string;
}

/**
 * S3 resource types that live in a region (Service Authorization Reference), unlike buckets and
 * objects; AWS's own managed policies use them (e.g. `arn:aws:s3:*:*:access-grants/default/*`).
 */
const S3_REGIONAL_TYPES = [
  'accesspoint/',
  'job/',
  'storage-lens/',
  'storage-lens-group/',
  'access-grants/',
  'async-request/',
];

/** What IAM says about one resource string, or `undefined` when it is acceptable. */
export function resourceProblem(resource: string): ResourceProblem | undefined {
  if (resource === '*') return undefined;
  const parts = resource.split(':');
  if (parts.length < 2) return invalid(AWS_MESSAGES.resourceArn(resource));
  const [prefix = '', partition = '', service, region = '', , ...rest] = parts;
  if (prefix !== 'arn') return invalid(AWS_MESSAGES.resourceArn(resource));
  if (partition !== '*' && !PARTITIONS.has(partition)) {
    return invalid(AWS_MESSAGES.partition(partition, partitionEcho(partition, parts.slice(2))));
  }
  if (service === undefined || /[*?]/.test(service)) return invalid(AWS_MESSAGES.resourceVendor);
  // IAM's legacy parser needs all six fields once `::` appears, and a service name.
  if ((parts.length < 6 && resource.includes('::')) || service === '') {
    return { code: 'legacy-resource', message: AWS_MESSAGES.legacyParsing };
  }
  const id = rest.join(':');
  if (service === 'iam') return iamProblem(resource, region, id);
  if (service === 's3' && region !== '' && !S3_REGIONAL_TYPES.some((t) => id.startsWith(t))) {
    return invalid(AWS_MESSAGES.s3Region(resource));
  }
  return undefined;
}

function iamProblem(resource: string, region: string, id: string): ResourceProblem | undefined {
  if (region !== '') return invalid(AWS_MESSAGES.iamRegion(resource));
  const type = id.split('/')[0] ?? '';
  // A wildcard in the type segment may still name a valid type, so only literal types are checked.
  if (id === 'root' || /[*?]/.test(type) || IAM_RESOURCE_TYPES.some((t) => id.startsWith(t)))
    return undefined;
  return invalid(AWS_MESSAGES.iamResourcePath);
}

/** IAM echoes the resource with missing fields shown as `*`. */
function partitionEcho(partition: string, after: string[]): string {
  const field = (i: number) => after[i] ?? '*';
  const first = after[0] !== '' || after.length > 1 ? field(0) : '*';
  const last = after.length > 3 ? after.slice(3).join(':') : '*';
  return `arn:${partition}:${first}:${field(1)}:${field(2)}:${last}`;
}

const invalid = (message: string): ResourceProblem => ({ code: 'invalid-resource', message });

export function checkResources(statement: Statement, out: Diagnostic[]): void {
  for (const list of [statement.resource, statement.notResource]) {
    if (list !== undefined) checkList(list, out);
  }
}

function checkList(list: ValueList, out: Diagnostic[]): void {
  list.values.forEach((resource, i) => {
    const problem = resourceProblem(resource);
    if (problem !== undefined)
      out.push(errorAt(problem.code, problem.message, list.valueSpans[i] ?? list.span));
  });
}
