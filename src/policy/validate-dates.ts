/**
 * IAM's legacy parser rejects a `Date*` condition value that is neither epoch seconds nor an
 * ISO 8601 date/time with in-range fields ("The policy failed legacy parsing"). The rules below are
 * the lenient ones IAM applies (mirrored from moto, which tests against AWS): partial dates such as
 * `2020` or `2020-01` pass, as do fractional seconds and `+hh:mm` offsets.
 */
import type { Statement } from './ast.ts';
import type { Diagnostic } from './types.ts';
import { AWS_MESSAGES, errorAt } from './validate-messages.ts';

const INT = /^[+-]?\d+$/;
const inRange = (text: string | undefined, min: number, max: number): boolean =>
  text !== undefined && INT.test(text) && Number(text) >= min && Number(text) <= max;

export function legacyDateValid(value: string): boolean {
  const lower = value.toLowerCase();
  if (!lower.includes('t') && !lower.includes('-')) {
    return /^\d+$/.test(value) && BigInt(value) <= 9223372036854775807n;
  }
  const [datePart = '', ...timeRest] = lower.split('t');
  return dateValid(datePart) && timeValid(timeRest.join('t'));
}

function dateValid(date: string): boolean {
  const negative = date.startsWith('-');
  const parts = (negative ? date.slice(1) : date).split('-');
  if (parts.length > 3) return false;
  const year = negative ? `-${parts[0] ?? ''}` : parts[0];
  if (!inRange(year, -292275054, 292278993)) return false;
  if (parts.length > 1 && !inRange(parts[1], 1, 12)) return false;
  return parts.length <= 2 || inRange(parts[2], 1, 31);
}

function timeValid(time: string): boolean {
  if (time === '') return true;
  const parts = time.split(':');
  if (parts[0] !== '' && !inRange(parts[0], 0, 23)) return false;
  if (parts.length > 1 && !inRange(parts[1], 0, 59)) return false;
  if (parts.length <= 2) return true;
  return secondsValid(parts.slice(2).join(':'));
}

/** Python's str.partition: text before the first `sep`, and the rest after it (`undefined` if absent). */
function partition(text: string, sep: string): [string, string | undefined] {
  const at = text.indexOf(sep);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + sep.length)];
}

function secondsValid(text: string): boolean {
  let seconds = text;
  if (text.includes('z')) {
    const [before, after] = partition(text, 'z');
    if (after !== '') return false;
    seconds = before;
  } else if (text.includes('+')) {
    const [before, zone = ''] = partition(text, '+');
    const [hours, minutes] = partition(zone, ':');
    if (hours.length !== 2 || !inRange(hours, 0, 23)) return false;
    if (minutes !== undefined && (minutes.length !== 2 || !inRange(minutes, 0, 59))) return false;
    seconds = before;
  }
  const [whole, fraction] = partition(seconds, '.');
  if (!inRange(whole, 0, 59)) return false;
  return fraction === undefined || inRange(fraction, 0, 999999999);
}

export function checkDates(statement: Statement, out: Diagnostic[]): void {
  for (const condition of statement.conditions) {
    if (!condition.baseOperator.startsWith('Date')) continue;
    condition.values.forEach((value, i) => {
      if (!legacyDateValid(value)) {
        const detail = `${JSON.stringify(value)} is not a date (ISO 8601) or epoch seconds`;
        out.push(
          errorAt(
            'invalid-date',
            AWS_MESSAGES.legacyParsing,
            condition.valueSpans[i] ?? condition.span,
            detail,
          ),
        );
      }
    });
  }
}
