import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT_OWNER } from '../../store/port.ts';
import { openSqliteStore } from '../../store/sqlite/index.ts';
import type { Caller } from '../action.ts';
import { doc, putUserPolicy } from '../authz/test-kit.ts';
import { enableMfaDevice, otpauthUri, verifyMfaCode } from '../mfa.ts';
import { harnessWith, tags, wardenError, type Harness } from '../testing/harness.ts';
import { codeAt, timeStep } from '../totp.ts';
import {
  CreateAccessKey,
  CreateUser,
  CreateVirtualMFADevice,
  DeactivateMFADevice,
  DeleteUser,
  DeleteVirtualMFADevice,
  EnableMFADevice,
  GetAccountSummary,
  GetMFADevice,
  ListMFADevices,
  ListMFADeviceTags,
  ListUsers,
  ListVirtualMFADevices,
  ResyncMFADevice,
  TagMFADevice,
  UntagMFADevice,
} from './index.ts';

const withHarness = harnessWith(openSqliteStore);
const ACCT = 'arn:aws:iam::123456789012';
const STEP = 30_000;

/** A virtual device and its seed as the client reads it (the Base32 text inside the blob). */
async function createDevice(h: Harness, name = 'phone', caller?: Caller) {
  const out = await h.call(CreateVirtualMFADevice, { VirtualMFADeviceName: name }, caller);
  const seed = Buffer.from(out.VirtualMFADevice.Base32StringSeed).toString('ascii');
  return { serial: out.VirtualMFADevice.SerialNumber, seed, out };
}

/** The two codes an authenticator shows one after the other, the second one now. */
const twoCodes = (h: Harness, seed: string, offset = 0) => {
  const now = timeStep(h.clock.now()) + offset;
  return { AuthenticationCode1: codeAt(seed, now - 1), AuthenticationCode2: codeAt(seed, now) };
};

const codeNow = (h: Harness, seed: string, offset = 0) => codeAt(seed, timeStep(h.clock.now()) + offset);

const verify = (h: Harness, serial: string, code: string) =>
  h.store.transaction((tx) => verifyMfaCode({ store: tx, secrets: h.secrets }, serial, code, h.clock.now()));

/** alice with an enabled device; the clock moved to the next step (the enable codes are used). */
async function aliceWithDevice(h: Harness) {
  await h.call(CreateUser, { UserName: 'alice' });
  const device = await createDevice(h);
  await h.call(EnableMFADevice, {
    UserName: 'alice',
    SerialNumber: device.serial,
    ...twoCodes(h, device.seed),
  });
  h.clock.advance(STEP);
  return device;
}

