import type { Clock, Ids } from '../../core/index.ts';
import type { Account, SecretBox } from '../../iam/action.ts';
import type { InstanceProfileRecord, RoleRecord, Store, WorkloadRecord } from '../../store/port.ts';
import { issueSession } from '../issue.ts';
import { resolveBinding, roleArnOf, trustAllowsService } from './binding.ts';

/** A role session handed to a workload, with what IMDS reports beside it. */
export interface WorkloadSession {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
  /** When these credentials were issued (IMDS's LastUpdated). */
  readonly issued: Date;
  readonly roleId: string;
}

/** Where a workload stands now: its binding resolved, and credentials when they can be had. */
export type WorkloadState =
  | { readonly kind: 'unknown' }
  /** The instance profile is gone (IMDS: InstanceProfileNotFound). */
  | { readonly kind: 'no-instance-profile'; readonly workload: WorkloadRecord }
  /** No role to hand out: the profile holds none, or the role is gone (IMDS lists no role). */
  | {
      readonly kind: 'no-role';
      readonly workload: WorkloadRecord;
      readonly instanceProfile?: InstanceProfileRecord;
    }
  /** The role's trust policy no longer lets EC2 assume it (IMDS: AssumeRoleUnauthorizedAccess). */
  | {
      readonly kind: 'unauthorized';
      readonly workload: WorkloadRecord;
      readonly role: RoleRecord;
      readonly instanceProfile?: InstanceProfileRecord;
    }
  | {
      readonly kind: 'ready';
      readonly workload: WorkloadRecord;
      readonly role: RoleRecord;
      readonly instanceProfile?: InstanceProfileRecord;
      readonly session: WorkloadSession;
    };

export interface WorkloadCredentialsDeps {
  readonly clock: Clock;
  readonly ids: Ids;
  readonly secrets: SecretBox;
}

/** An hour, as AssumeRole's default (a role's maximum is never less). */
export const WORKLOAD_SESSION_SECONDS = 3600;
/** A new session is handed out once the current one is this close to expiry (IMDS rotates early too). */
export const ROTATE_BEFORE_MS = 15 * 60 * 1000;

/**
 * Hands each workload a session of its role, the same one until it is within ROTATE_BEFORE_MS of
 * expiry, then a new one (so a client refreshing on its own schedule never holds expired keys).
 * The session name is the workload id: GetCallerIdentity shows `assumed-role/ROLE/i-...`. The
 * binding is read on every request, so an instance profile given another role shows at once; the
 * trust policy, as for AssumeRole, only when a session is made. Sessions are remembered in memory
 * only (the store keeps no usable token): after a restart a workload simply gets a new session.
 */
export class WorkloadCredentials {
  private readonly current = new Map<string, WorkloadSession>();
  private readonly pending = new Map<string, Promise<WorkloadState>>();

  constructor(private readonly deps: WorkloadCredentialsDeps) {}

  /** The workload's state, minting a session if it has none fresh enough. One at a time per workload. */
  state(store: Store, account: Account, workloadId: string): Promise<WorkloadState> {
    const key = `${account.id}/${workloadId}`;
    const running = this.pending.get(key);
    if (running !== undefined) return running;
    const next = this.compute(store, account, workloadId, key).finally(() => this.pending.delete(key));
    this.pending.set(key, next);
    return next;
  }

  /** Forgets a workload's session (deleted workload, reset). */
  forget(accountId: string, workloadId: string): void {
    this.current.delete(`${accountId}/${workloadId}`);
  }

  private async compute(
    store: Store,
    account: Account,
    workloadId: string,
    key: string,
  ): Promise<WorkloadState> {
    const state = await this.read(store, account, workloadId, key);
    // Remembered only once committed: a session whose transaction rolled back does not exist.
    if (state.kind === 'ready') this.current.set(key, state.session);
    else this.current.delete(key);
    return state;
  }

  private read(store: Store, account: Account, workloadId: string, key: string): Promise<WorkloadState> {
    return store.transaction(async (tx): Promise<WorkloadState> => {
      const workload = await tx.workloads.get(workloadId);
      if (workload === undefined) return { kind: 'unknown' };
      const resolved = await resolveBinding(tx, workload.binding);
      if (!resolved.ok) {
        if (resolved.reason === 'no-instance-profile') return { kind: 'no-instance-profile', workload };
        const instanceProfile =
          workload.binding.kind === 'instance-profile'
            ? await tx.instanceProfiles.getByName(workload.binding.name)
            : undefined;
        return { kind: 'no-role', workload, ...(instanceProfile && { instanceProfile }) };
      }
      const { role, instanceProfile } = resolved;
      const bound = { workload, role, ...(instanceProfile && { instanceProfile }) };
      const now = this.deps.clock.now();
      const held = this.current.get(key);
      if (held?.roleId === role.roleId && held.expiration.getTime() - now.getTime() > ROTATE_BEFORE_MS) {
        return { kind: 'ready', ...bound, session: held };
      }
      if (!trustAllowsService(account, role)) return { kind: 'unauthorized', ...bound };
      const duration = Math.min(WORKLOAD_SESSION_SECONDS, role.maxSessionDuration);
      const issued = await issueSession(
        { store: tx, clock: this.deps.clock, ids: this.deps.ids, secrets: this.deps.secrets, account },
        {
          kind: 'assumed-role',
          principalId: role.roleId,
          roleArn: roleArnOf(account, role),
          sessionName: workload.workloadId,
          policyArns: [],
          tags: [],
          transitiveTagKeys: [],
          mfaAuthenticated: false,
        },
        duration,
      );
      const session: WorkloadSession = {
        accessKeyId: issued.AccessKeyId,
        secretAccessKey: issued.SecretAccessKey,
        sessionToken: issued.SessionToken,
        expiration: issued.Expiration,
        issued: now,
        roleId: role.roleId,
      };
      return { kind: 'ready', ...bound, session };
    });
  }
}
