/**
 * The Simulate APIs' inputs as the engine needs them: policy texts checked and named, typed context
 * entries as context values, the simulated caller and the resource owner.
 */
import { WardenError } from '../../core/index.ts';
import {
  parsePolicy,
  validatePolicy,
  type ContextValue,
  type PolicyDocument,
  type PolicyKind,
  type RequestPrincipal,
} from '../../policy/index.ts';
import type { SourcedPolicy, SourcePolicyType } from './gather.ts';

export interface WireContextEntry {
  readonly ContextKeyName?: string;
  readonly ContextKeyValues?: readonly string[];
  readonly ContextKeyType?: string;
}

/**
 * A policy given as a string: valid for its kind, or `InvalidInput` (the Simulate APIs do not
 * answer MalformedPolicyDocument). Named like AWS names them in matched statements
 * (`PolicyInputList.1`, `PermissionsBoundaryPolicyInputList.1`, `ResourcePolicy`).
 */
export function inputPolicy(
  text: string,
  sourceId: string,
  kind: PolicyKind,
  type: SourcePolicyType,
): SourcedPolicy {
  // Simulation takes documents of any size (the model bounds them); only the grammar is checked.
  const errors = validatePolicy(text, kind, { size: false }).errors;
  const first = errors[0];
  if (first !== undefined) throw new WardenError('InvalidInput', `${sourceId}: ${first.message}`);
  return { key: `input\u0000${sourceId}`, sourceId, type, document: text };
}

export const inputPolicies = (
  texts: readonly string[] | undefined,
  list: string,
  kind: PolicyKind,
): SourcedPolicy[] | undefined =>
  texts?.map((text, i) => inputPolicy(text, `${list}.${i + 1}`, kind, 'none'));

/** Parsed documents (for GetContextKeysFor*), `InvalidInput` for text that is not a policy. */
export function parsedDocuments(policies: readonly SourcedPolicy[]): PolicyDocument[] {
  return policies.map((p) => {
    const parsed = parsePolicy(p.document, 'identity');
    if (parsed.document === undefined) {
      throw new WardenError(
        'InvalidInput',
        `${p.sourceId}: ${parsed.diagnostics[0]?.message ?? 'invalid policy'}`,
      );
    }
    return parsed.document;
  });
}

const LIST_TYPES = new Set(['stringList', 'numericList', 'booleanList', 'ipList', 'binaryList', 'dateList']);

/**
 * Typed context entries as the engine's context: list types are multi-valued keys, the others one
 * value (the operators parse numbers, dates, IPs and booleans from their text). A key given twice:
 * the last entry wins.
 */
export function contextFromEntries(
  entries: readonly WireContextEntry[] | undefined,
): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {};
  for (const entry of entries ?? []) {
    const name = entry.ContextKeyName;
    const values = entry.ContextKeyValues ?? [];
    if (name === undefined) continue;
    const type = entry.ContextKeyType ?? 'string';
    if (!LIST_TYPES.has(type) && values.length > 1) {
      throw new WardenError('InvalidInput', `Context key ${name} of type ${type} takes one value.`);
    }
    if (values.length === 0) continue;
    context[name] = LIST_TYPES.has(type) ? [...values] : (values[0] ?? '');
  }
  return context;
}

const USER_ARN = /^arn:[\w-]+:iam::(\d{12}):user\/(?:[\u0021-\u007e]*\/)?[\w+=,.@-]+$/;

/** The simulated caller: an IAM user's ARN (`CallerArn`), as AWS allows; else `fallback`. */
export function callerPrincipal(callerArn: string | undefined, fallback: RequestPrincipal): RequestPrincipal {
  if (callerArn === undefined) return fallback;
  const account = USER_ARN.exec(callerArn)?.[1];
  if (account === undefined) {
    throw new WardenError(
      'InvalidInput',
      `Invalid CallerArn ${callerArn}: it must be the ARN of an IAM user.`,
    );
  }
  return { type: 'User', arn: callerArn, account };
}

/** `ResourceOwner` is an account id or an ARN naming one (`arn:aws:iam::ACCOUNT:root`). */
export function ownerAccount(resourceOwner: string | undefined): string | undefined {
  if (resourceOwner === undefined) return undefined;
  if (/^\d{12}$/.test(resourceOwner)) return resourceOwner;
  const account = resourceOwner.split(':')[4];
  if (account === undefined || !/^\d{12}$/.test(account)) {
    throw new WardenError('InvalidInput', `Invalid ResourceOwner ${resourceOwner}.`);
  }
  return account;
}

/** The account a resource ARN names, if any (S3 bucket ARNs name none). */
export function accountOfArn(arn: string): string | undefined {
  const account = arn.split(':')[4];
  return account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
}
