import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../core/index.ts';
import type { Store } from '../port.ts';
import { openSqliteStore } from './sqlite-store.ts';

/**
 * Where each account's database lives in a data directory: the first account (the one created at
 * first start) in `warden.db`, every further one in `accounts/<ACCOUNT_ID>.db`. The same schema
 * and the same Store port in each, so nothing above the store knows there are several.
 */
export class SqliteAccountFiles {
  readonly firstPath: string;
  private readonly dir: string;

  constructor(
    dataDir: string,
    private readonly clock: Clock,
  ) {
    this.firstPath = join(dataDir, 'warden.db');
    this.dir = join(dataDir, 'accounts');
  }

  pathOf(accountId: string): string {
    return join(this.dir, `${accountId}.db`);
  }

  /** The accounts with a file of their own, as the directory holds them now. */
  list(): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((name) => /^\d{12}\.db$/.test(name))
      .map((name) => name.slice(0, 12))
      .sort();
  }

  exists(accountId: string): boolean {
    return /^\d{12}$/.test(accountId) && existsSync(this.pathOf(accountId));
  }

  openFirst(options: { groupCommit?: boolean } = {}): Promise<Store> {
    return openSqliteStore({ path: this.firstPath, clock: this.clock, ...options });
  }

  /** Opens (creating it if absent: check `exists` first when that is not meant) an account's store. */
  open(accountId: string, options: { groupCommit?: boolean } = {}): Promise<Store> {
    if (!/^\d{12}$/.test(accountId)) throw new Error(`not an account id: ${accountId}`);
    return openSqliteStore({ path: this.pathOf(accountId), clock: this.clock, ...options });
  }

  /** Deletes a closed account's database with its WAL files. */
  remove(accountId: string): void {
    const path = this.pathOf(accountId);
    for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
  }
}
