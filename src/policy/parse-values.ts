/** "A string or a list of strings" elements (`Action`, `Resource`, principal values, ...). */
import type { ValueList } from './ast.ts';
import type { JsonNode } from './json-reader.ts';
import type { Diagnostic } from './types.ts';
import { AWS_MESSAGES, errorAt } from './validate-messages.ts';

/** Normalizes a string or an array of strings; reports anything else and returns `undefined`. */
export function stringList(
  node: JsonNode,
  element: string,
  diagnostics: Diagnostic[],
): ValueList | undefined {
  if (node.kind === 'string') {
    return { values: [node.value], span: node.span, valueSpans: [node.span], isArray: false };
  }
  if (node.kind === 'array') {
    const bad = node.items.find((item) => item.kind !== 'string');
    if (bad === undefined) {
      const values = node.items.map((item) => (item.kind === 'string' ? item.value : ''));
      return { values, span: node.span, valueSpans: node.items.map((item) => item.span), isArray: true };
    }
    diagnostics.push(
      errorAt('invalid-type', AWS_MESSAGES.syntax, bad.span, `${element} values must be strings`),
    );
    return undefined;
  }
  diagnostics.push(
    errorAt(
      'invalid-type',
      AWS_MESSAGES.syntax,
      node.span,
      `${element} must be a string or an array of strings`,
    ),
  );
  return undefined;
}
