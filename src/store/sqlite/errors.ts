import { StoreError, type StoreErrorKind } from '../port.ts';

/**
 * The ONE place where better-sqlite3 errors become StoreErrors. SQLite's extended result codes
 * (`SQLITE_CONSTRAINT_UNIQUE`, ...) arrive as the `code` string of a SqliteError.
 */
export function translateError(error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const code = sqliteCode(error);
  const message = error instanceof Error ? error.message : String(error);
  return new StoreError(kindOf(code), code ? `${code}: ${message}` : message, { cause: error });
}

function kindOf(code: string | undefined): StoreErrorKind {
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return 'conflict';
  if (code?.startsWith('SQLITE_CONSTRAINT')) return 'constraint';
  if (code?.startsWith('SQLITE_BUSY') || code?.startsWith('SQLITE_LOCKED')) return 'busy';
  return 'failure';
}

function sqliteCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** Runs a driver call, translating whatever it throws. */
export function guarded<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    throw translateError(error);
  }
}
