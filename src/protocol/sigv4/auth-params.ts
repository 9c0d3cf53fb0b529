/**
 * Where a SigV4 signature sits (spec §8.1): the Authorization header, or the query string of a
 * presigned request. Both parse into the same AuthParams; structural faults are IncompleteSignature
 * with AWS's texts.
 */
import { ALGORITHM, headerValue, type HeaderBag } from './canonical-request.ts';
import { basicIso, incomplete, missingAuthentication } from './messages.ts';

export interface AuthParams {
  readonly accessKeyId: string;
  readonly scopeDate: string;
  readonly region: string;
  readonly service: string;
  readonly terminator: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  /** `YYYYMMDDTHHMMSSZ`, as it enters the string to sign. */
  readonly amzDate: string;
  readonly signedAt: Date;
  /** Which header carried the date (`x-amz-date` or `date`); none for presigned requests. */
  readonly dateHeader?: string;
  readonly presigned: boolean;
  readonly expiresSeconds?: number;
  readonly securityToken?: string;
}

export interface RawRequest {
  readonly rawQuery: string;
  /** Lower-case names, as node:http gives them. */
  readonly headers: HeaderBag;
}

export function isPresigned(query: URLSearchParams): boolean {
  return query.has('X-Amz-Algorithm') || query.has('X-Amz-Credential');
}

export function parseAuth(req: RawRequest): AuthParams {
  const query = new URLSearchParams(req.rawQuery);
  const header = headerValue(req.headers, 'authorization');
  if (header !== undefined) return parseHeader(header, req.headers);
  if (isPresigned(query)) return parseQuery(query);
  throw missingAuthentication();
}

const BASIC_ISO = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

function parseBasicIso(text: string): Date | undefined {
  const m = BASIC_ISO.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 20261340 over into a later month; AWS refuses such dates.
  return date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60
    ? date
    : undefined;
}

const badDate = (text: string) =>
  incomplete(
    `Date must be in ISO-8601 'basic format'. Got '${text}'. See http://en.wikipedia.org/wiki/ISO_8601`,
  );

/** `AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...` (commas, optional spaces). */
function parseHeader(header: string, headers: HeaderBag): AuthParams {
  const space = header.indexOf(' ');
  const algorithm = space < 0 ? header : header.slice(0, space);
  const fields = new Map<string, string>();
  // Another scheme (`Bearer ...`, SigV2's `AWS id:sig`) has none of the SigV4 parts.
  if (algorithm === ALGORITHM) {
    for (const part of header.slice(space + 1).split(',')) {
      const trimmed = part.trim();
      if (trimmed === '') continue;
      const eq = trimmed.indexOf('=');
      if (eq < 0)
        throw incomplete(
          `'${trimmed}' not a valid key=value pair (missing equal-sign) in Authorization header: '${header}'`,
        );
      fields.set(trimmed.slice(0, eq), trimmed.slice(eq + 1));
    }
  }
  const amzDate = headerValue(headers, 'x-amz-date');
  const httpDate = headerValue(headers, 'date');
  const missing = ['Credential', 'Signature', 'SignedHeaders']
    .filter((name) => fields.get(name) === undefined)
    .map((name) => `Authorization header requires '${name}' parameter.`);
  if (amzDate === undefined && httpDate === undefined)
    missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  if (missing.length > 0) throw incomplete(`${missing.join(' ')} Authorization=${header}`);

  const signedAt = amzDate !== undefined ? parseBasicIso(amzDate) : parseHttpDate(httpDate ?? '');
  if (signedAt === undefined) throw badDate(amzDate ?? httpDate ?? '');
  return {
    ...parseCredential(fields.get('Credential') ?? ''),
    signedHeaders: (fields.get('SignedHeaders') ?? '').split(';').map((h) => h.trim().toLowerCase()),
    signature: fields.get('Signature') ?? '',
    amzDate: amzDate ?? basicIso(signedAt),
    signedAt,
    dateHeader: amzDate !== undefined ? 'x-amz-date' : 'date',
    presigned: false,
    ...optional('securityToken', headerValue(headers, 'x-amz-security-token')),
  };
}

function parseHttpDate(text: string): Date | undefined {
  const date = new Date(text);
  return text === '' || Number.isNaN(date.getTime()) ? undefined : date;
}

const REQUIRED_QUERY = [
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Signature',
  'X-Amz-SignedHeaders',
  'X-Amz-Date',
];
const MAX_EXPIRES = 604800;

/** `?X-Amz-Algorithm=...&X-Amz-Credential=...&X-Amz-Date=...&X-Amz-Expires=...&X-Amz-SignedHeaders=...&X-Amz-Signature=...` */
function parseQuery(query: URLSearchParams): AuthParams {
  const absent = REQUIRED_QUERY.find((name) => query.get(name) === null);
  if (absent !== undefined)
    throw incomplete(
      `AWS query-string parameters must include '${absent}'. Re-examine the query-string parameters.`,
    );
  if (query.get('X-Amz-Algorithm') !== ALGORITHM) throw missingAuthentication();
  const amzDate = query.get('X-Amz-Date') ?? '';
  const signedAt = parseBasicIso(amzDate);
  if (signedAt === undefined) throw badDate(amzDate);
  return {
    ...parseCredential(query.get('X-Amz-Credential') ?? ''),
    signedHeaders: (query.get('X-Amz-SignedHeaders') ?? '').split(';').map((h) => h.trim().toLowerCase()),
    signature: query.get('X-Amz-Signature') ?? '',
    amzDate,
    signedAt,
    presigned: true,
    ...optional('expiresSeconds', parseExpires(query.get('X-Amz-Expires'))),
    ...optional('securityToken', query.get('X-Amz-Security-Token') ?? undefined),
  };
}

function parseExpires(text: string | null): number | undefined {
  if (text === null) return undefined;
  if (!/^[0-9]{1,9}$/.test(text)) throw incomplete('X-Amz-Expires should be a number');
  const seconds = Number(text);
  if (seconds > MAX_EXPIRES)
    throw incomplete(`X-Amz-Expires must be less than a week (in seconds) that is ${MAX_EXPIRES}`);
  return seconds;
}

/**
 * `AKID/20261128/us-east-1/iam/aws4_request`. The last four parts are fixed, so an access key id
 * that itself holds a `/` (test suites use odd ids) still parses.
 */
function parseCredential(credential: string) {
  const parts = credential.split('/');
  if (parts.length < 5 || parts[0] === '') {
    throw incomplete(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`,
    );
  }
  const [scopeDate = '', region = '', service = '', terminator = ''] = parts.slice(-4);
  return { accessKeyId: parts.slice(0, -4).join('/'), scopeDate, region, service, terminator };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
