import type { Param, Sql } from '../sql.ts';

/**
 * The authorization epoch (StoreTx.authzEpoch): one row, moved forward by every write that can
 * change a decision, inside that write's transaction, so a rollback takes the move back too.
 */
export function bumpEpoch(sql: Sql): void {
  sql.run('UPDATE authz_epoch SET epoch = epoch + 1 WHERE singleton = 1');
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
