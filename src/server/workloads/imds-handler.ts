import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../core/index.ts';
import type { Account, Logger } from '../../iam/action.ts';
import type { WorkloadState } from '../../sts/workloads/credentials.ts';
import {
  credentialsDocument,
  iamInfoDocument,
  identityDocument,
  unauthorizedDocument,
} from '../../sts/workloads/imds-documents.ts';
import type { WorkloadRecord } from '../../store/port.ts';
import { parseTokenTtl, type ImdsTokens } from './imds-tokens.ts';
import { roleArnOf } from '../../sts/workloads/binding.ts';

/** What one workload's IMDS listener answers from. */
export interface ImdsSource {
  readonly workloadId: string;
  readonly account: Account;
  readonly region: string;
  /** The address the listener is on (the identity document's privateIp). */
  readonly host: string;
  readonly tokens: ImdsTokens;
  readonly clock: Clock;
  readonly log: Logger;
  /** The workload's state now (credentials minted or rotated as needed). */
  state(): Promise<WorkloadState>;
  /** Told the ARN of the role whose credentials are asked for (the fetch's event resource). */
  onRole?(roleArn: string): void;
}

const TOKEN_PATH = '/latest/api/token';
export const IMDS_CREDENTIALS_PREFIX = '/latest/meta-data/iam/security-credentials/';

type Answer = { status: number; body: string; json?: boolean; headers?: Record<string, string> };

/** IMDS answers errors with a small HTML page, not JSON. */
const page = (status: number, title: string): Answer => ({
  status,
  body:
    '<?xml version="1.0" encoding="iso-8859-1"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"\n' +
    '\t"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml" ' +
    `xml:lang="en" lang="en">\n <head>\n  <title>${status} - ${title}</title>\n </head>\n <body>\n  ` +
    `<h1>${status} - ${title}</h1>\n </body>\n</html>\n`,
});
const notFound = (): Answer => page(404, 'Not Found');
const text = (body: string): Answer => ({ status: 200, body });
const json = (value: unknown): Answer => ({ status: 200, body: JSON.stringify(value, null, 2), json: true });

/**
 * One workload's IMDSv2-compatible endpoint: `PUT /latest/api/token` first (TTL header
 * required), then GETs carrying the token. IMDSv1 (no token) is refused with 401, as on an
 * instance whose metadata options require tokens; a token request forwarded by a proxy
 * (X-Forwarded-For) is refused as IMDS refuses it.
 */
export async function handleImdsRequest(
  req: IncomingMessage,
  res: ServerResponse,
  src: ImdsSource,
): Promise<void> {
  let answer: Answer;
  try {
    answer = await route(req, src);
  } catch (error) {
    src.log.error('IMDS request failed', { workloadId: src.workloadId, error: String(error) });
    answer = page(500, 'Internal Server Error');
  }
  const type = answer.json === true ? 'application/json' : answer.status === 200 ? 'text/plain' : 'text/html';
  res.writeHead(answer.status, {
    'content-type': type,
    'content-length': Buffer.byteLength(answer.body),
    server: 'EC2ws',
    ...answer.headers,
  });
  res.end(answer.body);
}

async function route(req: IncomingMessage, src: ImdsSource): Promise<Answer> {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const now = src.clock.now();
  if (path === TOKEN_PATH) {
    if (req.method !== 'PUT') return page(405, 'Method Not Allowed');
    if (req.headers['x-forwarded-for'] !== undefined) return page(403, 'Forbidden');
    const ttl = parseTokenTtl(req.headers['x-aws-ec2-metadata-token-ttl-seconds']);
    if (ttl === undefined) return page(400, 'Bad Request');
    return {
      status: 200,
      body: src.tokens.issue(ttl, now),
      headers: { 'x-aws-ec2-metadata-token-ttl-seconds': String(ttl) },
    };
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return page(405, 'Method Not Allowed');
  const token = req.headers['x-aws-ec2-metadata-token'];
  if (!src.tokens.valid(typeof token === 'string' ? token : undefined, now)) return page(401, 'Unauthorized');
  return metadata(path, src, now);
}

async function metadata(path: string, src: ImdsSource, now: Date): Promise<Answer> {
  switch (path) {
    case '/latest/meta-data/':
      return text('iam/\ninstance-id\nplacement/');
    case '/latest/meta-data/iam/':
      return text('info\nsecurity-credentials/');
    case '/latest/meta-data/placement/':
      return text('availability-zone\nregion');
    case '/latest/meta-data/instance-id':
      return text(src.workloadId);
    case '/latest/meta-data/placement/region':
      return text(src.region);
    case '/latest/meta-data/placement/availability-zone':
      return text(`${src.region}a`);
    case '/latest/meta-data/iam/info': {
      const info = iamInfoDocument(src.account, await src.state(), now);
      return info === undefined ? notFound() : json(info);
    }
    case IMDS_CREDENTIALS_PREFIX: {
      const state = await src.state();
      return state.kind === 'ready' || state.kind === 'unauthorized' ? text(state.role.roleName) : notFound();
    }
    case '/latest/dynamic/instance-identity/document': {
      const state = await src.state();
      if (state.kind === 'unknown') return notFound();
      return json(
        identityDocument(src.account, workloadOf(state), { region: src.region, privateIp: src.host }),
      );
    }
    default:
      return path.startsWith(IMDS_CREDENTIALS_PREFIX)
        ? credentials(path.slice(IMDS_CREDENTIALS_PREFIX.length), src, now)
        : notFound();
  }
}

/** `security-credentials/ROLE`: the role's name exactly (IMDS paths are case-sensitive). */
async function credentials(roleName: string, src: ImdsSource, now: Date): Promise<Answer> {
  const state = await src.state();
  if ((state.kind === 'ready' || state.kind === 'unauthorized') && state.role.roleName === roleName) {
    src.onRole?.(roleArnOf(src.account, state.role));
  }
  if (state.kind === 'ready' && state.role.roleName === roleName)
    return json(credentialsDocument(state.session));
  if (state.kind === 'unauthorized' && state.role.roleName === roleName) {
    return json(unauthorizedDocument(roleName, now));
  }
  return notFound();
}

const workloadOf = (state: Exclude<WorkloadState, { kind: 'unknown' }>): WorkloadRecord => state.workload;
