import { ROOT_OWNER, type StoreTx } from '../../store/port.ts';
import type { Account } from '../action.ts';
import { rootArn, userArn } from '../arns.ts';
import { CREDENTIAL_REPORT_HEADER, rootRow, userRow } from './credential-report-csv.ts';

/** Runs `fn` in a store transaction: one per page in the background, the caller's own inline. */
export type WithTx = <T>(fn: (tx: StoreTx) => Promise<T>) => Promise<T>;

/** Users per page (and per transaction): short transactions, so requests are never held up long. */
export const REPORT_PAGE_SIZE = 1000;

export interface GenerationJob {
  readonly account: Account;
  /** The generation `credentialReport.start` returned: a newer start makes this job stop. */
  readonly generation: number;
  /** The report's GeneratedTime (when generation started). */
  readonly startedAt: Date;
  readonly pageSize?: number;
}

/** The header and the root row (part 0); the password policy's MaxPasswordAge for the users. */
async function writeHead(tx: StoreTx, job: GenerationJob): Promise<{ maxPasswordAge?: number } | undefined> {
  const account = await tx.account.get();
  const rootLogin = await tx.rootLogin.get();
  const root = rootRow({
    arn: rootArn(job.account),
    createDate: account?.createDate ?? job.startedAt,
    passwordLastUsed: rootLogin?.passwordLastUsed,
    mfaActive: (await tx.mfaDevices.countAssigned(ROOT_OWNER)) > 0,
    keys: await tx.accessKeys.listByOwner(ROOT_OWNER),
  });
  if (!(await tx.credentialReport.appendPart(job.generation, 0, `${CREDENTIAL_REPORT_HEADER}\n${root}`))) {
    return undefined;
  }
  const maxPasswordAge = (await tx.passwordPolicy.get())?.maxPasswordAge;
  return maxPasswordAge === undefined ? {} : { maxPasswordAge };
}

type PageOutcome = { readonly next: string } | 'done' | 'superseded';

/** One page of users as CSV rows (each after a newline), appended as one part. */
async function writePage(
  tx: StoreTx,
  job: GenerationJob,
  page: { after: string | undefined; seq: number; maxPasswordAge?: number | undefined },
): Promise<PageOutcome> {
  const size = job.pageSize ?? REPORT_PAGE_SIZE;
  const users = await tx.credentialReport.usersPage(page.after, size);
  const keys = await tx.accessKeys.listByOwners(users.map(({ user }) => user.userId));
  const csv = users
    .map(({ user, password, mfaActive }) =>
      userRow({
        userName: user.userName,
        arn: userArn(job.account, user.path, user.userName),
        createDate: user.createDate,
        password,
        passwordLastUsed: user.passwordLastUsed,
        maxPasswordAge: page.maxPasswordAge,
        mfaActive,
        keys: keys.get(user.userId) ?? [],
      }),
    )
    .map((row) => `\n${row}`)
    .join('');
  if (csv !== '' && !(await tx.credentialReport.appendPart(job.generation, page.seq, csv)))
    return 'superseded';
  const last = users.at(-1);
  if (last !== undefined && users.length === size) return { next: last.user.userName.toLowerCase() };
  return (await tx.credentialReport.complete(job.generation, job.startedAt)) ? 'done' : 'superseded';
}

/**
 * Streams through the users page by page, one transaction each, writing the CSV into the store as
 * it goes; the last page marks the report COMPLETE. Returns false when a newer generation started
 * meanwhile (this one then stops and leaves the store to it).
 */
export async function generateCredentialReport(withTx: WithTx, job: GenerationJob): Promise<boolean> {
  const head = await withTx((tx) => writeHead(tx, job));
  if (head === undefined) return false;
  let after: string | undefined;
  for (let seq = 1; ; seq++) {
    const outcome = await withTx((tx) => writePage(tx, job, { after, seq, ...head }));
    if (outcome === 'done') return true;
    if (outcome === 'superseded') return false;
    after = outcome.next;
  }
}