describe('CreateVirtualMFADevice', () => {
  test('serial number, a 64-character Base32 seed (sealed at rest), a real PNG, tags', () =>
    withHarness(async (h) => {
      const out = await h.call(CreateVirtualMFADevice, {
        VirtualMFADeviceName: 'alice-phone',
        Path: '/team/',
        Tags: tags(['k', 'v']),
      });
      const device = out.VirtualMFADevice;
      assert.equal(device.SerialNumber, `${ACCT}:mfa/team/alice-phone`);
      const seed = Buffer.from(device.Base32StringSeed).toString('ascii');
      assert.match(seed, /^[A-Z2-7]{64}$/);
      assert.deepEqual(
        [...device.QRCodePNG.subarray(0, 8)],
        [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      );
      assert.deepEqual(device.Tags, tags(['k', 'v']));
      const stored = await h.store.transaction((tx) => tx.mfaDevices.get(device.SerialNumber));
      assert.ok(stored !== undefined && !stored.sealedSeed.includes(seed));
      assert.equal(h.secrets.open(stored.sealedSeed), seed);
      assert.equal(stored.assignee, undefined);
    }));

  test('the QR code URI names the device and the account (alias or id) with the seed', () => {
    assert.equal(
      otpauthUri('alice', '123456789012', 'ABC'),
      'otpauth://totp/Amazon%20Web%20Services%3Aalice%40123456789012?secret=ABC&issuer=Amazon%20Web%20Services',
    );
  });

  test('the same name at the same path is taken (case-insensitively); another path is fine', () =>
    withHarness(async (h) => {
      await createDevice(h, 'phone');
      await assert.rejects(
        h.call(CreateVirtualMFADevice, { VirtualMFADeviceName: 'PHONE' }),
        wardenError('EntityAlreadyExists', 'MFADevice entity at the same path and name already exists.'),
      );
      await h.call(CreateVirtualMFADevice, { VirtualMFADeviceName: 'phone', Path: '/other/' });
    }));
});

describe('EnableMFADevice', () => {
  test('two consecutive codes assign the device, with its enable date', () =>
    withHarness(async (h) => {
      await h.call(CreateUser, { UserName: 'alice' });
      const { serial, seed } = await createDevice(h);
      await h.call(EnableMFADevice, { UserName: 'alice', SerialNumber: serial, ...twoCodes(h, seed) });
      assert.deepEqual(await h.call(ListMFADevices, { UserName: 'alice' }), {
        MFADevices: [{ UserName: 'alice', SerialNumber: serial, EnableDate: h.clock.now() }],
        IsTruncated: false,
      });
      assert.deepEqual(await h.call(GetMFADevice, { UserName: 'alice', SerialNumber: serial }), {
        UserName: 'alice',
        SerialNumber: serial,
        EnableDate: h.clock.now(),
      });
    }));

  test('wrong, swapped, identical or stale codes: InvalidAuthenticationCode (403), nothing assigned', () =>
    withHarness(async (h) => {
      await h.call(CreateUser, { UserName: 'alice' });
      const { serial, seed } = await createDevice(h);
      const good = twoCodes(h, seed);
      const bad = [
        { AuthenticationCode1: '000000', AuthenticationCode2: good.AuthenticationCode2 },
        { AuthenticationCode1: good.AuthenticationCode2, AuthenticationCode2: good.AuthenticationCode1 },
        { AuthenticationCode1: good.AuthenticationCode2, AuthenticationCode2: good.AuthenticationCode2 },
        twoCodes(h, seed, -3),
        twoCodes(h, seed, 3),
      ];
      for (const codes of bad) {
        await assert.rejects(
          h.call(EnableMFADevice, { UserName: 'alice', SerialNumber: serial, ...codes }),
          wardenError('InvalidAuthenticationCode', 'Authentication code for device is not valid.'),
        );
      }
      assert.deepEqual((await h.call(ListMFADevices, { UserName: 'alice' })).MFADevices, []);
    }));

  test('a drift of one step either way is accepted', () =>
    withHarness(async (h) => {
      await h.call(CreateUser, { UserName: 'alice' });
      await h.call(CreateUser, { UserName: 'bob' });
      const a = await createDevice(h, 'a');
      const b = await createDevice(h, 'b');
      await h.call(EnableMFADevice, {
        UserName: 'alice',
        SerialNumber: a.serial,
        ...twoCodes(h, a.seed, -1),
      });
      await h.call(EnableMFADevice, { UserName: 'bob', SerialNumber: b.serial, ...twoCodes(h, b.seed, 1) });
    }));

  test('a device in use, an unknown device or user: EntityAlreadyExists / NoSuchEntity', () =>
    withHarness(async (h) => {
      const { serial, seed } = await aliceWithDevice(h);
      await h.call(CreateUser, { UserName: 'bob' });
      await assert.rejects(
        h.call(EnableMFADevice, { UserName: 'bob', SerialNumber: serial, ...twoCodes(h, seed) }),
        wardenError('EntityAlreadyExists', 'MFA Device is already in use.'),
      );
      await assert.rejects(
        h.call(EnableMFADevice, { UserName: 'bob', SerialNumber: `${ACCT}:mfa/none`, ...twoCodes(h, seed) }),
        wardenError('NoSuchEntity', `MFA device with serial number ${ACCT}:mfa/none does not exist.`),
      );
      await assert.rejects(
        h.call(EnableMFADevice, { UserName: 'ghost', SerialNumber: serial, ...twoCodes(h, seed) }),
        wardenError('NoSuchEntity', 'The user with name ghost cannot be found.'),
      );
    }));

  test('at most 8 devices per user', () =>
    withHarness(async (h) => {
      await h.call(CreateUser, { UserName: 'alice' });
      for (let i = 0; i < 9; i++) {
        const { serial, seed } = await createDevice(h, `d${i}`);
        const enable = h.call(EnableMFADevice, {
          UserName: 'alice',
          SerialNumber: serial,
          ...twoCodes(h, seed),
        });
        if (i < 8) await enable;
        else
          await assert.rejects(
            enable,
            wardenError('LimitExceeded', 'Cannot exceed quota for MFADevicesPerUser: 8'),
          );
      }
    }));
});

describe('verifyMfaCode (for sign-in and STS)', () => {
  test('the current code passes once: a replay is refused, and so are the enable codes', () =>
    withHarness(async (h) => {
      const { serial, seed } = await aliceWithDevice(h);
      const alice = await h.store.transaction((tx) => tx.users.getByName('alice'));
      // The codes used to enable (the previous step and the one before) are spent.
      assert.deepEqual(await verify(h, serial, codeNow(h, seed, -1)), { ok: false, reason: 'replayed' });
      const code = codeNow(h, seed);
      assert.deepEqual(await verify(h, serial, code), {
        ok: true,
        assignee: alice?.userId,
        step: timeStep(h.clock.now()),
      });
      assert.deepEqual(await verify(h, serial, code), { ok: false, reason: 'replayed' });
      h.clock.advance(STEP);
      // Next step: the previous step's code is inside the drift window but already used.
      assert.deepEqual(await verify(h, serial, code), { ok: false, reason: 'replayed' });
      assert.equal((await verify(h, serial, codeNow(h, seed))).ok, true);
    }));

  test('drift window: one step late or early passes; two steps off is a wrong code', () =>
    withHarness(async (h) => {
      const { serial, seed } = await aliceWithDevice(h);
      h.clock.advance(10 * STEP);
      assert.deepEqual(await verify(h, serial, codeNow(h, seed, -2)), { ok: false, reason: 'wrong-code' });
      assert.equal((await verify(h, serial, codeNow(h, seed, -1))).ok, true);
      assert.equal((await verify(h, serial, codeNow(h, seed, 1))).ok, true);
      assert.deepEqual(await verify(h, serial, codeNow(h, seed, 2)), { ok: false, reason: 'wrong-code' });
      // An earlier step than the last accepted one is refused even if its code is right.
      assert.deepEqual(await verify(h, serial, codeNow(h, seed)), { ok: false, reason: 'replayed' });
    }));

  test('unknown or unassigned devices never pass', () =>
    withHarness(async (h) => {
      const { serial, seed } = await createDevice(h);
      assert.deepEqual(await verify(h, serial, codeNow(h, seed)), { ok: false, reason: 'not-assigned' });
      assert.deepEqual(await verify(h, `${ACCT}:mfa/none`, '123456'), { ok: false, reason: 'no-device' });
    }));
});

describe('ResyncMFADevice', () => {
  test('a device whose clock drifted minutes resyncs with two consecutive codes, used once', () =>
    withHarness(async (h) => {
      const { serial, seed } = await aliceWithDevice(h);
      h.clock.advance(100 * STEP);
      // The device runs 4 minutes (8 steps) ahead: plain verification fails.
      assert.deepEqual(await verify(h, serial, codeNow(h, seed, 8)), { ok: false, reason: 'wrong-code' });
      const codes = twoCodes(h, seed, 8);
      await h.call(ResyncMFADevice, { UserName: 'alice', SerialNumber: serial, ...codes });
      // The drift is remembered: the next code the device shows passes plain verification.
      h.clock.advance(STEP);
      assert.equal((await verify(h, serial, codeNow(h, seed, 8))).ok, true);
      assert.deepEqual(await verify(h, serial, codeNow(h, seed)), { ok: false, reason: 'wrong-code' });
      await assert.rejects(
        h.call(ResyncMFADevice, { UserName: 'alice', SerialNumber: serial, ...codes }),
        wardenError('InvalidAuthenticationCode', /not valid/),
      );
      await assert.rejects(
        h.call(ResyncMFADevice, { UserName: 'alice', SerialNumber: serial, ...twoCodes(h, seed, 30) }),
        wardenError('InvalidAuthenticationCode', /not valid/),
      );
    }));

  test("another user's device: NoSuchEntity", () =>
    withHarness(async (h) => {
      const { serial, seed } = await aliceWithDevice(h);
      await h.call(CreateUser, { UserName: 'bob' });
      await assert.rejects(
        h.call(ResyncMFADevice, { UserName: 'bob', SerialNumber: serial, ...twoCodes(h, seed) }),
        wardenError('NoSuchEntity', /does not exist/),
      );
    }));
});

describe('DeactivateMFADevice, DeleteVirtualMFADevice, DeleteUser', () => {
  test('lost device: an administrator deactivates it; it stays, unassigned, and can be deleted', () =>
    withHarness(async (h) => {
      const { serial, seed } = await aliceWithDevice(h);
      await assert.rejects(
        h.call(DeleteVirtualMFADevice, { SerialNumber: serial }),
        wardenError('DeleteConflict', 'MFA VirtualDevice in use. Must deactivate first.'),
      );
      await assert.rejects(
        h.call(DeleteUser, { UserName: 'alice' }),
        wardenError('DeleteConflict', 'Cannot delete entity, must delete MFA device first.'),
      );
      await h.call(DeactivateMFADevice, { UserName: 'alice', SerialNumber: serial });
      assert.deepEqual((await verify(h, serial, codeNow(h, seed))).ok, false);
      const unassigned = await h.call(ListVirtualMFADevices, { AssignmentStatus: 'Unassigned' });
      assert.deepEqual(unassigned.VirtualMFADevices, [{ SerialNumber: serial }]);
      await assert.rejects(
        h.call(DeactivateMFADevice, { UserName: 'alice', SerialNumber: serial }),
        wardenError('NoSuchEntity', /does not exist/),
      );
      await h.call(DeleteVirtualMFADevice, { SerialNumber: serial });
      await h.call(DeleteUser, { UserName: 'alice' });
      await assert.rejects(
        h.call(DeleteVirtualMFADevice, { SerialNumber: serial }),
        wardenError('NoSuchEntity', /does not exist/),
      );
    }));

  test('a deactivated device can be enabled again, but its used codes stay used', () =>
    withHarness(async (h) => {
      const { serial, seed } = await aliceWithDevice(h);
      await h.call(DeactivateMFADevice, { UserName: 'alice', SerialNumber: serial });
      h.clock.advance(-STEP);
      await assert.rejects(
        h.call(EnableMFADevice, { UserName: 'alice', SerialNumber: serial, ...twoCodes(h, seed) }),
        wardenError('InvalidAuthenticationCode', /not valid/),
      );
      h.clock.advance(3 * STEP);
      await h.call(EnableMFADevice, { UserName: 'alice', SerialNumber: serial, ...twoCodes(h, seed) });
    }));
});

describe('lists, tags, the root, the account summary', () => {
  test('ListVirtualMFADevices by AssignmentStatus, with the user and enable date; paginated', () =>
    withHarness(async (h) => {
      const { serial } = await aliceWithDevice(h);
      const spare = await createDevice(h, 'spare');
      const all = await h.call(ListVirtualMFADevices, {});
      assert.equal(all.VirtualMFADevices.length, 2);
      const assigned = await h.call(ListVirtualMFADevices, { AssignmentStatus: 'Assigned' });
      assert.equal(assigned.VirtualMFADevices.length, 1);
      const [entry] = assigned.VirtualMFADevices;
      assert.equal(entry?.SerialNumber, serial);
      assert.equal(entry?.User?.UserName, 'alice');
      assert.equal(entry?.User?.Arn, `${ACCT}:user/alice`);
      assert.ok(entry?.EnableDate instanceof Date);
      const first = await h.call(ListVirtualMFADevices, { MaxItems: 1 });
      assert.equal(first.IsTruncated, true);
      const rest = await h.call(ListVirtualMFADevices, { MaxItems: 1, Marker: first.Marker ?? '' });
      assert.deepEqual(
        [...first.VirtualMFADevices, ...rest.VirtualMFADevices].map((d) => d.SerialNumber).sort(),
        [serial, spare.serial].sort(),
      );
    }));

  test('ListMFADevices without UserName lists the caller own devices', () =>
    withHarness(async (h) => {
      const { serial } = await aliceWithDevice(h);
      const alice = await h.userCaller('alice');
      const own = await h.run(ListMFADevices, {}, alice);
      assert.deepEqual(
        own.MFADevices.map((d) => d.SerialNumber),
        [serial],
      );
    }));

  test('tags: add, overwrite, list, remove (keys are case-sensitive)', () =>
    withHarness(async (h) => {
      const { serial } = await createDevice(h);
      await h.call(TagMFADevice, { SerialNumber: serial, Tags: tags(['a', '1'], ['A', '2']) });
      await h.call(TagMFADevice, { SerialNumber: serial, Tags: tags(['a', '3']) });
      assert.deepEqual(
        (await h.call(ListMFADeviceTags, { SerialNumber: serial })).Tags,
        tags(['A', '2'], ['a', '3']),
      );
      await h.call(UntagMFADevice, { SerialNumber: serial, TagKeys: ['A'] });
      assert.deepEqual((await h.call(ListMFADeviceTags, { SerialNumber: serial })).Tags, tags(['a', '3']));
      await assert.rejects(
        h.call(TagMFADevice, { SerialNumber: `${ACCT}:mfa/none`, Tags: tags(['a', '1']) }),
        wardenError('NoSuchEntity', /does not exist/),
      );
    }));

  test("the root's own MFA (the console enables it), listed and deactivated by the root; the summary", () =>
    withHarness(async (h) => {
      await aliceWithDevice(h);
      const root = await createDevice(h, 'root-device');
      await createDevice(h, 'spare');
      await h.store.transaction((tx) =>
        enableMfaDevice(
          { store: tx, secrets: h.secrets, clock: h.clock },
          ROOT_OWNER,
          root.serial,
          twoCodes(h, root.seed).AuthenticationCode1,
          twoCodes(h, root.seed).AuthenticationCode2,
        ),
      );
      const own = await h.call(ListMFADevices, {});
      assert.deepEqual(
        own.MFADevices.map((d) => [d.UserName, d.SerialNumber]),
        [['123456789012', root.serial]],
      );
      const listed = await h.call(ListVirtualMFADevices, { AssignmentStatus: 'Assigned' });
      const rootEntry = listed.VirtualMFADevices.find((d) => d.SerialNumber === root.serial);
      assert.equal(rootEntry?.User?.Arn, `${ACCT}:root`);
      const summary = (await h.call(GetAccountSummary, {})).SummaryMap;
      assert.deepEqual([summary.MFADevices, summary.MFADevicesInUse, summary.AccountMFAEnabled], [3, 2, 1]);
      assert.equal((await verify(h, root.serial, codeNow(h, root.seed, 1))).ok, true);
      await h.call(DeactivateMFADevice, { SerialNumber: root.serial });
      assert.equal((await h.call(GetAccountSummary, {})).SummaryMap.AccountMFAEnabled, 0);
    }));
});

describe('"deny everything unless MFA, except managing your own MFA" (AWS documented policy)', () => {
  // From the IAM User Guide's example "Allows MFA-authenticated IAM users to manage their own MFA
  // device", reduced to the MFA statements. Requests signed with long-term keys carry no
  // aws:MultiFactorAuthPresent, so BoolIfExists ... false denies them.
  const policy = doc(
    {
      Sid: 'AllowManageOwnVirtualMFADevice',
      Effect: 'Allow',
      Action: ['iam:CreateVirtualMFADevice'],
      Resource: 'arn:aws:iam::*:mfa/*',
    },
    {
      Sid: 'AllowManageOwnUserMFA',
      Effect: 'Allow',
      Action: ['iam:DeactivateMFADevice', 'iam:EnableMFADevice', 'iam:ListMFADevices', 'iam:ResyncMFADevice'],
      Resource: 'arn:aws:iam::*:user/${aws:username}',
    },
    {
      Sid: 'DenyAllExceptListedIfNoMFA',
      Effect: 'Deny',
      NotAction: [
        'iam:CreateVirtualMFADevice',
        'iam:EnableMFADevice',
        'iam:GetUser',
        'iam:ListMFADevices',
        'iam:ListVirtualMFADevices',
        'iam:ResyncMFADevice',
        'sts:GetSessionToken',
      ],
      Resource: '*',
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    },
    { Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' },
  );

  test('without MFA the user can set up its own device, and nothing else', () =>
    withHarness(async (h) => {
      await h.call(CreateUser, { UserName: 'alice' });
      await h.call(CreateUser, { UserName: 'bob' });
      await putUserPolicy(h, 'alice', 'mfa', policy);
      const alice = await h.userCaller('alice');
      const { serial, seed } = await createDevice(h, 'alice', alice);
      await h.call(EnableMFADevice, { UserName: 'alice', SerialNumber: serial, ...twoCodes(h, seed) }, alice);
      assert.equal((await h.call(ListMFADevices, {}, alice)).MFADevices.length, 1);
      await assert.rejects(h.call(ListUsers, {}, alice), wardenError('AccessDenied', /explicit deny/));
      await assert.rejects(h.call(CreateAccessKey, {}, alice), wardenError('AccessDenied', /explicit deny/));
      // Not someone else's MFA.
      const other = await createDevice(h, 'bob');
      await assert.rejects(
        h.call(
          EnableMFADevice,
          { UserName: 'bob', SerialNumber: other.serial, ...twoCodes(h, other.seed) },
          alice,
        ),
        wardenError('AccessDenied', /user\/bob because no identity-based policy allows/),
      );
      // Deactivating is not in the NotAction list: without MFA it is denied, as AWS documents.
      await assert.rejects(
        h.call(DeactivateMFADevice, { SerialNumber: serial }, alice),
        wardenError('AccessDenied', /explicit deny/),
      );
    }));
});
