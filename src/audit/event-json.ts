import type { StoredEvent } from './event.ts';

/**
 * An event as `warden events` prints it and the admin API returns it: CloudTrail-like camelCase
 * members, times in ISO 8601.
 */
export function eventToJson(e: StoredEvent): Record<string, unknown> {
  return {
    eventTime: e.time.toISOString(),
    requestId: e.requestId,
    kind: e.kind,
    accountId: e.accountId ?? null,
    principalArn: e.principalArn ?? null,
    accessKeyId: e.accessKeyId ?? null,
    sourceIp: e.sourceIp,
    userAgent: e.userAgent,
    service: e.service,
    action: e.action,
    resources: e.resources,
    decision: e.decision,
    decidedBy: e.decidedBy ?? null,
    statements: e.statements,
    checks: e.checks,
    errorCode: e.errorCode ?? null,
    errorMessage: e.errorMessage ?? null,
    httpStatus: e.status,
    latencyMs: e.latencyMs,
    eventId: e.seq,
  };
}
