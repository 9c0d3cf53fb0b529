/**
 * `Action` / `NotAction` patterns: `service:Name` with `*` and `?`, case-insensitive (both sides are
 * lowercased once: patterns at compile time, the request's action once per evaluation).
 */
import { compileGlob, GlobKind, matchGlob, type Glob } from './match-glob.ts';

export interface ActionPattern {
  readonly glob: Glob;
  /** The lowercased pattern text. */
  readonly text: string;
  /**
   * The literal service prefix when the pattern's wildcards are all after its colon (`s3:Get*`),
   * `undefined` when the prefix itself has one (`*`, `s3*:Get*`).
   */
  readonly service: string | undefined;
  /** Whether the pattern names exactly one action. */
  readonly exact: boolean;
}

export function compileAction(pattern: string): ActionPattern {
  const text = pattern.toLowerCase();
  const glob = compileGlob(text);
  const colon = text.indexOf(':');
  const head = colon === -1 ? text : text.slice(0, colon);
  const service = colon === -1 || head.includes('*') || head.includes('?') ? undefined : head;
  return { glob, text, service, exact: glob.kind === GlobKind.Exact };
}

/** Whether any pattern matches the lowercased action. */
export function matchesAnyAction(patterns: readonly ActionPattern[], action: string): boolean {
  for (const pattern of patterns) {
    if (matchGlob(pattern.glob, action)) return true;
  }
  return false;
}
