import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../iam/action.ts';
import { credentialsDocument } from '../../sts/workloads/imds-documents.ts';
import { WORKLOAD_ID, workloadTokenMatches } from '../../sts/workloads/workload-secrets.ts';
import { roleArnOf } from '../../sts/workloads/binding.ts';
import { CONTAINER_CREDENTIALS_PATH, type WorkloadHost } from './runtime.ts';

type Reply = { readonly status: number; readonly body: Record<string, string> };

const refused = (status: number, code: string, message: string): Reply => ({
  status,
  body: { Code: code, Message: message },
});

/**
 * The container credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI): `GET
 * /v1/workload-credentials/i-...` with the workload's bearer token as the Authorization header
 * (AWS_CONTAINER_AUTHORIZATION_TOKEN), compared by hash in constant time. Answers the same
 * credentials JSON as IMDS (what SDKs read: AccessKeyId, SecretAccessKey, Token, Expiration), with
 * RoleArn as ECS adds it. An unknown workload and a wrong token get the same answer.
 */
export async function handleContainerCredentials(
  req: IncomingMessage,
  res: ServerResponse,
  host: WorkloadHost,
  log: Logger,
): Promise<void> {
  const workloadId = (req.url ?? '').split('?')[0]?.slice(CONTAINER_CREDENTIALS_PATH.length) ?? '';
  const draft = host.recordFetch(req, res, 'container', workloadId);
  let reply: Reply;
  try {
    reply = await answer(req, host);
    if (reply.status === 200 && reply.body.RoleArn !== undefined) draft?.addResource(reply.body.RoleArn);
  } catch (error) {
    log.error('container credentials request failed', { error: String(error) });
    reply = refused(500, 'InternalFailure', 'The credentials could not be issued.');
  }
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function answer(req: IncomingMessage, host: WorkloadHost): Promise<Reply> {
  if (req.method !== 'GET') return refused(405, 'MethodNotAllowed', 'Use GET.');
  const workloadId = (req.url ?? '').split('?')[0]?.slice(CONTAINER_CREDENTIALS_PATH.length) ?? '';
  const token = req.headers.authorization;
  if (token === undefined || token === '') {
    return refused(
      401,
      'MissingAuthenticationToken',
      'The Authorization header must carry the workload token.',
    );
  }
  const denied = refused(403, 'AccessDenied', 'The authorization token is not valid for this workload.');
  const accountId = WORKLOAD_ID.test(workloadId) ? host.accountOf(workloadId) : undefined;
  const store = accountId === undefined ? undefined : await host.storeOf(accountId);
  const workload = store && (await store.transaction((tx) => tx.workloads.get(workloadId)));
  if (accountId === undefined || workload === undefined || !workloadTokenMatches(token, workload.tokenHash)) {
    return denied;
  }
  const state = await host.state(accountId, workloadId);
  switch (state.kind) {
    case 'ready':
      return {
        status: 200,
        body: {
          ...credentialsDocument(state.session),
          RoleArn: roleArnOf(host.account(accountId), state.role),
        },
      };
    case 'unauthorized':
      return refused(
        403,
        'AssumeRoleUnauthorizedAccess',
        `The trust policy of role ${state.role.roleName} no longer allows ec2.amazonaws.com to assume it.`,
      );
    case 'no-instance-profile':
      return refused(
        404,
        'InstanceProfileNotFound',
        `Instance Profile ${state.workload.binding.name} cannot be found.`,
      );
    case 'no-role':
      return refused(404, 'NoSuchEntity', `The workload's ${state.workload.binding.kind} has no role.`);
    case 'unknown':
      return denied;
  }
}
