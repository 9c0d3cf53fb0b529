import { adminRequest as signedAdminRequest, type AdminResponse } from '../../src/cli/admin-request.ts';

export interface AdminCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** Calls Warden's admin API as `warden workload` does (SigV4 for `warden`, region us-east-1). */
export function adminRequest(
  endpoint: string,
  credentials: AdminCredentials,
  method: string,
  path: string,
  body?: unknown,
): Promise<AdminResponse> {
  return signedAdminRequest({ endpoint, credentials }, method, path, body);
}
