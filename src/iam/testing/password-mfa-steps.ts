import { decodeInput } from '../../protocol/index.ts';
import type { ActionDefinition } from '../action.ts';
import { iamActions } from '../registry.ts';
import { codeAt, timeStep } from '../totp.ts';
import type { Harness } from './harness.ts';

/**
 * The password policy and MFA actions through the wire decoder, for the wire-shapes scenario:
 * alice (who must exist, without a login profile) gets a password, changes it, gets a virtual MFA
 * device enabled, resynced, tagged, listed, deactivated and deleted. Returns each action's output.
 */
export async function passwordAndMfaSteps(h: Harness): Promise<[string, unknown][]> {
  const results: [string, unknown][] = [];
  const step = async (name: string, params: Record<string, string>, as?: 'alice'): Promise<unknown> => {
    const action = iamActions.get(name) as ActionDefinition<Record<string, unknown>, unknown> | undefined;
    if (action === undefined) throw new Error(`no action ${name}`);
    const input = decodeInput('iam', name, new URLSearchParams(params));
    const caller = as === undefined ? undefined : await h.userCaller(as);
    const output = await h.call(action, input, caller);
    results.push([name, output]);
    return output;
  };
  await step('UpdateAccountPasswordPolicy', {
    MinimumPasswordLength: '10',
    RequireSymbols: 'true',
    AllowUsersToChangePassword: 'true',
    MaxPasswordAge: '90',
    PasswordReusePrevention: '3',
  });
  await step('GetAccountPasswordPolicy', {});
  await step('CreateLoginProfile', { UserName: 'alice', Password: 'First-Password-1' });
  await step(
    'ChangePassword',
    { OldPassword: 'First-Password-1', NewPassword: 'Second-Password-2' },
    'alice',
  );
  await step('DeleteLoginProfile', { UserName: 'alice' });
  await step('DeleteAccountPasswordPolicy', {});

  const serial = 'arn:aws:iam::123456789012:mfa/devices/alice-phone';
  const created = (await step('CreateVirtualMFADevice', {
    Path: '/devices/',
    VirtualMFADeviceName: 'alice-phone',
    'Tags.member.1.Key': 'k',
    'Tags.member.1.Value': 'v',
  })) as { VirtualMFADevice: { Base32StringSeed: Uint8Array } };
  const seed = Buffer.from(created.VirtualMFADevice.Base32StringSeed).toString('ascii');
  const now = timeStep(h.clock.now());
  const codes = (at: number) => ({
    AuthenticationCode1: codeAt(seed, at - 1),
    AuthenticationCode2: codeAt(seed, at),
  });
  await step('EnableMFADevice', { UserName: 'alice', SerialNumber: serial, ...codes(now) });
  h.clock.advance(5 * 60 * 1000);
  await step('ResyncMFADevice', { UserName: 'alice', SerialNumber: serial, ...codes(now + 12) });
  await step('ListMFADevices', { UserName: 'alice' });
  await step('ListVirtualMFADevices', { AssignmentStatus: 'Assigned' });
  await step('GetMFADevice', { UserName: 'alice', SerialNumber: serial });
  await step('TagMFADevice', {
    SerialNumber: serial,
    'Tags.member.1.Key': 'env',
    'Tags.member.1.Value': 'x',
  });
  await step('ListMFADeviceTags', { SerialNumber: serial });
  await step('UntagMFADevice', { SerialNumber: serial, 'TagKeys.member.1': 'env' });
  await step('DeactivateMFADevice', { UserName: 'alice', SerialNumber: serial });
  await step('DeleteVirtualMFADevice', { SerialNumber: serial });
  return results;
}
