/**
 * What the tracker holds between two flushes, per account: only the newest use per key (a
 * principal's service, or action; an access key; a role), so a busy principal costs one row per
 * flush however many requests it makes.
 */
import type { AccessKeyUse, RoleLastUsed, ServiceAccessRecord } from '../../store/port.ts';

export class PendingUses {
  readonly accesses = new Map<string, ServiceAccessRecord>();
  readonly keys = new Map<string, AccessKeyUse>();
  readonly roles = new Map<string, RoleLastUsed>();

  get size(): number {
    return this.accesses.size + this.keys.size + this.roles.size;
  }

  addAccess(access: ServiceAccessRecord): void {
    const key = `${access.principalId}\u0000${access.service}\u0000${access.action ?? ''}`;
    keepNewest(this.accesses, key, access, (a) => a.time);
  }

  addKeyUse(accessKeyId: string, use: AccessKeyUse): void {
    keepNewest(this.keys, accessKeyId, use, (u) => u.date);
  }

  addRoleUse(roleId: string, use: RoleLastUsed): void {
    keepNewest(this.roles, roleId, use, (u) => u.date);
  }

  /** Puts back what a failed flush took, keeping whatever arrived meanwhile if newer. */
  mergeFrom(other: PendingUses): void {
    for (const access of other.accesses.values()) this.addAccess(access);
    for (const [id, use] of other.keys) this.addKeyUse(id, use);
    for (const [id, use] of other.roles) this.addRoleUse(id, use);
  }
}

function keepNewest<K, V>(map: Map<K, V>, key: K, value: V, timeOf: (v: V) => Date): void {
  const held = map.get(key);
  if (held === undefined || timeOf(held).getTime() <= timeOf(value).getTime()) map.set(key, value);
}
