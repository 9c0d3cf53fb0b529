import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { codeAt, timeStep } from '../../iam/totp.ts';
import { startConsoleWarden, type Answer, type ConsoleWarden } from './test-kit.ts';

const PASSWORD = 'Carol-pass-01';

describe('console sign-in: brute-force delay and lockout', () => {
  let w: ConsoleWarden;
  before(async () => {
    w = await startConsoleWarden({
      WARDEN_SIGNIN_DELAY_AFTER: '2',
      WARDEN_SIGNIN_DELAY_MS: '1000',
      WARDEN_SIGNIN_LOCKOUT_FAILURES: '4',
      WARDEN_SIGNIN_IP_LOCKOUT_FAILURES: '12',
      WARDEN_SIGNIN_LOCKOUT_MINUTES: '15',
    });
    const root = w.browser();
    await root.signInRoot();
    await root.call('CreateUser', { UserName: 'carol' });
    await root.call('CreateLoginProfile', { UserName: 'carol', Password: PASSWORD });
  });
  after(() => w.stop());

  const code = (a: Answer) => a.body.error?.code ?? String(a.body.status);

  test('failures bring a delay, then a lockout that refuses even the right password, then it ends', async () => {
    const b = w.browser();
    assert.equal(code(await b.signInUser('carol', 'bad-1')), 'InvalidCredentials');
    assert.equal(code(await b.signInUser('carol', 'bad-2')), 'InvalidCredentials');
    const throttled = await b.signInUser('carol', PASSWORD);
    assert.equal(throttled.status, 429);
    assert.equal(code(throttled), 'Throttled');
    assert.equal(throttled.headers.get('retry-after'), '1');
    w.clock.advance(1000);
    assert.equal(code(await b.signInUser('carol', 'bad-3')), 'InvalidCredentials');
    w.clock.advance(2000);
    assert.equal(code(await b.signInUser('carol', 'bad-4')), 'InvalidCredentials');
    const locked = await b.signInUser('carol', PASSWORD);
    assert.equal(locked.status, 429);
    assert.equal(code(locked), 'LockedOut');
    assert.equal(locked.headers.get('retry-after'), '900');
    w.clock.advance(14 * 60_000);
    assert.equal(code(await b.signInUser('carol', PASSWORD)), 'LockedOut');
    w.clock.advance(60_000);
    const ok = await b.signInUser('carol', PASSWORD);
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
  });

  test('an unknown name is counted and locked exactly like a known one', async () => {
    w.clock.advance(16 * 60_000);
    const known: string[] = [];
    const unknown: string[] = [];
    for (let i = 0; i < 5; i++) {
      known.push(code(await w.browser().signInUser('carol', `wrong-${i}`)));
      unknown.push(code(await w.browser().signInUser('nobody-here', `wrong-${i}`)));
      w.clock.advance(10_000);
    }
    assert.deepEqual(unknown, known);
    assert.deepEqual(known.slice(-1), ['LockedOut']);
    w.clock.advance(16 * 60_000);
  });

  test('per source address: many names from one address lock the address', async () => {
    w.clock.advance(16 * 60_000);
    const answers: string[] = [];
    for (let i = 0; i < 14; i++) {
      answers.push(code(await w.browser().signInUser(`spray-${i}`, 'Password1!')));
      w.clock.advance(5000);
    }
    assert.deepEqual(answers.slice(0, 12), Array(12).fill('InvalidCredentials'));
    assert.deepEqual(answers.slice(12), ['LockedOut', 'LockedOut']);
    assert.equal(code(await w.browser().signInUser('carol', PASSWORD)), 'LockedOut');
    w.clock.advance(16 * 60_000);
    assert.equal((await w.browser().signInUser('carol', PASSWORD)).status, 200);
  });

  test('failed MFA codes count too, and a right password does not clear them', async () => {
    w.clock.advance(16 * 60_000);
    const root = w.browser();
    await root.signInRoot();
    await root.call('CreateUser', { UserName: 'gina' });
    await root.call('CreateLoginProfile', { UserName: 'gina', Password: PASSWORD });
    const device = (await root.call('CreateVirtualMFADevice', { VirtualMFADeviceName: 'gina-phone' }))
      .VirtualMFADevice as { SerialNumber: string; Base32StringSeed: string };
    const seed = Buffer.from(device.Base32StringSeed, 'base64').toString('ascii');
    const step = timeStep(w.clock.now());
    await root.call('EnableMFADevice', {
      UserName: 'gina',
      SerialNumber: device.SerialNumber,
      AuthenticationCode1: codeAt(seed, step - 1),
      AuthenticationCode2: codeAt(seed, step),
    });
    const wrong = codeAt(seed, step - 1000);
    const outcomes: string[] = [];
    for (let round = 0; round < 3; round++) {
      w.clock.advance(40_000);
      const b = w.browser();
      const signIn = await b.signInUser('gina', PASSWORD);
      outcomes.push(code(signIn));
      if (signIn.status !== 200) continue;
      for (let i = 0; i < 2; i++) {
        w.clock.advance(40_000);
        outcomes.push(code(await b.post('mfa', { challenge: signIn.body.challenge, code: wrong })));
      }
    }
    assert.deepEqual(outcomes, [
      'mfa-required',
      'InvalidMfaCode',
      'InvalidMfaCode',
      'mfa-required',
      'InvalidMfaCode',
      'InvalidMfaCode',
      'LockedOut',
    ]);
  });

  test('the password is hashed for unknown names too (similar timing)', async () => {
    const time = async (name: string) => {
      const start = process.hrtime.bigint();
      await w.browser().signInUser(name, 'not-the-password');
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    w.clock.advance(16 * 60_000);
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await time('carol'));
      unknown.push(await time(`ghost-${i}`));
      w.clock.advance(60_000);
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[1]!;
    const ratio = median(unknown) / median(known);
    assert.ok(ratio > 0.5 && ratio < 2, `unknown ${median(unknown)} ms vs known ${median(known)} ms`);
    assert.ok(median(unknown) > 10, 'a real hash was computed');
  });
});
