import type { IncomingMessage } from 'node:http';
import { isWardenError, WardenError, type Clock, type Ids } from '../core/index.ts';
import type {
  Account,
  ActionContext,
  ActionDefinition,
  Caller,
  Logger,
  PasswordHasher,
  RequestFacts,
  SecretBox,
} from '../iam/action.ts';
import { authorizeAction, type Authorizer } from '../iam/authz/index.ts';
import { apiVersion, decodeInput, hasOperation, type ServiceName } from '../protocol/index.ts';
import type { Store } from '../store/port.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each action has its own input/output types
type AnyAction = ActionDefinition<any, any>;

/** What running one action needs (the Pipeline has all of it). */
export interface ActionDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: Ids;
  readonly secrets: SecretBox;
  readonly passwords: PasswordHasher;
  readonly log: Logger;
  readonly actions: Readonly<Record<ServiceName, ReadonlyMap<string, AnyAction>>>;
  readonly authorizer: Authorizer;
}

/** One call of an action by an authenticated caller, its parameters in Query form. */
export interface ActionCall {
  readonly service: ServiceName;
  readonly action: string;
  readonly params: URLSearchParams;
  readonly caller: Caller;
  readonly account: Account;
  readonly request: RequestFacts;
}

/**
 * The one path every authenticated call takes after its caller is known, whatever the transport
 * (a SigV4-signed form request, or the console's JSON API): find the action in the registry,
 * decode and validate the parameters against the service model, then in ONE store transaction
 * authorize it for the caller and run it.
 */
export async function executeAction(
  p: ActionDeps,
  call: ActionCall,
): Promise<Record<string, unknown> | void> {
  const definition = p.actions[call.service].get(call.action);
  if (definition === undefined || !hasOperation(call.service, call.action)) {
    throw new WardenError(
      'InvalidAction',
      `Could not find operation ${call.action} for version ${apiVersion(call.service)}`,
    );
  }
  const input = decodeInput(call.service, call.action, call.params);
  return p.store.transaction(async (tx) => {
    const ctx: ActionContext = {
      store: tx,
      clock: p.clock,
      ids: p.ids,
      account: call.account,
      caller: call.caller,
      request: call.request,
      secrets: p.secrets,
      passwords: p.passwords,
      log: p.log,
      authorizer: p.authorizer,
    };
    await authorizeAction(definition as ActionDefinition<unknown, unknown>, input, ctx);
    return (await definition.run(input, ctx)) as Record<string, unknown> | void;
  });
}

/** The client's address as policies see it (aws:SourceIp): IPv4-mapped IPv6 unwrapped. */
export function sourceIpOf(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? '';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
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
