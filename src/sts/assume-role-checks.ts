import { parseArn, WardenError } from '../core/index.ts';
import type { ActionContext, Caller, ConditionKeys } from '../iam/action.ts';
import { roleArn } from '../iam/arns.ts';
import type { RoleRecord, Tag } from '../store/port.ts';

/** The rules of AssumeRole that are not policy decisions (sts-api.md C.1, B.5, B.6). */

export const DEFAULT_ROLE_SESSION_SECONDS = 3600;
/** Role chaining: a session made with temporary credentials lasts at most an hour. */
export const CHAINED_MAX_SECONDS = 3600;

/** The role a RoleArn names in this account, by its exact ARN (path and name). */
export async function roleOfArn(ctx: ActionContext, arn: string): Promise<RoleRecord | undefined> {
  const parsed = parseArn(arn);
  if (
    parsed?.service !== 'iam' ||
    parsed.account !== ctx.account.id ||
    !parsed.resource.startsWith('role/')
  ) {
    return undefined;
  }
  const name = parsed.resource.slice(parsed.resource.lastIndexOf('/') + 1);
  const role = await ctx.store.roles.getByName(name);
  return role !== undefined && roleArn(ctx.account, role.path, role.roleName) === arn ? role : undefined;
}

/** DurationSeconds within the role's maximum, and within an hour when chaining (AWS's texts). */
export function roleSessionDuration(
  requested: number | undefined,
  role: RoleRecord,
  chained: boolean,
): number {
  const seconds = requested ?? DEFAULT_ROLE_SESSION_SECONDS;
  if (chained && seconds > CHAINED_MAX_SECONDS) {
    throw new WardenError(
      'ValidationError',
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
  }
  if (seconds > role.maxSessionDuration) {
    throw new WardenError(
      'ValidationError',
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
  }
  return seconds;
}

export const refuseRoot = (caller: Caller): void => {
  if (caller.kind === 'root')
    throw new WardenError('AccessDenied', 'Roles may not be assumed by root accounts.');
};

/**
 * The new session's tags: the caller's transitive tags (role chaining; they stay transitive and
 * cannot be overridden), then the request's. TransitiveTagKeys must name passed tags.
 */
export function chainTags(
  caller: Caller,
  tags: readonly Tag[],
  transitive: readonly string[],
): { tags: Tag[]; transitiveTagKeys: string[] } {
  const passed = new Set(tags.map((t) => t.key.toLowerCase()));
  for (const key of transitive) {
    if (!passed.has(key.toLowerCase())) {
      throw new WardenError(
        'InvalidParameterValue',
        `The transitive tag key ${key} is not one of the session tags.`,
      );
    }
  }
  const session = caller.session;
  const inheritedKeys = new Set((session?.transitiveTagKeys ?? []).map((k) => k.toLowerCase()));
  const inherited = (session?.tags ?? []).filter((t) => inheritedKeys.has(t.key.toLowerCase()));
  for (const tag of tags) {
    if (inheritedKeys.has(tag.key.toLowerCase())) {
      throw new WardenError(
        'InvalidParameterValue',
        `The session tag ${tag.key} is a transitive tag of the calling session and cannot be overridden.`,
      );
    }
  }
  return {
    tags: [...inherited, ...tags],
    transitiveTagKeys: [...inherited.map((t) => t.key), ...transitive],
  };
}

/** The source identity persists along a role chain and cannot be changed. */
export function chainSourceIdentity(caller: Caller, requested: string | undefined): string | undefined {
  const current = caller.session?.sourceIdentity;
  if (current !== undefined && requested !== undefined && requested !== current) {
    throw new WardenError('AccessDenied', 'The source identity of a role session chain cannot be changed.');
  }
  return current ?? requested;
}

export interface TrustRequest {
  readonly sessionName: string;
  readonly externalId?: string | undefined;
  readonly sourceIdentity?: string | undefined;
  readonly tags: readonly Tag[];
  readonly transitiveTagKeys: readonly string[];
  /** When this request proved MFA. */
  readonly mfaNow: boolean;
}

/** The keys the trust policy (and the caller's policies) see for this AssumeRole (C.1 step 4). */
export function trustKeys(r: TrustRequest): ConditionKeys {
  const keys: Record<string, string | string[]> = { 'sts:RoleSessionName': r.sessionName };
  if (r.externalId !== undefined) keys['sts:ExternalId'] = r.externalId;
  if (r.sourceIdentity !== undefined) keys['sts:SourceIdentity'] = r.sourceIdentity;
  if (r.tags.length > 0) {
    for (const t of r.tags) keys[`aws:RequestTag/${t.key}`] = t.value;
    keys['aws:TagKeys'] = r.tags.map((t) => t.key);
  }
  if (r.transitiveTagKeys.length > 0) keys['sts:TransitiveTagKeys'] = [...r.transitiveTagKeys];
  if (r.mfaNow) {
    keys['aws:MultiFactorAuthPresent'] = 'true';
    keys['aws:MultiFactorAuthAge'] = '0';
  }
  return keys;
}

export const notAuthorized = (caller: Caller, arn: string): WardenError =>
  new WardenError(
    'AccessDenied',
    `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${arn}`,
  );
