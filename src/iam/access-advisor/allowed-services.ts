/**
 * Which services (and, for the tracked ones, which actions) a set of permission policies allows:
 * access advisor lists exactly these, used or not. As AWS does, only Allow statements of the
 * identity policies count (boundaries, session and resource policies do not); an Allow's
 * conditions and resources are not weighed, and a Deny does not remove a service.
 */
import { compileGlob, matchGlob, parsePolicy, type Glob, type Statement } from '../../policy/index.ts';
import type { ServiceCatalog } from './service-catalog.ts';

/** Namespace -> the allowed action names of that service (all of them for `svc:*`). */
export type AllowedServices = ReadonlyMap<string, readonly string[]>;

interface Patterns {
  /** Action patterns of Allow statements, lower case (`iam:get*`, `*`). */
  readonly actions: Glob[];
  /** The services the patterns name literally; undefined when one may match any service. */
  services: Set<string> | undefined;
  /** Each Allow statement's NotAction patterns: it allows every action none of them matches. */
  readonly notActions: Glob[][];
}

function allowPatterns(documents: readonly string[]): Patterns {
  const patterns: Patterns = { actions: [], notActions: [], services: new Set() };
  for (const text of documents) {
    const statements: readonly Statement[] = parsePolicy(text).document?.statements ?? [];
    for (const statement of statements) {
      if (statement.effect !== 'Allow') continue;
      const globs = (values: readonly string[]) => values.map((v) => compileGlob(v.toLowerCase()));
      if (statement.action !== undefined) {
        patterns.actions.push(...globs(statement.action.values));
        for (const action of statement.action.values) noteService(patterns, action);
      }
      if (statement.notAction !== undefined) {
        patterns.notActions.push(globs(statement.notAction.values));
        patterns.services = undefined;
      }
    }
  }
  return patterns;
}

/** Reading every service's actions takes a while the first time: only those a pattern can match. */
function noteService(patterns: Patterns, action: string): void {
  const colon = action.indexOf(':');
  const service = colon < 0 ? '*' : action.slice(0, colon).toLowerCase();
  if (/[*?]/.test(service)) patterns.services = undefined;
  else patterns.services?.add(service);
}

function allows(patterns: Patterns, permission: string): boolean {
  const lower = permission.toLowerCase();
  return (
    patterns.actions.some((glob) => matchGlob(glob, lower)) ||
    patterns.notActions.some((globs) => !globs.some((glob) => matchGlob(glob, lower)))
  );
}

/** Every service (of `only`, when given) the policies allow at least one action of, with those actions. */
export async function allowedServices(
  documents: readonly string[],
  catalog: ServiceCatalog,
  only?: readonly string[],
): Promise<AllowedServices> {
  const patterns = allowPatterns(documents);
  const allowed = new Map<string, readonly string[]>();
  if (patterns.actions.length === 0 && patterns.notActions.length === 0) return allowed;
  const candidates = patterns.services === undefined ? await catalog.namespaces() : [...patterns.services];
  const namespaces = only === undefined ? candidates : candidates.filter((n) => only.includes(n));
  for (const namespace of namespaces) {
    const actions = (await catalog.actionsOf(namespace)).filter((a) => allows(patterns, `${namespace}:${a}`));
    if (actions.length > 0) allowed.set(namespace, actions);
  }
  return allowed;
}
