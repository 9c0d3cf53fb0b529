/**
 * GetServiceLastAccessedDetailsWithEntities: the entities a job's report covers (a group's member
 * users; a policy's users, roles and groups; or the user or role itself), each with when it last
 * used the service within the tracking period up to the job's completion, most recent first,
 * then those that never did (by name).
 */
import type { AccessReportJobRecord } from '../../store/port.ts';
import type { ActionContext } from '../action.ts';
import { TRACKING_PERIOD_MS } from './tracked.ts';
import { reportTarget, type ReportEntity } from './report-target.ts';

export interface WireEntityDetails {
  readonly EntityInfo: {
    readonly Arn: string;
    readonly Name: string;
    readonly Type: ReportEntity['type'];
    readonly Id: string;
    readonly Path: string;
  };
  readonly LastAuthenticated?: Date;
}

/** A group's member users are its entities (AWS: "users in the group"); else the target's entities. */
function listed(entities: readonly ReportEntity[]): readonly ReportEntity[] {
  const [only] = entities;
  if (entities.length !== 1 || only?.type !== 'GROUP') return entities;
  return only.principals.map((p) => ({ type: 'USER', ...p, principals: [p] }));
}

export async function entityDetails(
  ctx: ActionContext,
  job: AccessReportJobRecord,
  namespace: string,
): Promise<WireEntityDetails[]> {
  const target = await reportTarget(ctx, job.arn);
  const entities = listed(target.entities);
  const until = job.completionDate ?? job.createDate;
  const since = new Date(until.getTime() - TRACKING_PERIOD_MS);
  const ids = entities.flatMap((e) => e.principals.map((p) => p.id));
  const records = await ctx.store.accessAdvisor.accessesOf(ids, { service: namespace.toLowerCase(), since });
  const lastOf = new Map<string, Date>();
  for (const r of records) if (r.time <= until) lastOf.set(r.principalId, r.time);
  const details = entities.map((entity) => {
    const times = entity.principals.flatMap((p) => lastOf.get(p.id) ?? []);
    const last = times.length === 0 ? undefined : new Date(Math.max(...times.map((t) => t.getTime())));
    const info = { Arn: entity.arn, Name: entity.name, Type: entity.type, Id: entity.id, Path: entity.path };
    return { EntityInfo: info, ...(last !== undefined && { LastAuthenticated: last }) };
  });
  return details.sort(
    (a, b) =>
      (b.LastAuthenticated?.getTime() ?? -1) - (a.LastAuthenticated?.getTime() ?? -1) ||
      a.EntityInfo.Name.localeCompare(b.EntityInfo.Name),
  );
}
