/**
 * The condition operators, each as its POSITIVE test of one request value against one policy
 * value (IAM User Guide, "Condition operators"). Negated operators reuse the positive test and are
 * negated by the caller (NOR over the policy values), which is how the guide defines them.
 */
import { Buffer } from 'node:buffer';
import { arnMatch, globMatch, tokensText } from './naive-glob.ts';
import { substitute, type Context } from './naive-variables.ts';

export interface PolicyValueEnv {
  readonly context: Context;
  readonly version: unknown;
}

export type PositiveTest = (requestValue: string, policyValue: string, env: PolicyValueEnv) => boolean;

export interface OperatorDef {
  readonly negated: boolean;
  readonly test: PositiveTest;
}

const stringTest =
  (kind: 'exact' | 'ignore-case' | 'like'): PositiveTest =>
  (req, pol, env) => {
    const tokens = substitute(pol, env.context, env.version, kind === 'like');
    if (tokens === undefined) return false;
    if (kind === 'like') return globMatch(tokens, req, false);
    const text = tokensText(tokens);
    return kind === 'exact' ? text === req : text.toLowerCase() === req.toLowerCase();
  };

const arnTest: PositiveTest = (req, pol, env) => {
  const tokens = substitute(pol, env.context, env.version, true);
  return tokens !== undefined && arnMatch(tokens, req);
};

function parseNumber(text: string): number | undefined {
  return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : undefined;
}

/** W3C ISO 8601 date/times or epoch seconds, as the Date operators accept. */
function parseDate(text: string): number | undefined {
  const epoch = parseNumber(text);
  if (epoch !== undefined) return epoch * 1000;
  // W3C's ISO 8601 profile also allows a year and month alone (YYYY-MM): the first day, midnight UTC.
  if (/^\d{4}-\d{2}$/.test(text)) return parseDate(`${text}-01`);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const zoned = /T[^Z+-]*$/.test(text) ? `${text}Z` : text;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? undefined : ms;
}

const compareTest =
  (parse: (s: string) => number | undefined, cmp: (a: number, b: number) => boolean): PositiveTest =>
  (req, pol) => {
    const a = parse(req);
    const b = parse(pol);
    return a !== undefined && b !== undefined && cmp(a, b);
  };

const boolTest: PositiveTest = (req, pol) => {
  const a = req.toLowerCase();
  return (a === 'true' || a === 'false') && a === pol.toLowerCase();
};

const binaryTest: PositiveTest = (req, pol) => Buffer.from(req, 'base64').equals(Buffer.from(pol, 'base64'));

interface Ip {
  readonly bits: number;
  readonly value: bigint;
}

function parseIpv4(text: string): Ip | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return { bits: 32, value: parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n) };
}

function parseIpv6(text: string): Ip | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0] ?? '');
  const tail = groups(halves[1] ?? '');
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return { bits: 128, value: all.reduce((acc, g) => (acc << 16n) | BigInt(`0x${g}`), 0n) };
}

function parseIp(text: string): Ip | undefined {
  return text.includes(':') ? parseIpv6(text) : parseIpv4(text);
}

/** A bare address in a policy means /32 (IPv4) or /128 (IPv6). */
const ipTest: PositiveTest = (req, pol) => {
  const [addr = '', prefixText, ...extra] = pol.split('/');
  const net = parseIp(addr);
  const ip = parseIp(req);
  if (net === undefined || ip === undefined || extra.length > 0 || net.bits !== ip.bits) return false;
  const prefix = prefixText === undefined ? net.bits : Number(prefixText);
  if (!/^\d+$/.test(prefixText ?? '0') || prefix > net.bits) return false;
  const shift = BigInt(net.bits - prefix);
  return net.value >> shift === ip.value >> shift;
};

const lt = (a: number, b: number): boolean => a < b;
const le = (a: number, b: number): boolean => a <= b;
const gt = (a: number, b: number): boolean => a > b;
const ge = (a: number, b: number): boolean => a >= b;
const eq = (a: number, b: number): boolean => a === b;

const pos = (test: PositiveTest): OperatorDef => ({ negated: false, test });
const neg = (test: PositiveTest): OperatorDef => ({ negated: true, test });

/** Every base operator AWS defines except Null (which looks at presence, not values). */
export const OPERATORS: Readonly<Record<string, OperatorDef>> = {
  StringEquals: pos(stringTest('exact')),
  StringNotEquals: neg(stringTest('exact')),
  StringEqualsIgnoreCase: pos(stringTest('ignore-case')),
  StringNotEqualsIgnoreCase: neg(stringTest('ignore-case')),
  StringLike: pos(stringTest('like')),
  StringNotLike: neg(stringTest('like')),
  NumericEquals: pos(compareTest(parseNumber, eq)),
  NumericNotEquals: neg(compareTest(parseNumber, eq)),
  NumericLessThan: pos(compareTest(parseNumber, lt)),
  NumericLessThanEquals: pos(compareTest(parseNumber, le)),
  NumericGreaterThan: pos(compareTest(parseNumber, gt)),
  NumericGreaterThanEquals: pos(compareTest(parseNumber, ge)),
  DateEquals: pos(compareTest(parseDate, eq)),
  DateNotEquals: neg(compareTest(parseDate, eq)),
  DateLessThan: pos(compareTest(parseDate, lt)),
  DateLessThanEquals: pos(compareTest(parseDate, le)),
  DateGreaterThan: pos(compareTest(parseDate, gt)),
  DateGreaterThanEquals: pos(compareTest(parseDate, ge)),
  Bool: pos(boolTest),
  BinaryEquals: pos(binaryTest),
  IpAddress: pos(ipTest),
  NotIpAddress: neg(ipTest),
  ArnEquals: pos(arnTest),
  ArnLike: pos(arnTest),
  ArnNotEquals: neg(arnTest),
  ArnNotLike: neg(arnTest),
};
