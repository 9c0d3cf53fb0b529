import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_REMEMBERED_ACTIONS, statementsFor } from './compile-index.ts';
import { allow, policy } from './evaluate-test-kit.ts';

const p = policy('identity', [
  { Sid: 'Exact', ...allow('s3:GetObject') },
  { Sid: 'Wild', ...allow('s3:Get*') },
  { Sid: 'AnyService', ...allow('*:Describe*') },
  { Sid: 'Not', Effect: 'Allow', NotAction: 's3:*', Resource: '*' },
]);
const sids = (action: string) => statementsFor(p.allow, action).map((s) => s.matched.sid);

test('each action maps to every statement whose Action/NotAction matches it, in order', () => {
  assert.deepEqual(sids('s3:getobject'), ['Exact', 'Wild']);
  assert.deepEqual(sids('s3:getbucketpolicy'), ['Wild']);
  assert.deepEqual(sids('s3:putobject'), []);
  assert.deepEqual(sids('ec2:describeinstances'), ['AnyService', 'Not']);
  assert.deepEqual(sids('s3:describejob'), ['AnyService']);
});

test('unseen actions are remembered up to a bound', () => {
  const before = p.allow.byAction.size;
  for (let i = 0; i < MAX_REMEMBERED_ACTIONS + 100; i++) sids(`svc:action${i}`);
  assert.equal(p.allow.byAction.size, MAX_REMEMBERED_ACTIONS);
  assert.ok(p.allow.byAction.size > before);
  // Past the bound, answers are still right, just not remembered.
  assert.deepEqual(sids('ec2:describeregions'), ['AnyService', 'Not']);
});
