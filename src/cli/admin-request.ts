import { signRequest, type SigningCredentials } from '../protocol/index.ts';

export interface AdminTarget {
  /** Warden's URL, e.g. http://127.0.0.1:8642. */
  readonly endpoint: string;
  readonly credentials: SigningCredentials;
  readonly region?: string;
  readonly now?: () => Date;
  readonly fetch?: typeof fetch;
}

export interface AdminResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly body: Record<string, unknown>;
  readonly requestId: string;
}

/**
 * One call of Warden's admin API (JSON under /admin/v1/), SigV4-signed for the `warden` service as
 * any client with AWS credentials signs it. `pathAndQuery` may carry a query string.
 */
export async function adminRequest(
  target: AdminTarget,
  method: string,
  pathAndQuery: string,
  body?: unknown,
): Promise<AdminResponse> {
  const url = new URL(pathAndQuery, target.endpoint);
  const text = body === undefined ? '' : JSON.stringify(body);
  const headers = signRequest({
    method,
    path: url.pathname,
    rawQuery: url.search.slice(1),
    headers: { host: url.host, ...(text === '' ? {} : { 'content-type': 'application/json' }) },
    body: text,
    region: target.region ?? 'us-east-1',
    service: 'warden',
    credentials: target.credentials,
    now: target.now?.() ?? new Date(),
    contentSha256: true,
  });
  const response = await (target.fetch ?? fetch)(url, {
    method,
    headers,
    ...(text === '' ? {} : { body: text }),
  });
  return {
    status: response.status,
    ok: response.ok,
    body: (await response.json()) as Record<string, unknown>,
    requestId: response.headers.get('x-amzn-requestid') ?? '',
  };
}
