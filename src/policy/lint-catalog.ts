/** Findings that need the AWS catalog: unknown service prefixes, action names and condition keys. */
import type { Statement, ValueList } from './ast.ts';
import type { PolicyCatalog } from './catalog.ts';
import type { Diagnostic } from './types.ts';
import { warningAt } from './validate-messages.ts';
import { globMatches } from './lint-glob.ts';

export function lintActions(statement: Statement, catalog: PolicyCatalog, out: Diagnostic[]): void {
  for (const list of [statement.action, statement.notAction]) {
    if (list !== undefined) lintActionList(list, catalog, out);
  }
}

function lintActionList(list: ValueList, catalog: PolicyCatalog, out: Diagnostic[]): void {
  list.values.forEach((action, i) => {
    const span = list.valueSpans[i] ?? list.span;
    const colon = action.indexOf(':');
    if (colon < 0) return; // `*`, or a format error validation already reports
    const service = action.slice(0, colon);
    const name = action.slice(colon + 1);
    if (/[*?]/.test(service)) return;
    const actions = catalog.actionsOf(service);
    if (actions === undefined) {
      out.push(warningAt('unknown-service', `Unknown service prefix ${service} in ${action}.`, span));
      return;
    }
    if (/[*?]/.test(name)) {
      if (!actions.some((a) => globMatches(name, a, true))) {
        out.push(warningAt('unknown-action', `${action} matches no action of service ${service}.`, span));
      }
    } else if (!actions.some((a) => a.toLowerCase() === name.toLowerCase())) {
      out.push(
        warningAt(
          'unknown-action',
          `Unknown action ${action}: service ${service} has no action ${name}.`,
          span,
        ),
      );
    }
  });
}

export function lintConditionKeys(statement: Statement, catalog: PolicyCatalog, out: Diagnostic[]): void {
  for (const condition of statement.conditions) {
    if (!catalog.conditionKeyDefined(condition.key)) {
      const message = `Unknown condition key ${condition.key}: no service defines it, so the request never carries it.`;
      out.push(warningAt('unknown-condition-key', message, condition.span));
    }
  }
}
