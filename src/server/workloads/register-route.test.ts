import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bindingOf } from './register-route.ts';

test('the registration body names exactly one instance profile or role, as a valid IAM name', () => {
  const ok: [unknown, ReturnType<typeof bindingOf>][] = [
    [{ InstanceProfileName: 'EC2-S3-Access' }, { kind: 'instance-profile', name: 'EC2-S3-Access' }],
    [{ RoleName: 'app+role=1,.@_-' }, { kind: 'role', name: 'app+role=1,.@_-' }],
    [{ InstanceProfileName: 'p'.repeat(128) }, { kind: 'instance-profile', name: 'p'.repeat(128) }],
  ];
  for (const [body, binding] of ok) assert.deepEqual(bindingOf(body), binding);
  const refused: unknown[] = [
    undefined,
    {},
    [],
    { InstanceProfileName: 'a', RoleName: 'b' },
    { RoleName: '' },
    { RoleName: 'r'.repeat(65) },
    { RoleName: 'has space' },
    { RoleName: 7 },
    { InstanceProfileName: 'p'.repeat(129) },
  ];
  for (const body of refused) {
    assert.throws(() => bindingOf(body), { code: 'ValidationError' }, JSON.stringify(body));
  }
});
