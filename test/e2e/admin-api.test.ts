import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { adminRequest } from './admin-client.ts';
import { ROOT, startWarden, type RunningWarden } from './harness.ts';

let warden: RunningWarden;
before(async () => {
  warden = await startWarden();
});
after(async () => {
  await warden.stop();
});

test('the admin API refuses an unsigned request before saying which operations exist', async () => {
  const response = await fetch(new URL('/admin/v1/accounts', warden.endpoint), { method: 'POST' });
  assert.equal(response.status, 403);
  const body = (await response.json()) as { Error: { Code: string }; RequestId: string };
  assert.equal(body.Error.Code, 'MissingAuthenticationToken');
  assert.match(body.RequestId, /^[0-9a-f-]{36}$/);
});

test('the admin API refuses a wrong secret and an unknown key as AWS does', async () => {
  const forged = await adminRequest(
    warden.endpoint,
    { ...ROOT, secretAccessKey: 'not-the-secret' },
    'GET',
    '/admin/v1/nothing',
  );
  assert.equal(forged.status, 403);
  assert.equal((forged.body.Error as { Code: string }).Code, 'SignatureDoesNotMatch');
  const unknown = await adminRequest(
    warden.endpoint,
    { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' },
    'GET',
    '/admin/v1/nothing',
  );
  assert.equal((unknown.body.Error as { Code: string }).Code, 'InvalidClientTokenId');
});

test('a signed request for an operation that does not exist gets UnknownOperationException', async () => {
  const response = await adminRequest(warden.endpoint, ROOT, 'GET', '/admin/v1/nothing');
  assert.equal(response.status, 404);
  assert.deepEqual(response.body.Error, {
    Code: 'UnknownOperationException',
    Message: 'No admin operation GET /admin/v1/nothing',
  });
  assert.equal(response.body.RequestId, response.requestId);
});
