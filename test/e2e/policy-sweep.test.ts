/**
 * Every call enforced (issue 4), swept over the whole registry: each IAM and STS action the server
 * implements is sent, signed with the key of a user who has no policy, with its required members
 * filled from the service model. Each must answer AccessDenied (except the few AWS lets anyone
 * call); an action that succeeds, or fails on its own terms (NoSuchEntity, EntityAlreadyExists,
 * ...), ran without authorization: a leak. Inputs the model-driven filler gets wrong come back as
 * validation errors and are reported, not counted.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as iamActions from '../../src/iam/actions/index.ts';
import { signRequest } from '../../src/protocol/index.ts';
import * as stsActions from '../../src/sts/actions/index.ts';
import { startSuite, stopSuite, type Suite } from './sdk-kit.ts';
import { AttachUserPolicyCommand, CreateRoleCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import {
  ADMIN,
  allow,
  createPolicy,
  deny,
  destroyCallers,
  doc,
  newCaller,
  putInline,
  type Caller,
} from './policy-kit.ts';

let suite: Suite | undefined;
let nobody: Caller;
before(async () => {
  suite = await startSuite();
  nobody = await newCaller(suite, 'sweep-nobody');
});
after(async () => {
  destroyCallers();
  await stopSuite(suite);
});

interface Shape {
  type: string;
  required?: string[];
  members?: Record<string, { shape: string }>;
  member?: { shape: string };
  enum?: string[];
  pattern?: string;
  min?: number;
  max?: number;
}
interface Model {
  operations: Record<string, { input?: { shape: string } }>;
  shapes: Record<string, Shape>;
}

const MODELS = join(import.meta.dirname, '..', '..', 'src', 'protocol', 'models');
const loadModel = (service: 'iam' | 'sts'): Model =>
  JSON.parse(readFileSync(join(MODELS, `${service}.json`), 'utf8')) as Model;

const DOCUMENT = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }],
});
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' },
  ],
});

/** Candidate values for a string shape, the first one its pattern and length accept wins. */
function stringValue(name: string, member: string, shape: Shape): string {
  const lower = `${name} ${member}`.toLowerCase();
  const candidates: string[] = [];
  if (lower.includes('assumerolepolicy') || lower.includes('trust')) candidates.push(TRUST);
  if (lower.includes('policydocument') || lower.includes('policy document')) candidates.push(DOCUMENT);
  if (lower.includes('serial')) candidates.push('arn:aws:iam::123456789012:mfa/sweep-device');
  if (lower.includes('accesskeyid')) candidates.push('AKIAIOSFODNN7EXAMPLE');
  if (lower.includes('role') && lower.includes('arn'))
    candidates.push('arn:aws:iam::123456789012:role/sweep-role');
  if (lower.includes('arn')) candidates.push('arn:aws:iam::123456789012:policy/sweep-policy');
  if (lower.includes('password')) candidates.push('Sweep-Password-123!');
  if (lower.includes('code')) candidates.push('123456');
  if (lower.includes('version')) candidates.push('v1');
  if (lower.includes('path')) candidates.push('/');
  if (lower.includes('url')) candidates.push('https://sweep.example.com');
  candidates.push('sweep-name', 'sweep', 'SweepName1', '123456789012', 'a'.repeat(20), 'a'.repeat(128));
  const pattern = shape.pattern === undefined ? undefined : new RegExp(`^(?:${shape.pattern})$`, 'u');
  const fits = (v: string) =>
    (shape.min === undefined || v.length >= shape.min) &&
    (shape.max === undefined || v.length <= shape.max) &&
    (pattern === undefined || pattern.test(v));
  return candidates.find(fits) ?? candidates[0] ?? 'sweep';
}

/** Required members of `shapeName`, as form fields under `prefix`. */
function fill(
  model: Model,
  shapeName: string,
  prefix: string,
  member: string,
  out: URLSearchParams,
  depth = 0,
): void {
  const shape = model.shapes[shapeName];
  if (shape === undefined || depth > 5) return;
  switch (shape.type) {
    case 'structure':
      for (const name of shape.required ?? []) {
        const m = shape.members?.[name];
        if (m !== undefined)
          fill(model, m.shape, prefix === '' ? name : `${prefix}.${name}`, name, out, depth + 1);
      }
      return;
    case 'list':
      if (shape.member !== undefined)
        fill(model, shape.member.shape, `${prefix}.member.1`, member, out, depth + 1);
      return;
    case 'string':
      out.set(prefix, shape.enum?.[0] ?? stringValue(shapeName, member, shape));
      return;
    case 'integer':
    case 'long':
      out.set(prefix, String(Math.max(shape.min ?? 1, 1)));
      return;
    case 'boolean':
      out.set(prefix, 'false');
      return;
    case 'blob':
      out.set(prefix, Buffer.from('sweep').toString('base64'));
      return;
    case 'timestamp':
      out.set(prefix, new Date().toISOString());
      return;
  }
}

