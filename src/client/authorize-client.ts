/**
 * A client for Warden's authorization API (`POST /v1/authorize`): a service that received a
 * SigV4-signed request forwards what is needed to verify it, with the IAM action and resource it
 * maps the request to, and learns whether the caller may do it. Standalone: it imports nothing of
 * Warden's server, only the SigV4 signer and fetch, so a service can copy or vendor it.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

/** The client's request as the service received it. */
export interface ForwardedRequest {
  readonly method: string;
  /** The path exactly as received, without the query. */
  readonly path: string;
  /** The query string exactly as received, without `?` (may hold a presigned signature). */
  readonly query: string;
  /** The signed headers and the signature's own (lower-case names; others are dropped). */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** Hex SHA-256 of the body the service read, or `UNSIGNED-PAYLOAD`. */
  readonly payloadHash: string;
  /** The client's address as the service saw it (aws:SourceIp); absent: the key is absent. */
  readonly sourceIp?: string;
  /** Whether the client connected over TLS (aws:SecureTransport). */
  readonly secureTransport?: boolean;
}

export type ContextValues = Readonly<Record<string, string | readonly string[]>>;

export interface AuthorizeInput {
  readonly request: ForwardedRequest;
  /** `service:Action`, e.g. `s3:PutObject`. */
  readonly action: string;
  /** The resource ARN, e.g. `arn:aws:s3:::logs/app/today.log`. */
  readonly resource: string;
  /** Service-specific condition keys (`s3:prefix`, `aws:ResourceTag/team`, ...). */
  readonly context?: ContextValues;
  /** The resource's own policy (JSON text), evaluated with the caller's. */
  readonly resourcePolicy?: string;
}

export interface AuthorizedPrincipal {
  readonly arn: string;
  readonly accountId: string;
  readonly userId: string;
  /** aws:PrincipalType: `Account` (root), `User`, `AssumedRole` or `FederatedUser`. */
  readonly type: string;
}

export interface MatchedStatement {
  readonly sourcePolicyId: string;
  readonly sourcePolicyType: string;
  readonly sid?: string;
}

export interface AuthorizeResult {
  readonly decision: 'Allow' | 'Deny';
  /** Absent when the forwarded request could not be authenticated. */
  readonly principal?: AuthorizedPrincipal;
  readonly reason: {
    readonly effect: string;
    readonly decidedBy: string;
    readonly message: string;
    readonly matchedStatements: readonly MatchedStatement[];
  };
  /** Why the forwarded request was not authenticated (`SignatureDoesNotMatch`, `ExpiredToken`...). */
  readonly error?: { readonly code: string; readonly message: string };
  /** On a policy Deny: decodable with sts:DecodeAuthorizationMessage. */
  readonly encodedMessage?: string;
  readonly requestId: string;
}

/** Warden refused the service's own call (its signature, its permission, a malformed body). */
export class WardenAuthorizeError extends Error {
  override readonly name = 'WardenAuthorizeError';
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly requestId: string | undefined,
  ) {
    super(`${code}: ${message}`);
  }
}

export interface WardenAuthorizerOptions {
  /** Warden's base URL, e.g. `http://127.0.0.1:4566`. */
  readonly endpoint: string;
  /** The service's own IAM credentials (it needs warden:AuthorizeRequest). */
  readonly credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  readonly region?: string;
  /** Defaults to the global fetch. */
  readonly fetch?: typeof fetch;
  /** The signing clock (default: the signer's, this machine's); for a clock known to be off. */
  readonly now?: () => Date;
}

export const AUTHORIZE_PATH = '/v1/authorize';

export class WardenAuthorizer {
  private readonly url: URL;
  private readonly signer: SignatureV4;
  private readonly fetch: typeof fetch;
  private readonly now: (() => Date) | undefined;

  constructor(options: WardenAuthorizerOptions) {
    this.url = new URL(AUTHORIZE_PATH, options.endpoint);
    this.signer = new SignatureV4({
      credentials: options.credentials,
      region: options.region ?? 'us-east-1',
      service: 'warden',
      sha256: Sha256,
    });
    this.fetch = options.fetch ?? fetch;
    this.now = options.now;
  }

