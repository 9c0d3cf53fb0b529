/**
 * Date operators: W3C ISO-8601 date/times (`2020-01-01`, `2020-01-01T00:00:01Z`, with offsets and
 * fractions) or epoch seconds, compared as instants. A date/time without a zone is UTC: the engine
 * must not depend on the machine's time zone, so `Date.parse` (local time there) is not used.
 */
import { parseNumber } from './numeric.ts';
import { defineOperator, SLOT } from './operator.ts';

const ISO =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/;

/** Milliseconds since the epoch, or `undefined` when the text is no date AWS would read. */
export function parseDate(value: string): number | undefined {
  const fast = parseCanonical(value);
  if (fast !== undefined) return fast;
  const epoch = parseNumber(value);
  if (epoch !== undefined) return epoch * 1000;
  const m = ISO.exec(value);
  if (m === null) return undefined;
  const [year, month = 1, day = 1, hour = 0, minute = 0, second = 0] = m
    .slice(1, 7)
    .map((f) => (f === undefined ? undefined : Number(f)));
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60)
    return undefined;
  const fraction = m[7] === undefined ? 0 : Number(`0.${m[7]}`) * 1000;
  const ms = Date.UTC(year ?? 0, month - 1, day, hour, minute, second) + fraction;
  return ms - offsetMinutes(m[8]) * 60_000;
}

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z' || zone === 'z') return 0;
  const digits = zone.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || '0');
  return zone.startsWith('-') ? -minutes : minutes;
}

function digit(value: string, at: number): number {
  const d = value.charCodeAt(at) - 48;
  return d >= 0 && d <= 9 ? d : NaN;
}

function two(value: string, at: number): number {
  return digit(value, at) * 10 + digit(value, at + 1);
}

/** `YYYY-MM-DDThh:mm:ssZ`, the form `aws:CurrentTime` takes, without a regex. */
function parseCanonical(v: string): number | undefined {
  if (v.length !== 20 || v[4] !== '-' || v[7] !== '-' || v[10] !== 'T' || v[13] !== ':' || v[16] !== ':') {
    return undefined;
  }
  if (v[19] !== 'Z') return undefined;
  const year = two(v, 0) * 100 + two(v, 2);
  const month = two(v, 5);
  const day = two(v, 8);
  const hour = two(v, 11);
  const minute = two(v, 14);
  const second = two(v, 17);
  // NaN (a non-digit) fails every comparison, so it lands here too.
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 24 && minute <= 59 && second <= 60)) {
    return undefined;
  }
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  return Number.isNaN(ms) ? undefined : ms;
}

function dateOperator(name: string, test: (policy: number, request: number) => boolean) {
  return defineOperator<number, number>({
    name,
    variables: false,
    slot: SLOT.date,
    preparePolicy: parseDate,
    prepareRequest: parseDate,
    test,
  });
}

export const dateEquals = dateOperator('DateEquals', (p, r) => r === p);
export const dateLessThan = dateOperator('DateLessThan', (p, r) => r < p);
export const dateLessThanEquals = dateOperator('DateLessThanEquals', (p, r) => r <= p);
export const dateGreaterThan = dateOperator('DateGreaterThan', (p, r) => r > p);
export const dateGreaterThanEquals = dateOperator('DateGreaterThanEquals', (p, r) => r >= p);
