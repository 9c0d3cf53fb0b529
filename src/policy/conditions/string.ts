/** String operators: exact (case-sensitive), exact ignoring case, and `*`/`?` globs (`StringLike`). */
import { compileGlob, compileGlobParts, matchGlob, type Glob } from '../match-glob.ts';
import { defineOperator, identity, SLOT } from './operator.ts';

export const stringEquals = defineOperator<string, string>({
  name: 'StringEquals',
  variables: true,
  slot: -1,
  preparePolicy: identity,
  prepareRequest: identity,
  test: (policy, request) => policy === request,
});

function lowercase(value: string): string {
  return value.toLowerCase();
}

export const stringEqualsIgnoreCase = defineOperator<string, string>({
  name: 'StringEqualsIgnoreCase',
  variables: true,
  slot: SLOT.lowercase,
  preparePolicy: lowercase,
  prepareRequest: lowercase,
  test: (policy, request) => policy === request,
});

export const stringLike = defineOperator<Glob, string>({
  name: 'StringLike',
  variables: true,
  slot: -1,
  preparePolicy: compileGlob,
  preparePattern: compileGlobParts,
  prepareRequest: identity,
  test: matchGlob,
});
