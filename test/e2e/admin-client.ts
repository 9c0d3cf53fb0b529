import { signRequest } from '../../src/protocol/index.ts';

export interface AdminCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface AdminResponse {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly requestId: string;
}

/**
 * Calls Warden's admin API (JSON under /admin/v1/) signed with SigV4 for the `warden` service, as
 * any client with AWS credentials would. `path` may carry a query string.
 */
export async function adminRequest(
  endpoint: string,
  credentials: AdminCredentials,
  method: string,
  path: string,
  body?: unknown,
): Promise<AdminResponse> {
  const url = new URL(path, endpoint);
  const text = body === undefined ? '' : JSON.stringify(body);
  const headers = signRequest({
    method,
    path: url.pathname,
    rawQuery: url.search.slice(1),
    headers: { host: url.host, ...(text === '' ? {} : { 'content-type': 'application/json' }) },
    body: text,
    region: 'us-east-1',
    service: 'warden',
    credentials,
    now: new Date(),
    contentSha256: true,
  });
  const response = await fetch(url, { method, headers, ...(text === '' ? {} : { body: text }) });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    requestId: response.headers.get('x-amzn-requestid') ?? '',
  };
}
