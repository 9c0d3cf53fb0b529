/**
 * What the tracker last wrote for each key, so a busy principal does not rewrite the same row
 * every second: a use is written when the stored one is a minute old or says something else
 * (another region, another session), as access keys' last use always was. Without it every flush
 * would be a write transaction (a sync of the WAL) under steady traffic; with it most are none.
 */
import type { AccessKeyUse, ServiceAccessRecord } from '../../store/port.ts';
import { PendingUses } from './pending-uses.ts';

/** A use this much newer than the written one is written again. */
export const WRITE_GRANULARITY_MS = 60_000;
/** Past this many remembered keys the memo starts over (a rewrite is only a wasted write). */
const MAX_REMEMBERED = 200_000;

interface Written {
  readonly time: number;
  readonly detail: string;
}

export class WrittenUses {
  private readonly written = new Map<string, Written>();

  /** The part of `uses` worth writing: new keys, newer by a minute, or with other details. */
  worthWriting(accountId: string, uses: PendingUses): PendingUses {
    const out = new PendingUses();
    for (const access of uses.accesses.values()) {
      if (this.stale(accessKey(accountId, access), access.time, accessDetail(access))) out.addAccess(access);
    }
    for (const [id, use] of uses.keys) {
      if (this.stale(`${accountId}\u0000k\u0000${id}`, use.date, keyDetail(use))) out.addKeyUse(id, use);
    }
    for (const [id, use] of uses.roles) {
      if (this.stale(`${accountId}\u0000r\u0000${id}`, use.date, use.region)) out.addRoleUse(id, use);
    }
    return out;
  }

  /** Remembers what was written (call once the transaction committed). */
  remember(accountId: string, uses: PendingUses): void {
    if (this.written.size > MAX_REMEMBERED) this.written.clear();
    for (const access of uses.accesses.values()) {
      this.set(accessKey(accountId, access), access.time, accessDetail(access));
    }
    for (const [id, use] of uses.keys) this.set(`${accountId}\u0000k\u0000${id}`, use.date, keyDetail(use));
    for (const [id, use] of uses.roles) this.set(`${accountId}\u0000r\u0000${id}`, use.date, use.region);
  }

  private stale(key: string, time: Date, detail: string): boolean {
    const held = this.written.get(key);
    return held === undefined || held.detail !== detail || time.getTime() - held.time >= WRITE_GRANULARITY_MS;
  }

  private set(key: string, time: Date, detail: string): void {
    this.written.set(key, { time: time.getTime(), detail });
  }
}

const accessKey = (accountId: string, a: ServiceAccessRecord): string =>
  `${accountId}\u0000a\u0000${a.principalId}\u0000${a.service}\u0000${a.action ?? ''}`;
const accessDetail = (a: ServiceAccessRecord): string => `${a.region}\u0000${a.entityArn}`;
const keyDetail = (use: AccessKeyUse): string => `${use.service}\u0000${use.region}`;
