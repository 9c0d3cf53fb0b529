import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeInput } from './decode-input.ts';
import { encodeJsonInput, outputToJson } from './encode-input.ts';

describe('JSON parameters through the form decoder', () => {
  const roundTrip = (action: string, json: unknown) =>
    decodeInput('iam', action, encodeJsonInput('iam', action, json));

  test('structures, lists of structures, numbers and booleans decode as the form would', () => {
    assert.deepEqual(
      roundTrip('CreateUser', { UserName: 'alice', Path: '/dev/', Tags: [{ Key: 'team', Value: 'a' }] }),
      { UserName: 'alice', Path: '/dev/', Tags: [{ Key: 'team', Value: 'a' }] },
    );
    assert.deepEqual(roundTrip('ListUsers', { MaxItems: 5 }), { MaxItems: 5 });
    assert.deepEqual(
      roundTrip('CreateLoginProfile', { UserName: 'a', Password: 'x', PasswordResetRequired: true }),
      {
        UserName: 'a',
        Password: 'x',
        PasswordResetRequired: true,
      },
    );
    assert.deepEqual(roundTrip('UntagUser', { UserName: 'a', TagKeys: [] }), { UserName: 'a', TagKeys: [] });
  });

  test("unknown members are dropped; validation is the model's (AWS ValidationError text)", () => {
    assert.deepEqual(roundTrip('GetUser', { Nope: 1 }), {});
    assert.throws(() => roundTrip('CreateUser', {}), /validation error detected: Value null at 'userName'/);
    assert.throws(() => roundTrip('CreateUser', { UserName: { a: 1 } }), /expected a string/);
    assert.throws(() => encodeJsonInput('iam', 'CreateUser', [1]), /JSON object/);
  });

  test('output JSON: dates as ISO text, bytes as base64', () => {
    const text = outputToJson({ D: new Date('2026-01-01T00:00:00Z'), B: new Uint8Array([1, 2, 3]) });
    assert.deepEqual(JSON.parse(text), { D: '2026-01-01T00:00:00.000Z', B: 'AQID' });
    assert.equal(outputToJson(undefined), '{}');
  });
});
