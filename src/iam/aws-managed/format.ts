/**
 * How a catalog document is written out: the source data has lost AWS's formatting (keys sorted,
 * no white space), so documents are laid out the way AWS shows them, `Version` first and each
 * statement's elements in the grammar's order, indented by four spaces.
 */

const TOP_ORDER = ['Version', 'Id', 'Statement'];
const STATEMENT_ORDER = [
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function ordered(value: { [key: string]: Json }, order: readonly string[]): { [key: string]: Json } {
  const rank = (key: string): number => {
    const i = order.indexOf(key);
    return i === -1 ? order.length : i;
  };
  const keys = Object.keys(value).sort((a, b) => rank(a) - rank(b));
  return Object.fromEntries(keys.map((key) => [key, value[key] ?? null]));
}

const isObject = (value: Json | undefined): value is { [key: string]: Json } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function formatDocument(document: { [key: string]: Json }): string {
  const top = ordered(document, TOP_ORDER);
  const statement = top.Statement;
  if (Array.isArray(statement)) {
    top.Statement = statement.map((s) => (isObject(s) ? ordered(s, STATEMENT_ORDER) : s));
  } else if (isObject(statement)) {
    top.Statement = ordered(statement, STATEMENT_ORDER);
  }
  return JSON.stringify(top, null, 4);
}

export type { Json };
