/**
 * The body of `POST /v1/authorize` (JSON, AWS-style PascalCase members), checked and turned into
 * the domain's shape. Every violation is listed in one ValidationError, as AWS lists them.
 */
import { isIP } from 'node:net';
import { WardenError } from '../../core/index.ts';
import type { ContextValue } from '../../policy/index.ts';

/** The client's request as the calling service received it. */
export interface ForwardedRequest {
  readonly method: string;
  readonly path: string;
  readonly rawQuery: string;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string | string[]>>;
  /** Hex SHA-256 of the body the service read, `UNSIGNED-PAYLOAD`, or a streaming marker. */
  readonly payloadHash: string;
  readonly sourceIp?: string;
  readonly secureTransport: boolean;
}

export interface AuthorizeInput {
  readonly request: ForwardedRequest;
  /** `service:Action`. */
  readonly action: string;
  readonly resource: string;
  readonly context: Readonly<Record<string, ContextValue>>;
  readonly resourcePolicy?: string;
}

const ACTION = /^[a-z0-9-]+:[A-Za-z0-9]+$/;
const PAYLOAD_HASH = /^(?:[0-9a-fA-F]{64}|UNSIGNED-PAYLOAD|STREAMING-[A-Z0-9-]+)$/;
const MAX_CONTEXT_KEYS = 100;

/**
 * Keys Warden derives itself, from the verified principal and the request: a calling service may
 * not set them (it could otherwise claim another principal's tags, an MFA sign-in, another IP...).
 */
const RESERVED_KEYS = [
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principaltype',
  'aws:principalisawsservice',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:userid',
  'aws:username',
  'aws:multifactorauthpresent',
  'aws:multifactorauthage',
  'aws:tokenissuetime',
  'aws:sourceidentity',
  'aws:currenttime',
  'aws:epochtime',
  'aws:sourceip',
  'aws:securetransport',
  'aws:useragent',
  'aws:requestedregion',
  'aws:viaawsservice',
  'aws:calledvia',
];
const RESERVED_PREFIXES = ['aws:principaltag/'];

export const isReservedKey = (key: string): boolean => {
  const lower = key.toLowerCase();
  return RESERVED_KEYS.includes(lower) || RESERVED_PREFIXES.some((p) => lower.startsWith(p));
};

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseAuthorizeInput(body: unknown): AuthorizeInput {
  const problems: string[] = [];
  const json = isObject(body) ? body : (problems.push('The body must be a JSON object.'), {});
  const request = forwardedRequest(json.Request, problems);
  const action = text(json, 'Action', problems, (v) => ACTION.test(v), "like 's3:PutObject'");
  const resource = text(json, 'Resource', problems, (v) => v === '*' || v.startsWith('arn:'), 'an ARN or *');
  const context = contextOf(json.Context, problems);
  const policy = json.ResourcePolicy;
  if (policy !== undefined && typeof policy !== 'string') problems.push('ResourcePolicy must be a string.');
  if (problems.length > 0 || request === undefined) {
    const list = problems.join(' ');
    throw new WardenError('ValidationError', `${problems.length} validation error(s) detected: ${list}`);
  }
  return {
    request,
    action,
    resource,
    context,
    ...(typeof policy === 'string' ? { resourcePolicy: policy } : {}),
  };
}

function text(
  json: Json,
  name: string,
  problems: string[],
  valid: (value: string) => boolean,
  expected: string,
  label = name,
): string {
  const value = json[name];
  if (typeof value === 'string' && valid(value)) return value;
  problems.push(`${label} must be ${expected}.`);
  return '';
}

function forwardedRequest(value: unknown, problems: string[]): ForwardedRequest | undefined {
  if (!isObject(value)) {
    problems.push('Request must be an object (Method, Path, Query, Headers, PayloadHash).');
    return undefined;
  }
  const method = text(
    value,
    'Method',
    problems,
    (v) => /^[A-Z]+$/.test(v),
    'an HTTP method',
    'Request.Method',
  );
  const path = text(
    value,
    'Path',
    problems,
    (v) => v.startsWith('/'),
    "a path starting with '/'",
    'Request.Path',
  );
  const query = value.Query ?? '';
  if (typeof query !== 'string') problems.push('Request.Query must be a string (the raw query).');
  const payloadHash = text(
    value,
    'PayloadHash',
    problems,
    (v) => PAYLOAD_HASH.test(v),
    'a hex SHA-256 or UNSIGNED-PAYLOAD',
    'Request.PayloadHash',
  );
  const sourceIp = value.SourceIp;
  if (sourceIp !== undefined && (typeof sourceIp !== 'string' || isIP(sourceIp) === 0)) {
    problems.push('Request.SourceIp must be an IP address.');
  }
  const secure = value.SecureTransport ?? false;
  if (typeof secure !== 'boolean') problems.push('Request.SecureTransport must be a boolean.');
  return {
    method,
    path,
    rawQuery: typeof query === 'string' ? query : '',
    headers: headersOf(value.Headers, problems),
    payloadHash:
      PAYLOAD_HASH.test(payloadHash) && payloadHash.length === 64 ? payloadHash.toLowerCase() : payloadHash,
    ...(typeof sourceIp === 'string' && isIP(sourceIp) !== 0 ? { sourceIp } : {}),
    secureTransport: secure === true,
  };
}

function headersOf(value: unknown, problems: string[]): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  if (!isObject(value)) {
    problems.push('Request.Headers must be an object of header names to values.');
    return headers;
  }
  for (const [name, v] of Object.entries(value)) {
    if (typeof v === 'string') headers[name.toLowerCase()] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) headers[name.toLowerCase()] = v;
    else problems.push(`Request.Headers.${name} must be a string or a list of strings.`);
  }
  return headers;
}

function contextOf(value: unknown, problems: string[]): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {};
  if (value === undefined) return context;
  if (!isObject(value)) {
    problems.push('Context must be an object of condition keys to a value or a list of values.');
    return context;
  }
  const entries = Object.entries(value);
  if (entries.length > MAX_CONTEXT_KEYS) problems.push(`Context takes at most ${MAX_CONTEXT_KEYS} keys.`);
  for (const [key, v] of entries) {
    if (isReservedKey(key)) problems.push(`Context key ${key} is set by Warden from the request itself.`);
    else if (!/^[A-Za-z0-9-]+:\S+$/.test(key)) problems.push(`Context key ${key} is not a condition key.`);
    else if (typeof v === 'string') context[key] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) context[key] = v;
    else problems.push(`Context key ${key} must be a string or a list of strings.`);
  }
  return context;
}
