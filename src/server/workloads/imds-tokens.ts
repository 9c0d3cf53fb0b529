import type { Ids } from '../../core/index.ts';

/** IMDSv2 session tokens: a TTL of 1 to 21600 seconds (EC2's bounds). */
export const MAX_TOKEN_TTL_SECONDS = 21_600;
/** Live tokens kept per listener; the oldest go first beyond this (a client asks for one per session). */
const MAX_TOKENS = 10_000;

/**
 * The tokens one IMDS listener handed out (`PUT /latest/api/token`), in memory as IMDS keeps them:
 * they are worthless elsewhere and die with the listener. Random and unguessable: a request
 * that merely reaches the port (a forwarded one, say) cannot read credentials without one.
 */
export class ImdsTokens {
  private readonly expiries = new Map<string, number>();

  constructor(private readonly ids: Ids) {}

  issue(ttlSeconds: number, now: Date): string {
    this.purge(now);
    while (this.expiries.size >= MAX_TOKENS) {
      const oldest = this.expiries.keys().next().value;
      if (oldest === undefined) break;
      this.expiries.delete(oldest);
    }
    const token = Buffer.from(this.ids.bytes(32)).toString('base64url');
    this.expiries.set(token, now.getTime() + ttlSeconds * 1000);
    return token;
  }

  valid(token: string | undefined, now: Date): boolean {
    if (token === undefined) return false;
    const expiry = this.expiries.get(token);
    return expiry !== undefined && expiry > now.getTime();
  }

  private purge(now: Date): void {
    for (const [token, expiry] of this.expiries) if (expiry <= now.getTime()) this.expiries.delete(token);
  }
}

/** The TTL header's value when it is an integer within 1..21600; undefined otherwise. */
export function parseTokenTtl(header: string | string[] | undefined): number | undefined {
  if (typeof header !== 'string' || !/^\d{1,5}$/.test(header.trim())) return undefined;
  const ttl = Number(header.trim());
  return ttl >= 1 && ttl <= MAX_TOKEN_TTL_SECONDS ? ttl : undefined;
}
