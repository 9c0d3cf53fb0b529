import type { Sql } from '../sql.ts';

/**
 * How a repo reaches the database inside a transaction: awaiting it takes the store's lock and
 * begins the transaction on first use (see SqliteStore), then hands back the statement runner.
 */
export type UseSql = () => Promise<Sql>;