function post(service: 'iam' | 'sts', body: string, c: Caller): Promise<{ status: number; body: string }> {
  assert.ok(suite !== undefined);
  const url = new URL(suite.warden.endpoint);
  const headers = signRequest({
    method: 'POST',
    headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body,
    region: 'us-east-1',
    service,
    credentials: c.credentials,
    now: new Date(),
  });
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Actions AWS lets any signed-in IAM user call without a policy. */
const FREE = new Set(['sts:GetCallerIdentity', 'sts:GetSessionToken']);
/** Errors that mean the input never got as far as authorization. */
const INPUT_ERRORS = new Set([
  'ValidationError',
  'InvalidInput',
  'MalformedPolicyDocument',
  'InvalidParameterValue',
]);

const names = (actions: Record<string, unknown>): string[] =>
  Object.values(actions)
    .map((a) => (a as { name?: unknown }).name)
    .filter((n): n is string => typeof n === 'string');

/**
 * Sends every implemented action as `c`; returns the leaks (ran without permission), the denials
 * whose message lacks `reason`, the count of denials and the inputs the filler got wrong.
 */
async function sweep(
  c: Caller,
  reason: RegExp,
  free: ReadonlySet<string>,
  reasons: Readonly<Record<string, RegExp>> = {},
): Promise<{ leaks: string[]; wrongReason: string[]; denied: number; inconclusive: string[] }> {
  const leaks: string[] = [];
  const wrongReason: string[] = [];
  const inconclusive: string[] = [];
  let denied = 0;
  for (const [service, actions] of [
    ['iam', names(iamActions)],
    ['sts', names(stsActions)],
  ] as const) {
    const model = loadModel(service);
    const version = service === 'iam' ? '2010-05-08' : '2011-06-15';
    for (const action of actions) {
      const form = new URLSearchParams({ Action: action, Version: version });
      const input = model.operations[action]?.input?.shape;
      if (input !== undefined) fill(model, input, '', '', form);
      const reply = await post(service, form.toString(), c);
      const code = /<Code>([^<]*)<\/Code>/.exec(reply.body)?.[1];
      const message = /<Message>([^<]*)<\/Message>/.exec(reply.body)?.[1] ?? '';
      const permission = `${service}:${action}`;
      if (free.has(permission)) {
        assert.equal(reply.status, 200, `${permission} needs no permission: ${reply.body}`);
      } else if (code === 'AccessDenied') {
        denied++;
        // AssumeRole is decided by the role's trust policy, which names nobody here.
        const expected = reasons[permission] ?? reason;
        if (permission !== 'sts:AssumeRole' && !expected.test(message))
          wrongReason.push(`${permission}: ${message}`);
      } else if (code !== undefined && INPUT_ERRORS.has(code)) {
        inconclusive.push(`${permission} (${code})`);
      } else {
        leaks.push(`${permission} -> ${reply.status} ${code ?? 'success'}`);
      }
    }
  }
  return { leaks, wrongReason, denied, inconclusive };
}

function assertSwept(result: Awaited<ReturnType<typeof sweep>>): void {
  assert.deepEqual(result.leaks, [], 'actions that ran without a permission');
  assert.deepEqual(result.wrongReason, [], 'denials that give the wrong reason');
  const total = result.denied + result.inconclusive.length;
  assert.ok(result.denied >= 100, `${result.denied} actions answered AccessDenied`);
  assert.ok(
    result.inconclusive.length <= total * 0.15,
    `too many inputs the filler got wrong (${result.inconclusive.length}/${total}): ${result.inconclusive.join(', ')}`,
  );
}

test('every implemented IAM and STS action refuses a user without policies (AccessDenied, nothing done)', async () => {
  assertSwept(await sweep(nobody, /because no identity-based policy allows the /, FREE));
});

test('every action refuses a user whose Allow * is met by a Deny *', async () => {
  assert.ok(suite !== undefined);
  const c = await newCaller(suite, 'sweep-denied');
  await putInline(suite.iam, c.name, 'p', doc(allow('*'), deny('*')));
  // GetSessionToken is authentication: "You cannot use policies to control authentication
  // operations" (IAM User Guide, Permissions for GetSessionToken), so even Deny * leaves it open.
  assertSwept(await sweep(c, / with an explicit deny in an identity-based policy$/, FREE));
});

test('every action refuses an AdministratorAccess user whose boundary allows nothing', async () => {
  assert.ok(suite !== undefined);
  const boundary = await createPolicy(suite.iam, 'SweepBoundary', doc(allow('sts:GetCallerIdentity')));
  const c = await newCaller(suite, 'sweep-bounded', { boundary });
  await suite.iam.send(new AttachUserPolicyCommand({ UserName: c.name, PolicyArn: ADMIN }));
  assertSwept(await sweep(c, /because no permissions boundary allows the /, FREE));
});

test('every action refuses a session of a role without policies', async () => {
  assert.ok(suite !== undefined);
  const assumer = await newCaller(suite, 'sweep-assumer');
  const created = await suite.iam.send(
    new CreateRoleCommand({
      RoleName: 'SweepRole',
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: assumer.arn }, Action: 'sts:AssumeRole' }],
      }),
    }),
  );
  const out = await assumer.sts.send(
    new AssumeRoleCommand({ RoleArn: created.Role?.Arn ?? '', RoleSessionName: 'sweep' }),
  );
  const session: Caller = {
    ...assumer,
    arn: out.AssumedRoleUser?.Arn ?? '',
    credentials: {
      accessKeyId: out.Credentials?.AccessKeyId ?? '',
      secretAccessKey: out.Credentials?.SecretAccessKey ?? '',
      sessionToken: out.Credentials?.SessionToken ?? '',
    },
  };
  // Role sessions may not call these two at all (sts-api.md B.4, AWS's verified wording).
  assertSwept(
    await sweep(
      session,
      /^User: arn:aws:sts::123456789012:assumed-role\/SweepRole\/sweep is not authorized to perform: \S+ on resource: \S+ because no identity-based policy allows the /,
      new Set(['sts:GetCallerIdentity']),
      {
        'sts:GetSessionToken': /^Cannot call GetSessionToken with session credentials$/,
        // Which of the two refusals comes first when the session also lacks the permission is
        // not documented: either is AccessDenied.
        'sts:GetFederationToken':
          /^(Cannot call GetFederationToken with session credentials|.* because no identity-based policy allows the sts:GetFederationToken action.*)$/,
      },
    ),
  );
});
