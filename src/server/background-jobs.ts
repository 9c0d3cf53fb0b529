import type { BackgroundJobs, Logger } from '../iam/action.ts';
import type { Store } from '../store/port.ts';

/**
 * The server's background work (credential report generation): at most one job per key, run off
 * the request, failures logged. `drain` waits for running jobs before the store closes.
 */
export class JobRunner {
  private readonly jobs = new Map<string, Promise<void>>();

  constructor(private readonly log: Logger) {}

  /** False (and nothing started) while a job with this key runs. */
  start(key: string, job: () => Promise<void>): boolean {
    if (this.jobs.has(key)) return false;
    // Deferred a turn: the job's first transaction then queues behind the one that started it.
    const running = new Promise<void>((resolve) => setImmediate(resolve))
      .then(job)
      .catch((error: unknown) => {
        this.log.error('background job failed', {
          job: key,
          error: error instanceof Error ? error.stack : String(error),
        });
      })
      .finally(() => this.jobs.delete(key));
    this.jobs.set(key, running);
    return true;
  }

  running(key: string): boolean {
    return this.jobs.has(key);
  }

  async drain(): Promise<void> {
    while (this.jobs.size > 0) await Promise.all(this.jobs.values());
  }
}

/** What an action of one account sees: keys scoped to the account, jobs run on its store. */
export function accountJobs(runner: JobRunner, accountId: string, store: Store): BackgroundJobs {
  return {
    start: (key, job) => runner.start(`${accountId}/${key}`, () => job(store)),
    running: (key) => runner.running(`${accountId}/${key}`),
  };
}
