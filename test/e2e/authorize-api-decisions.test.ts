/**
 * POST /v1/authorize end to end (a real `warden serve`, the repo's client): allowed and denied
 * principals with the deciding statements, the encoded message on a Deny decoded by
 * sts:DecodeAuthorizationMessage, a resource policy, the service's context keys and aws:SourceIp.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CreatePolicyCommand, PutUserPermissionsBoundaryCommand, TagUserCommand } from '@aws-sdk/client-iam';
import { DecodeAuthorizationMessageCommand } from '@aws-sdk/client-sts';
import { WardenAuthorizer } from '../../src/client/index.ts';
import {
  ACCOUNT_ID,
  iamClient,
  startWarden,
  stsClient,
  type Credentials,
  type RunningWarden,
} from './harness.ts';
import {
  attachManaged,
  objectArn,
  policy,
  SERVICE_POLICY,
  presignedPut,
  signedPut,
  userWithKey,
  WRITER_POLICY,
} from './authorize-api-kit.ts';

let warden: RunningWarden;
let authorizer: WardenAuthorizer;
let writer: Credentials;
let reader: Credentials;
let tagged: Credentials;
let teamWriter: Credentials;
let bounded: Credentials;

before(async () => {
  warden = await startWarden();
  const iam = iamClient(warden.endpoint);
  const service = await userWithKey(iam, 'log-service', SERVICE_POLICY);
  writer = await userWithKey(iam, 'writer', WRITER_POLICY);
  reader = await userWithKey(iam, 'reader');
  await attachManaged(
    iam,
    'reader',
    'ReadLogs',
    policy({ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::logs/*' }),
  );
  tagged = await userWithKey(
    iam,
    'office-writer',
    policy({
      Sid: 'FromTheOfficeOnly',
      Effect: 'Allow',
      Action: 's3:PutObject',
      Resource: 'arn:aws:s3:::logs/*',
      Condition: {
        IpAddress: { 'aws:SourceIp': '198.51.100.0/24' },
        StringEquals: { 's3:x-amz-acl': 'private' },
      },
    }),
  );
  teamWriter = await userWithKey(
    iam,
    'team-writer',
    policy({
      Sid: 'OwnTeamPrefix',
      Effect: 'Allow',
      Action: 's3:PutObject',
      Resource: 'arn:aws:s3:::logs/${aws:PrincipalTag/team}/*',
    }),
  );
  await iam.send(new TagUserCommand({ UserName: 'team-writer', Tags: [{ Key: 'team', Value: 'payments' }] }));
  bounded = await userWithKey(iam, 'bounded', WRITER_POLICY);
  await iam.send(
    new CreatePolicyCommand({
      PolicyName: 'OnlyReads',
      PolicyDocument: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }),
    }),
  );
  await iam.send(
    new PutUserPermissionsBoundaryCommand({
      UserName: 'bounded',
      PermissionsBoundary: `arn:aws:iam::${ACCOUNT_ID}:policy/OnlyReads`,
    }),
  );
  authorizer = new WardenAuthorizer({ endpoint: warden.endpoint, credentials: service });
});

after(async () => {
  await warden?.stop();
});

const user = (name: string) => `arn:aws:iam::${ACCOUNT_ID}:user/${name}`;

describe('decisions', () => {
  test('a principal allowed s3:PutObject: Allow, with the principal and the allowing statement', async () => {
    const result = await authorizer.authorize({
      request: await signedPut(writer, { key: 'app/today.log' }),
      action: 's3:PutObject',
      resource: objectArn('app/today.log'),
    });
    assert.equal(result.decision, 'Allow');
    assert.equal(result.principal?.arn, user('writer'));
    assert.equal(result.principal?.accountId, ACCOUNT_ID);
    assert.equal(result.principal?.type, 'User');
    assert.match(result.principal?.userId ?? '', /^AIDA/);
    assert.equal(result.reason.effect, 'Allow');
    assert.equal(result.reason.decidedBy, 'identity');
    assert.deepEqual(result.reason.matchedStatements, [
      { sourcePolicyId: 'writer-policy', sourcePolicyType: 'user', sid: 'WriteAppLogs' },
    ]);
    assert.equal(result.encodedMessage, undefined);
    assert.equal(result.error, undefined);
    assert.match(result.requestId, /^[0-9a-f-]{36}$/);
  });

  test('no policy allows it: Deny, implicit, in AWS words, with the encoded message', async () => {
    const result = await authorizer.authorize({
      request: await signedPut(reader, { key: 'app/today.log' }),
      action: 's3:PutObject',
      resource: objectArn('app/today.log'),
    });
    assert.equal(result.decision, 'Deny');
    assert.equal(result.principal?.arn, user('reader'));
    assert.equal(result.reason.effect, 'ImplicitDeny');
    assert.equal(
      result.reason.message,
      `User: ${user('reader')} is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::logs/app/today.log because no identity-based policy allows the s3:PutObject action`,
    );
    assert.ok(result.encodedMessage !== undefined && result.encodedMessage.length > 0);
  });

  test('a presigned URL (query authentication, unsigned payload) is verified too', async () => {
    const allowed = await authorizer.authorize({
      request: await presignedPut(writer, 'app/presigned.log'),
      action: 's3:PutObject',
      resource: objectArn('app/presigned.log'),
    });
    assert.equal(allowed.decision, 'Allow', JSON.stringify(allowed));
    const request = await presignedPut(writer, 'app/presigned.log');
    const tampered = await authorizer.authorize({
      request: { ...request, query: request.query.replace('X-Amz-Expires=300', 'X-Amz-Expires=900') },
      action: 's3:PutObject',
      resource: objectArn('app/presigned.log'),
    });
    assert.equal(tampered.error?.code, 'SignatureDoesNotMatch');
  });

  test('an explicit Deny names its statement', async () => {
    const result = await authorizer.authorize({
      request: await signedPut(writer, { key: 'app/secret/keys.log' }),
      action: 's3:PutObject',
      resource: objectArn('app/secret/keys.log'),
    });
    assert.equal(result.decision, 'Deny');
    assert.equal(result.reason.effect, 'ExplicitDeny');
    assert.deepEqual(result.reason.matchedStatements, [
      { sourcePolicyId: 'writer-policy', sourcePolicyType: 'user', sid: 'NeverSecrets' },
    ]);
    assert.match(result.reason.message, /with an explicit deny in an identity-based policy$/);
  });

  test('the encoded message decodes with sts:DecodeAuthorizationMessage', async () => {
    const result = await authorizer.authorize({
      request: await signedPut(reader, { key: 'app/x.log' }),
      action: 's3:PutObject',
      resource: objectArn('app/x.log'),
      context: { 's3:x-amz-acl': 'private' },
    });
    const { DecodedMessage } = await stsClient(warden.endpoint).send(
      new DecodeAuthorizationMessageCommand({ EncodedMessage: result.encodedMessage }),
    );
    const decoded = JSON.parse(DecodedMessage ?? '{}') as {
      allowed: boolean;
      explicitDeny: boolean;
      context: {
        principal: { arn: string };
        action: string;
        resource: string;
        conditions: { items: { key: string }[] };
      };
    };
    assert.equal(decoded.allowed, false);
    assert.equal(decoded.explicitDeny, false);
    assert.equal(decoded.context.principal.arn, user('reader'));
    assert.equal(decoded.context.action, 's3:PutObject');
    assert.equal(decoded.context.resource, 'arn:aws:s3:::logs/app/x.log');
    const keys = decoded.context.conditions.items.map((c) => c.key);
    assert.ok(keys.includes('s3:x-amz-acl'), keys.join());
    assert.ok(keys.includes('aws:SourceIp'), keys.join());
  });

  test('a resource policy naming the principal allows what its own policies do not', async () => {
    const bucketPolicy = policy({
      Sid: 'ReaderMayUpload',
      Effect: 'Allow',
      Principal: { AWS: user('reader') },
      Action: 's3:PutObject',
      Resource: 'arn:aws:s3:::logs/shared/*',
    });
    const result = await authorizer.authorize({
      request: await signedPut(reader, { key: 'shared/r.log' }),
      action: 's3:PutObject',
      resource: objectArn('shared/r.log'),
      resourcePolicy: bucketPolicy,
    });
    assert.equal(result.decision, 'Allow');
    assert.equal(result.reason.decidedBy, 'resource');
    assert.deepEqual(result.reason.matchedStatements, [
      { sourcePolicyId: 'ResourcePolicy', sourcePolicyType: 'resource', sid: 'ReaderMayUpload' },
    ]);
  });

  test("the service's context keys and the client's address feed conditions", async () => {
    const ask = async (sourceIp: string, acl: string) => {
      const request = { ...(await signedPut(tagged, { key: 'app/o.log' })), sourceIp };
      return authorizer.authorize({
        request,
        action: 's3:PutObject',
        resource: objectArn('app/o.log'),
        context: { 's3:x-amz-acl': acl },
      });
    };
    assert.equal((await ask('198.51.100.20', 'private')).decision, 'Allow');
    assert.equal((await ask('203.0.113.5', 'private')).decision, 'Deny');
    assert.equal((await ask('198.51.100.20', 'public-read')).decision, 'Deny');
  });

  test('a permissions boundary that does not allow it: Deny decided by the boundary', async () => {
    const result = await authorizer.authorize({
      request: await signedPut(bounded, { key: 'app/b.log' }),
      action: 's3:PutObject',
      resource: objectArn('app/b.log'),
    });
    assert.equal(result.decision, 'Deny');
    assert.equal(result.reason.decidedBy, 'boundary');
    assert.match(result.reason.message, /because no permissions boundary allows the s3:PutObject action$/);
  });

  test("the principal's tags: aws:PrincipalTag in a policy variable", async () => {
    const ask = async (key: string) =>
      (
        await authorizer.authorize({
          request: await signedPut(teamWriter, { key }),
          action: 's3:PutObject',
          resource: objectArn(key),
        })
      ).decision;
    assert.equal(await ask('payments/p.log'), 'Allow');
    assert.equal(await ask('billing/p.log'), 'Deny');
  });

  test('a context key Warden derives itself is refused (ValidationError), not trusted', async () => {
    await assert.rejects(
      authorizer.authorize({
        request: await signedPut(writer, { key: 'app/a.log' }),
        action: 's3:PutObject',
        resource: objectArn('app/a.log'),
        context: { 'aws:PrincipalTag/team': 'admins' },
      }),
      (error: Error & { code?: string; status?: number }) => {
        assert.equal(error.code, 'ValidationError');
        assert.equal(error.status, 400);
        return true;
      },
    );
  });
});
