import type { EventDecision, EventFilter, EventKind } from './event.ts';

/** A filter parameter that cannot be understood (the CLI prints it; the admin API answers 400). */
export class FilterError extends Error {
  override readonly name = 'FilterError';
}

/** The filter parameters `warden events` and `GET /admin/v1/events` share, by name. */
export const FILTER_PARAMS = [
  'since',
  'until',
  'principal',
  'action',
  'decision',
  'error',
  'request-id',
  'kind',
  'account',
] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];

const KINDS: readonly EventKind[] = ['api', 'console-sign-in', 'console', 'workload', 'authorize', 'admin'];
const UNIT_MS: Readonly<Record<string, number>> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};
const RELATIVE = /^(\d+(?:\.\d+)?)([smhdw])$/;

/** `2026-03-01T10:00:00Z` (any ISO 8601 date or date-time), or `90s`, `15m`, `1h`, `2d`, `1w` ago. */
export function parseTime(text: string, now: Date, name: string): Date {
  const relative = RELATIVE.exec(text.trim());
  if (relative?.[1] !== undefined && relative[2] !== undefined) {
    return new Date(now.getTime() - Number(relative[1]) * (UNIT_MS[relative[2]] ?? 0));
  }
  const time = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(time)) {
    throw new FilterError(
      `${name}: '${text}' is neither an ISO 8601 time nor a duration such as 15m, 1h or 2d`,
    );
  }
  return new Date(time);
}

/** Builds the filter from named parameters (absent or empty ones do not filter). */
export function parseFilter(get: (name: FilterParam) => string | undefined, now: Date): EventFilter {
  const value = (name: FilterParam): string | undefined => {
    const v = get(name)?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const since = value('since');
  const until = value('until');
  const decision = value('decision');
  const kind = value('kind');
  const principal = value('principal');
  const action = value('action');
  const error = value('error');
  const requestId = value('request-id');
  const account = value('account');
  return {
    ...(since !== undefined && { since: parseTime(since, now, 'since') }),
    ...(until !== undefined && { until: parseTime(until, now, 'until') }),
    ...(decision !== undefined && { decision: parseDecision(decision) }),
    ...(kind !== undefined && { kind: parseKind(kind) }),
    ...(principal !== undefined && { principalArn: principal }),
    ...(action !== undefined && { action }),
    ...(error !== undefined && { errorCode: error }),
    ...(requestId !== undefined && { requestId }),
    ...(account !== undefined && { accountId: account }),
  };
}

function parseDecision(text: string): EventDecision {
  const found = (['Allow', 'Deny', 'none'] as const).find((d) => d.toLowerCase() === text.toLowerCase());
  if (found === undefined) throw new FilterError(`decision: '${text}' is not Allow, Deny or none`);
  return found;
}

function parseKind(text: string): EventKind {
  const found = KINDS.find((k) => k === text);
  if (found === undefined) throw new FilterError(`kind: '${text}' is not one of ${KINDS.join(', ')}`);
  return found;
}