  /** Asks Warden; a Deny is an answer, not an error. Throws WardenAuthorizeError when Warden refuses the call. */
  async authorize(input: AuthorizeInput): Promise<AuthorizeResult> {
    const body = JSON.stringify(wireInput(input));
    const signed = await this.signer.sign(
      {
        method: 'POST',
        protocol: this.url.protocol,
        hostname: this.url.hostname,
        ...(this.url.port === '' ? {} : { port: Number(this.url.port) }),
        path: this.url.pathname,
        query: {},
        headers: { host: this.url.host, 'content-type': 'application/json' },
        body,
      },
      this.now === undefined ? {} : { signingDate: this.now() },
    );
    // fetch sets Host itself (to the same value that was signed).
    const { host: _host, ...headers } = signed.headers;
    const response = await this.fetch(this.url, { method: 'POST', headers, body });
    const answer = await readAnswer(response);
    const decision = answer.Decision;
    if (!response.ok || decision === undefined) {
      throw new WardenAuthorizeError(
        answer.Error?.Code ?? 'InternalFailure',
        answer.Error?.Message ?? `Warden answered ${response.status}`,
        response.status,
        answer.RequestId,
      );
    }
    return resultOf(answer, decision);
  }
}

/** Only what verifying the signature needs: the signed headers, the signature and the token. */
export function forwardedHeaders(
  headers: ForwardedRequest['headers'],
  query = '',
): Record<string, string | readonly string[]> {
  const names = new Set([...signedHeaderNames(headers, query), ...SIGNATURE_HEADERS]);
  const out: Record<string, string | readonly string[]> = {};
  for (const name of names) {
    const value = headers[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

const SIGNATURE_HEADERS = [
  'authorization',
  'x-amz-date',
  'date',
  'x-amz-security-token',
  'x-amz-content-sha256',
  'user-agent',
];

function signedHeaderNames(headers: ForwardedRequest['headers'], query: string): string[] {
  const auth = headers.authorization;
  const text = typeof auth === 'string' ? auth : '';
  const fromHeader = /SignedHeaders=([^,\s]+)/.exec(text)?.[1];
  const list = fromHeader ?? new URLSearchParams(query).get('X-Amz-SignedHeaders') ?? '';
  return list
    .split(';')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
}

function wireInput(input: AuthorizeInput): Record<string, unknown> {
  const { request } = input;
  return {
    Request: {
      Method: request.method,
      Path: request.path,
      Query: request.query,
      Headers: forwardedHeaders(request.headers, request.query),
      PayloadHash: request.payloadHash,
      ...(request.sourceIp === undefined ? {} : { SourceIp: request.sourceIp }),
      ...(request.secureTransport === undefined ? {} : { SecureTransport: request.secureTransport }),
    },
    Action: input.action,
    Resource: input.resource,
    ...(input.context === undefined ? {} : { Context: input.context }),
    ...(input.resourcePolicy === undefined ? {} : { ResourcePolicy: input.resourcePolicy }),
  };
}

interface WireAnswer {
  readonly Decision?: 'Allow' | 'Deny';
  readonly Principal?: { Arn: string; AccountId: string; UserId: string; Type: string };
  readonly Reason?: {
    Effect: string;
    DecidedBy: string;
    Message: string;
    MatchedStatements?: { SourcePolicyId: string; SourcePolicyType: string; Sid?: string }[];
  };
  readonly Error?: { Code: string; Message: string };
  readonly EncodedMessage?: string;
  readonly RequestId?: string;
}

async function readAnswer(response: Response): Promise<WireAnswer> {
  const text = await response.text();
  try {
    return JSON.parse(text) as WireAnswer;
  } catch {
    return {
      Error: {
        Code: 'InternalFailure',
        Message: `Warden answered ${response.status}: ${text.slice(0, 200)}`,
      },
    };
  }
}

function resultOf(answer: WireAnswer, decision: 'Allow' | 'Deny'): AuthorizeResult {
  const { Principal: p, Reason: r, Error: e } = answer;
  return {
    decision,
    ...(p === undefined
      ? {}
      : { principal: { arn: p.Arn, accountId: p.AccountId, userId: p.UserId, type: p.Type } }),
    reason: {
      effect: r?.Effect ?? 'ImplicitDeny',
      decidedBy: r?.DecidedBy ?? 'none',
      message: r?.Message ?? '',
      matchedStatements: (r?.MatchedStatements ?? []).map((m) => ({
        sourcePolicyId: m.SourcePolicyId,
        sourcePolicyType: m.SourcePolicyType,
        ...(m.Sid === undefined ? {} : { sid: m.Sid }),
      })),
    },
    ...(e === undefined ? {} : { error: { code: e.Code, message: e.Message } }),
    ...(answer.EncodedMessage === undefined ? {} : { encodedMessage: answer.EncodedMessage }),
    requestId: answer.RequestId ?? '',
  };
}
