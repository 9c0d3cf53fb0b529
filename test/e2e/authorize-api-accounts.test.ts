/**
 * POST /v1/authorize across the accounts one Warden serves: the forwarded principal is found in its
 * own account and decided with its own policies; the resource belongs to the asking service's
 * account, so a principal of another account needs the resource policy's grant as well (AWS's
 * cross-account rule), and the principal's own policies must allow too.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { WardenAuthorizer } from '../../src/client/index.ts';
import {
  createAccount,
  iamClient,
  startWarden,
  type Credentials,
  type CreatedAccount,
  type RunningWarden,
} from './harness.ts';
import { objectArn, policy, SERVICE_POLICY, signedPut, userWithKey } from './authorize-api-kit.ts';

let warden: RunningWarden;
let second: CreatedAccount;
let service: WardenAuthorizer;
let secondService: WardenAuthorizer;
let partner: Credentials;
let idle: Credentials;

const PUT_LOGS = policy({ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::logs/*' });

before(async () => {
  warden = await startWarden();
  second = await createAccount(warden.endpoint, { Alias: 'partners' });
  const iam = iamClient(warden.endpoint);
  const credentials = await userWithKey(iam, 'log-service', SERVICE_POLICY);
  service = new WardenAuthorizer({ endpoint: warden.endpoint, credentials });
  const secondIam = iamClient(warden.endpoint, second.root);
  partner = await userWithKey(secondIam, 'partner', PUT_LOGS);
  idle = await userWithKey(secondIam, 'idle');
  secondService = new WardenAuthorizer({ endpoint: warden.endpoint, credentials: second.root });
});

after(async () => {
  await warden?.stop();
});

const partnerArn = () => `arn:aws:iam::${second.accountId}:user/partner`;
const bucketPolicy = (principal: string) =>
  policy({
    Sid: 'PartnersUpload',
    Effect: 'Allow',
    Principal: { AWS: principal },
    Action: 's3:PutObject',
    Resource: 'arn:aws:s3:::logs/partners/*',
  });

describe('a principal of another account', () => {
  test('is found and named in its own account', async () => {
    const result = await secondService.authorize({
      request: await signedPut(partner, { key: 'partners/p.log' }),
      action: 's3:PutObject',
      resource: objectArn('partners/p.log'),
    });
    assert.equal(result.decision, 'Allow', JSON.stringify(result));
    assert.equal(result.principal?.arn, partnerArn());
    assert.equal(result.principal?.accountId, second.accountId);
  });

  test("is denied on another account's resource without a resource policy", async () => {
    const result = await service.authorize({
      request: await signedPut(partner, { key: 'partners/p.log' }),
      action: 's3:PutObject',
      resource: objectArn('partners/p.log'),
    });
    assert.equal(result.decision, 'Deny');
    assert.equal(result.reason.decidedBy, 'resource');
  });

  const granted: { name: string; grantee: () => string; who: () => Credentials; decision: string }[] = [
    {
      name: 'the resource policy grants it and its own policy allows: Allow',
      grantee: partnerArn,
      who: () => partner,
      decision: 'Allow',
    },
    {
      name: 'the resource policy grants its account, its own policy allows: Allow',
      grantee: () => `arn:aws:iam::${second.accountId}:root`,
      who: () => partner,
      decision: 'Allow',
    },
    {
      name: 'the resource policy grants its account but its own policies allow nothing: Deny',
      grantee: () => `arn:aws:iam::${second.accountId}:root`,
      who: () => idle,
      decision: 'Deny',
    },
  ];
  for (const g of granted) {
    test(g.name, async () => {
      const result = await service.authorize({
        request: await signedPut(g.who(), { key: 'partners/p.log' }),
        action: 's3:PutObject',
        resource: objectArn('partners/p.log'),
        resourcePolicy: bucketPolicy(g.grantee()),
      });
      assert.equal(result.decision, g.decision, JSON.stringify(result.reason));
    });
  }
});
