import { isWardenError, WardenError, type Clock, type Ids } from '../core/index.ts';
import type {
  Account,
  ActionContext,
  ActionDefinition,
  AnyAction,
  Caller,
  DecisionListener,
  Logger,
  PasswordHasher,
  RequestFacts,
  SecretBox,
} from '../iam/action.ts';
import { authorizeAction, type Authorizer } from '../iam/authz/index.ts';
import { apiVersion, decodeInput, hasOperation, type ServiceName } from '../protocol/index.ts';
import type { Store, StoreTx } from '../store/port.ts';
import type { AccountDirectory } from './accounts.ts';
import type { WorkloadHost } from './workloads/runtime.ts';
import type { EventLog } from '../audit/index.ts';
import { accountJobs, type JobRunner } from './background-jobs.ts';
import type { AccessTracker } from '../iam/access-advisor/tracker.ts';
import { decisionListener, flushForReaders } from './access-tracking.ts';

/** What running one action needs (the Pipeline has all of it). */
export interface ActionDeps {
  /** The caller's account's store (per request: authenticate() picks it). */
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: Ids;
  readonly secrets: SecretBox;
  readonly passwords: PasswordHasher;
  readonly log: Logger;
  readonly actions: Readonly<Record<ServiceName, ReadonlyMap<string, AnyAction>>>;
  /** The caller's account's authorizer. */
  readonly authorizer: Authorizer;
  /** Every account served, for what crosses accounts. */
  readonly accounts: AccountDirectory;
  /** Workloads' IMDS listeners and credentials (absent: the server runs no workloads). */
  readonly workloads?: WorkloadHost;
  /** The event log (events.db): every endpoint records one event per request. */
  readonly events: EventLog;
  /** Background work (credential reports); absent: actions do it inline. */
  readonly jobs?: JobRunner;
  /** Access advisor and credentials' last-use records (absent: nothing is recorded). */
  readonly tracker?: AccessTracker;
}

/** One call of an action by an authenticated caller, its parameters in Query form. */
export interface ActionCall {
  readonly service: ServiceName;
  readonly action: string;
  readonly params: URLSearchParams;
  readonly caller: Caller;
  readonly account: Account;
  readonly request: RequestFacts;
  /** Told of each authorization decision (the request's event). */
  readonly onDecision?: DecisionListener;
}

/** An action found in the registry with its decoded, validated input. */
export interface PreparedAction {
  readonly definition: ActionDefinition<unknown, unknown>;
  readonly input: unknown;
}

/**
 * Finds the action in the registry (`InvalidAction` otherwise) and decodes and validates the
 * parameters against the service model (`ValidationError` in AWS's words).
 */
export function prepareAction(
  p: Pick<ActionDeps, 'actions'>,
  service: ServiceName,
  action: string,
  params: URLSearchParams,
): PreparedAction {
  const definition = p.actions[service].get(action);
  if (definition === undefined || !hasOperation(service, action)) {
    throw new WardenError(
      'InvalidAction',
      `Could not find operation ${action} for version ${apiVersion(service)}`,
    );
  }
  return {
    definition: definition as ActionDefinition<unknown, unknown>,
    input: decodeInput(service, action, params),
  };
}

/** The context an action (or other domain code) runs with, in the transaction `tx` of `p.store`. */
export function actionContext(
  p: ActionDeps,
  tx: StoreTx,
  who: Pick<ActionCall, 'caller' | 'account' | 'request'>,
): ActionContext {
  return {
    store: tx,
    clock: p.clock,
    ids: p.ids,
    account: who.account,
    caller: who.caller,
    request: who.request,
    secrets: p.secrets,
    passwords: p.passwords,
    log: p.log,
    authorizer: p.authorizer,
    accounts: p.accounts,
  };
}

/** In ONE store transaction: authorize the prepared action for the caller, then run it. */
export function runPrepared(
  p: ActionDeps,
  { definition, input }: PreparedAction,
  who: Pick<ActionCall, 'caller' | 'account' | 'request' | 'onDecision'>,
): Promise<Record<string, unknown> | void> {
  return p.store.transaction(async (tx) => {
    // Before the first tx call (the lock is taken lazily): a usage report sees every earlier use.
    await flushForReaders(p, definition);
    const ctx: ActionContext = {
      ...actionContext(p, tx, who),
      ...decisionListener(p, who),
      ...(p.jobs !== undefined && { jobs: accountJobs(p.jobs, who.account.id, p.store) }),
    };
    await authorizeAction(definition, input, ctx);
    return (await definition.run(input, ctx)) as Record<string, unknown> | void;
  });
}

/**
 * The one path every authenticated call takes once its caller is known, whatever the transport
 * (a SigV4-signed form request, or the console's JSON API): registry, model decoding and
 * validation, then authorization and the run in one transaction.
 */
export function executeAction(p: ActionDeps, call: ActionCall): Promise<Record<string, unknown> | void> {
  return runPrepared(p, prepareAction(p, call.service, call.action, call.params), call);
}

/** A plain Error reaching the edge is a bug: log it with the request id and leak nothing. */
export function toWardenError(error: unknown, requestId: string, log: Logger): WardenError {
  if (isWardenError(error)) return error;
  log.error('internal error', { requestId, error: error instanceof Error ? error.stack : String(error) });
  return new WardenError(
    'ServiceFailure',
    'The request processing has failed because of an unknown error, exception or failure.',
  );
}
