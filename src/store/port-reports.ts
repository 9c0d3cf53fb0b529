/**
 * The storage port's credential report part (StoreTx.credentialReport): the account's one report
 * (its state and its CSV, stored in parts so generation never holds a whole report in memory) and
 * the paged read of users with their credentials that generation streams through. Same
 * conventions as port.ts: camelCase records, `undefined` for absence.
 */

export type CredentialReportState = 'INPROGRESS' | 'COMPLETE';

export interface CredentialReportRecord {
  /** Moves forward at each start: a generation job writes only while its number is current. */
  readonly generation: number;
  readonly state: CredentialReportState;
  /** When this generation started: the moment the report describes (its GeneratedTime). */
  readonly startedAt: Date;
  /** Set once the report is complete. */
  readonly generatedTime?: Date | undefined;
}

/** The user fields the report shows (a port.ts UserRecord has them all; no import: no cycle). */
export interface CredentialReportUserFields {
  readonly userId: string;
  readonly userName: string;
  readonly path: string;
  readonly createDate: Date;
  /** The last console sign-in. */
  readonly passwordLastUsed?: Date | undefined;
}

/** One user as the credential report sees it (keys come from the access key repo). */
export interface CredentialReportUser {
  readonly user: CredentialReportUserFields;
  /** Absent when the user has no console password. */
  readonly password?:
    | {
        /** When the password was last set (creation or change). */
        readonly lastChanged: Date;
      }
    | undefined;
  /** Whether an MFA device is assigned to the user. */
  readonly mfaActive: boolean;
}

export interface CredentialReportRepo {
  get(): Promise<CredentialReportRecord | undefined>;
  /**
   * Starts a new generation (state INPROGRESS) and drops the previous report's CSV: returns the
   * new generation number.
   */
  start(startedAt: Date): Promise<number>;
  /** Appends part `seq` of the CSV; false (nothing written) when `generation` is no longer current. */
  appendPart(generation: number, seq: number, csv: string): Promise<boolean>;
  /** Marks the generation complete; false when it is no longer current. */
  complete(generation: number, generatedTime: Date): Promise<boolean>;
  /** The CSV of the current generation, its parts in order ('' when it has none). */
  content(): Promise<string>;
  /**
   * Up to `limit` users ordered by lower-cased name, after `afterName` (a lower-cased name; absent =
   * from the start), each with its password facts and MFA state: a few queries per page.
   */
  usersPage(afterName: string | undefined, limit: number): Promise<readonly CredentialReportUser[]>;
}
