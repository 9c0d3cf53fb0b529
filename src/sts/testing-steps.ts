import type { ActionDefinition, Caller } from '../iam/action.ts';
import { encodeDenial } from '../iam/authz/index.ts';
import { iamActions } from '../iam/registry.ts';
import type { Harness } from '../iam/testing/harness.ts';
import { decodeInput, type ServiceName } from '../protocol/index.ts';
import { stsActions } from './registry.ts';

/**
 * The STS actions through the wire decoder, for the wire-shapes scenario: a user assumes a role
 * with every session parameter, gets a session token, looks a key up. Leaves nothing behind.
 * Returns each action's output.
 */
export async function stsSteps(h: Harness): Promise<[string, unknown][]> {
  const results: [string, unknown][] = [];
  const step = async (
    service: ServiceName,
    name: string,
    params: Record<string, string>,
    caller?: Caller,
  ) => {
    const action = (service === 'iam' ? iamActions : stsActions).get(name) as
      ActionDefinition<Record<string, unknown>, unknown> | undefined;
    if (action === undefined) throw new Error(`no action ${name}`);
    const output = await h.call(action, decodeInput(service, name, new URLSearchParams(params)), caller);
    if (service === 'sts') results.push([name, output]);
    return output;
  };
  const userArn = `arn:aws:iam::${h.account.id}:user/sts-user`;
  const roleArn = `arn:aws:iam::${h.account.id}:role/sts-role`;
  await step('iam', 'CreateUser', { UserName: 'sts-user' });
  await step('iam', 'CreateRole', {
    RoleName: 'sts-role',
    AssumeRolePolicyDocument: JSON.stringify({
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Principal: { AWS: userArn },
        Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
      },
    }),
  });
  const user = await h.userCaller('sts-user');
  await step(
    'sts',
    'AssumeRole',
    {
      RoleArn: roleArn,
      RoleSessionName: 'wire',
      DurationSeconds: '900',
      Policy: '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:Get*","Resource":"*"}}',
      'PolicyArns.member.1.arn': 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      'Tags.member.1.Key': 'team',
      'Tags.member.1.Value': 'blue',
      'TransitiveTagKeys.member.1': 'team',
      ExternalId: 'ext-id',
      SourceIdentity: 'alice',
    },
    user,
  );
  const token = (await step('sts', 'GetSessionToken', { DurationSeconds: '900' }, user)) as {
    Credentials: { AccessKeyId: string };
  };
  await step('sts', 'GetFederationToken', {
    Name: 'fed-user',
    DurationSeconds: '900',
    Policy: '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:Get*","Resource":"*"}}',
    'PolicyArns.member.1.arn': 'arn:aws:iam::aws:policy/ReadOnlyAccess',
    'Tags.member.1.Key': 'team',
    'Tags.member.1.Value': 'blue',
  });
  await step('sts', 'GetAccessKeyInfo', { AccessKeyId: token.Credentials.AccessKeyId });
  const facts = await h.store.transaction((tx) => Promise.resolve(h.context(tx).request));
  const decision = {
    effect: 'ImplicitDeny',
    decidedBy: 'identity',
    matched: [],
    missingContextKeys: [],
  } as const;
  const encoded = encodeDenial(
    h.secrets,
    { caller: user, permission: 'iam:CreateUser', resource: '*', decision },
    facts,
  );
  await step('sts', 'DecodeAuthorizationMessage', { EncodedMessage: encoded });
  await step('iam', 'DeleteRole', { RoleName: 'sts-role' });
  await step('iam', 'DeleteUser', { UserName: 'sts-user' });
  return results;
}
