/**
 * The service last accessed report of one job, computed when the job is generated and kept with
 * it: every service the target's policies allow, sorted by namespace (AWS's default order), with
 * the most recent use by any principal the report covers within the tracking period, and for an
 * ACTION_LEVEL job the tracked actions that were used.
 */
import type { AccessReportGranularity, ServiceAccessRecord, StoreTx } from '../../store/port.ts';
import { allowedServices } from './allowed-services.ts';
import type { ReportPrincipal, ReportTarget } from './report-target.ts';
import type { ServiceCatalog } from './service-catalog.ts';
import { ACTION_TRACKED_SERVICES, TRACKING_PERIOD_MS } from './tracked.ts';

export interface LastUse {
  /** ISO time. */
  readonly time: string;
  readonly entityArn: string;
  readonly region: string;
}

export interface ReportedService {
  readonly namespace: string;
  readonly name: string;
  readonly last?: LastUse;
  readonly totalEntities: number;
  /** ACTION_LEVEL jobs, tracked services: the allowed actions used, by name. */
  readonly actions?: readonly ({ readonly name: string } & LastUse)[];
}

export interface Report {
  readonly services: readonly ReportedService[];
}

interface Best {
  last: ServiceAccessRecord;
  principals: Set<string>;
}

/** The newest record per key, and the distinct principals behind each key. */
function newestBy(records: readonly ServiceAccessRecord[], keyOf: (r: ServiceAccessRecord) => string) {
  const best = new Map<string, Best>();
  for (const record of records) {
    const key = keyOf(record);
    const held = best.get(key);
    if (held === undefined) best.set(key, { last: record, principals: new Set([record.principalId]) });
    else {
      held.principals.add(record.principalId);
      if (record.time > held.last.time) held.last = record;
    }
  }
  return best;
}

export async function computeReport(
  tx: StoreTx,
  target: ReportTarget,
  granularity: AccessReportGranularity,
  catalog: ServiceCatalog,
  now: Date,
): Promise<Report> {
  const allowed = await allowedServices(target.documents, catalog);
  const principals = new Map<string, ReportPrincipal>();
  for (const entity of target.entities) for (const p of entity.principals) principals.set(p.id, p);
  const ids = [...principals.keys()];
  const since = new Date(now.getTime() - TRACKING_PERIOD_MS);
  const services = newestBy(await tx.accessAdvisor.accessesOf(ids, { since }), (r) => r.service);
  const actions =
    granularity === 'ACTION_LEVEL'
      ? newestBy(
          await tx.accessAdvisor.accessesOf(ids, { since, actions: true }),
          (r) => `${r.service}:${(r.action ?? '').toLowerCase()}`,
        )
      : undefined;
  const lastUse = (record: ServiceAccessRecord): LastUse => ({
    time: record.time.toISOString(),
    // The user's or the role's ARN (a role session's use is shown as its role's).
    entityArn: principals.get(record.principalId)?.arn ?? record.entityArn,
    region: record.region,
  });
  const reported: ReportedService[] = [];
  for (const [namespace, allowedActions] of [...allowed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const used = services.get(namespace);
    const tracked =
      actions !== undefined && ACTION_TRACKED_SERVICES.has(namespace)
        ? allowedActions.flatMap((name) => {
            const use = actions.get(`${namespace}:${name.toLowerCase()}`);
            return use === undefined ? [] : [{ name, ...lastUse(use.last) }];
          })
        : [];
    reported.push({
      namespace,
      name: await catalog.nameOf(namespace),
      ...(used !== undefined && { last: lastUse(used.last) }),
      totalEntities: used?.principals.size ?? 0,
      ...(tracked.length > 0 && { actions: tracked }),
    });
  }
  return { services: reported };
}
