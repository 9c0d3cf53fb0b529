import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { stsActions } from '../sts/registry.ts';
import { iamActions } from './registry.ts';

const operations = (service: string): Set<string> => {
  const model = JSON.parse(readFileSync(`src/protocol/models/${service}.json`, 'utf8')) as {
    operations: Record<string, unknown>;
  };
  return new Set(Object.keys(model.operations));
};

test('every registered action is keyed by its name, is of its service and exists in the AWS model', () => {
  for (const [service, registry] of [
    ['iam', iamActions],
    ['sts', stsActions],
  ] as const) {
    const modelled = operations(service);
    for (const [name, action] of registry) {
      assert.equal(action.name, name);
      assert.equal(action.service, service);
      assert.ok(modelled.has(name), `${name} is not an ${service} operation`);
    }
  }
  assert.ok(iamActions.size >= 29);
  assert.deepEqual([...stsActions.keys()].sort(), [
    'AssumeRole',
    'DecodeAuthorizationMessage',
    'GetAccessKeyInfo',
    'GetCallerIdentity',
    'GetFederationToken',
    'GetSessionToken',
  ]);
});
