import type Database from 'better-sqlite3';
import { guarded } from './errors.ts';

export type Param = string | number | bigint | null | Buffer;

/**
 * The adapter's only way to run SQL: statements are prepared once per text and cached, and every
 * driver error goes through translateError. Rows come back as plain snake_case objects; each repo
 * maps them with one function per table.
 */
export class Sql {
  private readonly cache = new Map<string, Database.Statement>();
  /** Statements that changed at least one row, ever: tells a read-only transaction from a write. */
  writes = 0;
  /**
   * The highest authorization epoch this connection ever wrote, committed or rolled back: a bump
   * goes past it, so a value a rolled-back transaction showed is never handed out again.
   */
  epochHighWater = 0;

  constructor(private readonly db: Database.Database) {}

  one<Row>(text: string, ...params: Param[]): Row | undefined {
    return guarded(() => this.prepare(text).get(...params) as Row | undefined);
  }

  all<Row>(text: string, ...params: Param[]): Row[] {
    return guarded(() => this.prepare(text).all(...params) as Row[]);
  }

  /** Runs a write; returns the number of rows changed. */
  run(text: string, ...params: Param[]): number {
    const changes = guarded(() => this.prepare(text).run(...params).changes);
    if (changes > 0) this.writes++;
    return changes;
  }

  /** Runs one transaction-control statement (BEGIN, COMMIT, SAVEPOINT, ...), prepared once. */
  control(text: string): void {
    guarded(() => this.prepare(text).run());
  }

  /** Runs a script of statements without parameters (migrations). */
  exec(text: string): void {
    guarded(() => this.db.exec(text));
  }

  get inTransaction(): boolean {
    return this.db.inTransaction;
  }

  private prepare(text: string): Database.Statement {
    let statement = this.cache.get(text);
    if (statement === undefined) {
      statement = this.db.prepare(text);
      this.cache.set(text, statement);
    }
    return statement;
  }
}
