/**
 * The transactions committed together by one COMMIT (group commit). Each member's promise settles
 * only when that COMMIT has returned (durably synced) or failed.
 */
export class Batch {
  private readonly members: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  flushScheduled = false;
  /** Some member changed a row: every later member may have read uncommitted data. */
  dirty = false;

  get size(): number {
    return this.members.length;
  }

  join(): Promise<void> {
    return new Promise((resolve, reject) => this.members.push({ resolve, reject }));
  }

  committed(): void {
    for (const member of this.members) member.resolve();
  }

  failed(error: unknown): void {
    for (const member of this.members) member.reject(error);
  }
}
