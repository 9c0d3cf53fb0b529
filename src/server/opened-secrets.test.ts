import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SecretBox } from '../iam/action.ts';
import { rememberOpened } from './opened-secrets.ts';

function countingBox(): SecretBox & { opens: number } {
  const box = {
    opens: 0,
    seal: (plaintext: string) => `sealed:${plaintext}`,
    open: (sealed: string) => {
      box.opens++;
      if (!sealed.startsWith('sealed:')) throw new Error('cannot open');
      return sealed.slice('sealed:'.length);
    },
  };
  return box;
}

test('a sealed secret is opened once, then answered from memory', () => {
  const box = countingBox();
  const open = rememberOpened(box);
  assert.equal(open('sealed:a'), 'a');
  assert.equal(open('sealed:a'), 'a');
  assert.equal(box.opens, 1);
});

test('what cannot be opened is not remembered, and the memory is bounded', () => {
  const box = countingBox();
  const open = rememberOpened(box, 2);
  assert.throws(() => open('garbage'), /cannot open/);
  assert.throws(() => open('garbage'), /cannot open/);
  for (const s of ['sealed:a', 'sealed:b', 'sealed:c']) open(s);
  const before = box.opens;
  open('sealed:a'); // evicted by the bound: opened again
  open('sealed:c');
  assert.equal(box.opens, before + 1);
});
