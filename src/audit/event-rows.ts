/** events.db rows <-> AuditEvents, and the filter as SQL. */
import type { Param, Sql } from '../store/sqlite/sql.ts';
import type { AuditEvent, EventFilter, StoredEvent } from './event.ts';

interface EventRow {
  seq: number;
  time_ms: number;
  request_id: string;
  kind: string;
  account_id: string | null;
  principal_arn: string | null;
  access_key_id: string | null;
  source_ip: string;
  user_agent: string;
  service: string;
  action: string;
  resources: string;
  decision: string;
  decided_by: string | null;
  statements: string;
  checks: string;
  error_code: string | null;
  error_message: string | null;
  status: number;
  latency_ms: number;
}

const INSERT = `INSERT INTO events (time_ms, request_id, kind, account_id, principal_arn, access_key_id,
  source_ip, user_agent, service, action, resources, decision, decided_by, statements, checks,
  error_code, error_message, status, latency_ms)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export function insertEvent(sql: Sql, e: AuditEvent): void {
  sql.run(
    INSERT,
    e.time.getTime(),
    e.requestId,
    e.kind,
    e.accountId ?? null,
    e.principalArn ?? null,
    e.accessKeyId ?? null,
    e.sourceIp,
    e.userAgent,
    e.service,
    e.action,
    JSON.stringify(e.resources),
    e.decision,
    e.decidedBy ?? null,
    JSON.stringify(e.statements),
    JSON.stringify(e.checks),
    e.errorCode ?? null,
    e.errorMessage ?? null,
    e.status,
    e.latencyMs,
  );
}

export function eventOfRow(r: EventRow): StoredEvent {
  return {
    seq: r.seq,
    time: new Date(r.time_ms),
    requestId: r.request_id,
    kind: r.kind as StoredEvent['kind'],
    ...(r.account_id !== null && { accountId: r.account_id }),
    ...(r.principal_arn !== null && { principalArn: r.principal_arn }),
    ...(r.access_key_id !== null && { accessKeyId: r.access_key_id }),
    sourceIp: r.source_ip,
    userAgent: r.user_agent,
    service: r.service,
    action: r.action,
    resources: JSON.parse(r.resources) as StoredEvent['resources'],
    decision: r.decision as StoredEvent['decision'],
    ...(r.decided_by !== null && { decidedBy: r.decided_by as NonNullable<StoredEvent['decidedBy']> }),
    statements: JSON.parse(r.statements) as StoredEvent['statements'],
    checks: JSON.parse(r.checks) as StoredEvent['checks'],
    ...(r.error_code !== null && { errorCode: r.error_code }),
    ...(r.error_message !== null && { errorMessage: r.error_message }),
    status: r.status,
    latencyMs: r.latency_ms,
  };
}

/** Events matching the filter with seq > after, oldest first. */
export function selectEvents(sql: Sql, filter: EventFilter, after: number, limit: number): StoredEvent[] {
  const where: string[] = ['seq > ?'];
  const params: Param[] = [after];
  const add = (clause: string, value: Param | undefined): void => {
    if (value === undefined) return;
    where.push(clause);
    params.push(value);
  };
  add('time_ms >= ?', filter.since?.getTime());
  add('time_ms <= ?', filter.until?.getTime());
  add('account_id = ?', filter.accountId);
  add('principal_arn = ?', filter.principalArn);
  add('decision = ?', filter.decision);
  add('error_code = ?', filter.errorCode);
  add('request_id = ?', filter.requestId);
  add('kind = ?', filter.kind);
  if (filter.action !== undefined) {
    const colon = filter.action.indexOf(':');
    if (colon >= 0) add('service = ? COLLATE NOCASE', filter.action.slice(0, colon));
    add('action = ? COLLATE NOCASE', filter.action.slice(colon + 1));
  }
  const text = `SELECT * FROM events WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ?`;
  return sql.all<EventRow>(text, ...params, limit).map(eventOfRow);
}

/** Deletes events older than `cutoff`, in slices so the write lock is never held long. */
export function pruneEvents(sql: Sql, cutoff: Date): number {
  let total = 0;
  for (;;) {
    const n = sql.run(
      'DELETE FROM events WHERE seq IN (SELECT seq FROM events WHERE time_ms < ? LIMIT 5000)',
      cutoff.getTime(),
    );
    total += n;
    if (n < 5000) return total;
  }
}
