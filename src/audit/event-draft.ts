import type { Clock } from '../core/index.ts';
import type { Decision } from '../policy/types.ts';
import type {
  AuditEvent,
  AuthorizationCheck,
  EventDecidedBy,
  EventDecision,
  EventKind,
  StatementRef,
} from './event.ts';
import { statementRef } from './statement-ref.ts';

/** What is known when a request arrives. */
export interface DraftStart {
  readonly requestId: string;
  readonly kind: EventKind;
  readonly sourceIp: string;
  readonly userAgent: string;
  readonly service: string;
  readonly action: string;
}

/** One authorization as the policy engine decided it; `root` when the account root passed unchecked. */
export interface DecisionNote {
  readonly permission: string;
  readonly resource: string;
  readonly decision: Decision | 'root';
}

/** How the request ended. */
export interface Outcome {
  readonly status: number;
  readonly error?: { readonly code: string; readonly message: string };
}

const MAX_MESSAGE = 1024;
/** Sealed decision details that sessions' AccessDenied messages may carry: not for the log. */
const ENCODED_MESSAGE = /\.?\s*Encoded authorization failure message:.*$/s;

/**
 * An event being written while its request runs: the edge starts it, fills in the caller and the
 * action when they are known, passes `note` to the authorizer, and finishes it with the outcome.
 */
export class EventDraft {
  service: string;
  action: string;
  accountId: string | undefined;
  principalArn: string | undefined;
  accessKeyId: string | undefined;
  private readonly resources: string[] = [];
  private readonly checks: AuthorizationCheck[] = [];
  private readonly started: Date;

  constructor(
    private readonly clock: Clock,
    private readonly start: DraftStart,
  ) {
    this.started = clock.now();
    this.service = start.service;
    this.action = start.action;
  }

  /** The caller, once authenticated. */
  identify(who: { readonly arn: string; readonly accountId: string; readonly accessKeyId?: string }): void {
    this.principalArn = who.arn;
    this.accountId = who.accountId;
    if (who.accessKeyId !== undefined) this.accessKeyId = who.accessKeyId;
  }

  addResource(resource: string): void {
    if (resource !== '' && !this.resources.includes(resource)) this.resources.push(resource);
  }

  /** The authorizer's listener (an arrow: it is handed around on its own). */
  readonly note = (note: DecisionNote): void => {
    this.addResource(note.resource);
    this.checks.push(checkOf(note));
  };

  finish(outcome: Outcome): AuditEvent {
    const { decision, decidedBy, statements } = verdict(this.checks, outcome);
    // Plain assignments, not conditional spreads: this runs once per request.
    const event: { -readonly [K in keyof AuditEvent]: AuditEvent[K] } = {
      time: this.started,
      requestId: this.start.requestId,
      kind: this.start.kind,
      sourceIp: this.start.sourceIp,
      userAgent:
        this.start.userAgent.length > 512 ? this.start.userAgent.slice(0, 512) : this.start.userAgent,
      service: this.service,
      action: this.action,
      resources: this.resources,
      decision,
      statements,
      checks: this.checks,
      status: outcome.status,
      latencyMs: this.clock.now().getTime() - this.started.getTime(),
    };
    if (this.accountId !== undefined) event.accountId = this.accountId;
    if (this.principalArn !== undefined) event.principalArn = this.principalArn;
    if (this.accessKeyId !== undefined) event.accessKeyId = this.accessKeyId;
    if (decidedBy !== undefined) event.decidedBy = decidedBy;
    if (outcome.error !== undefined) {
      event.errorCode = outcome.error.code;
      event.errorMessage = cleanMessage(outcome.error.message);
    }
    return event;
  }
}

function checkOf({ permission, resource, decision }: DecisionNote): AuthorizationCheck {
  if (decision === 'root')
    return { permission, resource, effect: 'Allow', decidedBy: 'root', statements: [] };
  return {
    permission,
    resource,
    effect: decision.effect,
    decidedBy: decision.decidedBy,
    statements: decision.matched.map(statementRef),
  };
}

interface Verdict {
  readonly decision: EventDecision;
  readonly decidedBy?: EventDecidedBy;
  readonly statements: readonly StatementRef[];
}

/**
 * The request's decision: the first refused check decides a Deny; an AccessDenied with no refused
 * check (a session restriction, a role that does not exist) is a Deny decided by no policy; with
 * every check allowed it is an Allow and every allowing statement counts; no check at all is none.
 */
function verdict(checks: readonly AuthorizationCheck[], outcome: Outcome): Verdict {
  const refused = checks.find((c) => c.effect !== 'Allow');
  if (refused !== undefined) {
    return { decision: 'Deny', decidedBy: refused.decidedBy, statements: refused.statements };
  }
  if (outcome.error?.code === 'AccessDenied') return { decision: 'Deny', decidedBy: 'none', statements: [] };
  const first = checks[0];
  if (first === undefined) return { decision: 'none', statements: [] };
  return { decision: 'Allow', decidedBy: first.decidedBy, statements: checks.flatMap((c) => c.statements) };
}

function cleanMessage(message: string): string {
  return message.replace(ENCODED_MESSAGE, '').slice(0, MAX_MESSAGE);
}
