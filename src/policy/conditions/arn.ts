/**
 * ARN operators. `ArnEquals` and `ArnLike` behave the same in AWS (both take wildcards): six-field,
 * case-sensitive matching as for `Resource`.
 */
import {
  compileArnFields,
  compileArnPattern,
  matchArn,
  resourceStart,
  type ArnPattern,
} from '../match-arn.ts';
import type { GlobPart } from '../match-glob.ts';
import { defineOperator, identity } from './operator.ts';

/** Splits pieces at the value's fifth colon: the head is matched per field, the rest as one glob. */
export function compileArnParts(parts: readonly GlobPart[]): ArnPattern {
  const text = parts.map((part) => part.text).join('');
  const start = resourceStart(text);
  if (start === -1) return compileArnFields('', parts);
  const resource: GlobPart[] = [];
  let offset = 0;
  for (const part of parts) {
    const end = offset + part.text.length;
    if (end > start) resource.push({ ...part, text: part.text.slice(Math.max(0, start - offset)) });
    offset = end;
  }
  return compileArnFields(text.slice(0, start), resource);
}

function arnOperator(name: string) {
  return defineOperator<ArnPattern, string>({
    name,
    variables: true,
    slot: -1,
    preparePolicy: compileArnPattern,
    preparePattern: compileArnParts,
    prepareRequest: identity,
    test: matchArn,
  });
}

export const arnEquals = arnOperator('ArnEquals');
export const arnLike = arnOperator('ArnLike');
