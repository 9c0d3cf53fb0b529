import { WardenError } from '../core/index.ts';
import type { InstanceProfileRecord, StoreTx } from '../store/port.ts';
import type { ResourceContext } from './action.ts';
import { instanceProfileArn } from './arns.ts';
import { toListedRole, type WireRole } from './roles.ts';
import { roleToShow, type TrustReader } from './trust-policy.ts';
import { toWireTags, type WireTag } from './tags.ts';

/** Instance profiles: lookups with AWS's wording, and the `InstanceProfile` shape. */

export const noSuchInstanceProfile = (name: string): WardenError =>
  new WardenError('NoSuchEntity', `Instance Profile ${name} cannot be found.`);

export const instanceProfileExists = (name: string): WardenError =>
  new WardenError('EntityAlreadyExists', `Instance Profile ${name} already exists.`);

export async function requireInstanceProfile(store: StoreTx, name: string): Promise<InstanceProfileRecord> {
  const profile = await store.instanceProfiles.getByName(name);
  if (profile === undefined) throw noSuchInstanceProfile(name);
  return profile;
}

/** The profile ARN a permission is checked on; one that does not exist gets the path `/`. */
export async function instanceProfileResource(ctx: ResourceContext, name: string): Promise<string> {
  const profile = await ctx.store.instanceProfiles.getByName(name);
  return instanceProfileArn(ctx.account, profile?.path ?? '/', profile?.instanceProfileName ?? name);
}

export interface WireInstanceProfile {
  readonly Path: string;
  readonly InstanceProfileName: string;
  readonly InstanceProfileId: string;
  readonly Arn: string;
  readonly CreateDate: Date;
  /** Always present (empty when the profile holds no role). */
  readonly Roles: WireRole[];
  readonly Tags?: WireTag[];
}

/**
 * `withTags`: GetInstanceProfile and CreateInstanceProfile show the tags; the list actions leave
 * them out (documented for ListInstanceProfiles).
 */
export async function toWireInstanceProfile(
  reader: TrustReader,
  profile: InstanceProfileRecord,
  withTags: boolean,
): Promise<WireInstanceProfile> {
  const { store, account } = reader;
  const role = profile.roleId === undefined ? undefined : await store.roles.getById(profile.roleId);
  return {
    Path: profile.path,
    InstanceProfileName: profile.instanceProfileName,
    InstanceProfileId: profile.instanceProfileId,
    Arn: instanceProfileArn(account, profile.path, profile.instanceProfileName),
    CreateDate: profile.createDate,
    Roles: role === undefined ? [] : [toListedRole(account, await roleToShow(reader, role))],
    ...(withTags && profile.tags.length > 0 ? { Tags: toWireTags(profile.tags) } : {}),
  };
}
