import type { Param, Sql } from '../sql.ts';

/**
 * The authorization epoch (StoreTx.authzEpoch): one row, moved forward by every write that can
 * change a decision, inside that write's transaction, so a rollback takes the move back too.
 *
 * A plain `epoch + 1` would hand out again, after a rollback, a value the rolled-back transaction
 * already showed to the authorizer (which may have cached facts under it). So a bump also goes past
 * the highest value this connection ever wrote. Other processes only ever see committed values,
 * and those never go back.
 *
 * Known limit, for several processes on one file only: if a group of transactions is lost at
 * COMMIT (I/O error, full disk) after a member showed epoch N+1, another process may later commit
 * its own N+1, which this process would take for the lost one. Both an I/O failure and a shared
 * file are needed; one Warden per SQLite file (the supported setup) is exact.
 */
export function bumpEpoch(sql: Sql): void {
  const next = Math.max(readEpoch(sql), sql.epochHighWater) + 1;
  sql.run('UPDATE authz_epoch SET epoch = ? WHERE singleton = 1', next);
  sql.epochHighWater = next;
}

export function readEpoch(sql: Sql): number {
  return sql.one<{ epoch: number }>('SELECT epoch FROM authz_epoch WHERE singleton = 1')?.epoch ?? 0;
}

/** Runs a write and moves the epoch if it changed anything; returns the rows changed. */
export function runAndBump(sql: Sql, text: string, ...params: Param[]): number {
  const changes = sql.run(text, ...params);
  if (changes > 0) bumpEpoch(sql);
  return changes;
}
