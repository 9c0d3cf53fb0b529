/** Numeric operators: integer or decimal values compared as numbers; unparseable never matches. */
import { defineOperator, SLOT } from './operator.ts';

/** Strict decimal syntax: `Number()` alone would read `""` and `" 1 "` as numbers. */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function parseNumber(value: string): number | undefined {
  return NUMBER.test(value) ? Number(value) : undefined;
}

function numericOperator(name: string, test: (policy: number, request: number) => boolean) {
  return defineOperator<number, number>({
    name,
    variables: false,
    slot: SLOT.number,
    preparePolicy: parseNumber,
    prepareRequest: parseNumber,
    test,
  });
}

export const numericEquals = numericOperator('NumericEquals', (p, r) => r === p);
export const numericLessThan = numericOperator('NumericLessThan', (p, r) => r < p);
export const numericLessThanEquals = numericOperator('NumericLessThanEquals', (p, r) => r <= p);
export const numericGreaterThan = numericOperator('NumericGreaterThan', (p, r) => r > p);
export const numericGreaterThanEquals = numericOperator('NumericGreaterThanEquals', (p, r) => r >= p);
