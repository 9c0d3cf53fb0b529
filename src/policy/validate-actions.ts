/** `Action`/`NotAction` values and condition keys must be `vendor:name` (IAM's "prefaced by a vendor" rule). */
import type { Statement, ValueList } from './ast.ts';
import type { Diagnostic } from './types.ts';
import { AWS_MESSAGES, errorAt } from './validate-messages.ts';

const VENDOR = /^[A-Za-z0-9.-]+$/;

/** The AWS message for a malformed action (or condition key), or `undefined` when well-formed. */
export function actionFormatError(action: string): string | undefined {
  if (action === '*') return undefined;
  const parts = action.split(':');
  if (parts.length === 1) return AWS_MESSAGES.actionVendor;
  if (parts.length > 2) return AWS_MESSAGES.actionColons;
  const vendor = parts[0] ?? '';
  // IAM lets a `*` stand for the whole vendor (`*:Get*`), but nothing else outside [A-Za-z0-9.-].
  if (vendor !== '*' && !VENDOR.test(vendor)) return AWS_MESSAGES.vendorInvalid(vendor);
  return undefined;
}

export function checkActions(statement: Statement, out: Diagnostic[]): void {
  for (const list of [statement.action, statement.notAction]) {
    if (list !== undefined) checkList(list, out);
  }
  for (const condition of statement.conditions) {
    if (!condition.key.includes(':')) {
      const detail = `condition key ${JSON.stringify(condition.key)} has no vendor prefix such as aws:`;
      out.push(errorAt('invalid-condition-key', AWS_MESSAGES.actionVendor, condition.span, detail));
    }
  }
}

function checkList(list: ValueList, out: Diagnostic[]): void {
  list.values.forEach((action, i) => {
    const message = actionFormatError(action);
    if (message !== undefined) out.push(errorAt('invalid-action', message, list.valueSpans[i] ?? list.span));
  });
}

/**
 * Role trust policies may only grant STS actions (AssumeRole*, TagSession, SetSourceIdentity,
 * SetContext, ...). AWS words the error after the three assume actions, double space included.
 */
export function checkTrustActions(statement: Statement, out: Diagnostic[]): void {
  const list = statement.action ?? statement.notAction;
  if (list === undefined) return;
  list.values.forEach((action, i) => {
    if (!/^sts:/i.test(action)) {
      const detail = `${action} is not an STS action`;
      out.push(errorAt('trust-action', AWS_MESSAGES.trustAction, list.valueSpans[i] ?? list.span, detail));
    }
  });
}
