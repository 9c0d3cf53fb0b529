import { decodeInput } from '../../protocol/index.ts';
import type { ActionDefinition } from '../action.ts';
import { AccessTracker } from '../access-advisor/tracker.ts';
import { iamActions } from '../registry.ts';
import type { Harness } from './harness.ts';

const ALLOW_IAM =
  '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["iam:*","s3:*"],"Resource":"*"}}';

/**
 * The access advisor actions through the wire decoder, for the wire-shapes scenario: alice (at
 * /ops/ by then) gets a policy and uses IAM, an ACTION_LEVEL report on her is generated and read,
 * with entities; then her policy goes again. Returns each output.
 */
export async function accessAdvisorSteps(h: Harness): Promise<[string, unknown][]> {
  const results: [string, unknown][] = [];
  const step = async (name: string, params: Record<string, string>): Promise<unknown> => {
    const action = iamActions.get(name) as ActionDefinition<Record<string, unknown>, unknown> | undefined;
    if (action === undefined) throw new Error(`no action ${name}`);
    const output = await h.call(action, decodeInput('iam', name, new URLSearchParams(params)));
    results.push([name, output]);
    return output;
  };
  await step('PutUserPolicy', { UserName: 'alice', PolicyName: 'advisor', PolicyDocument: ALLOW_IAM });
  const tracker = new AccessTracker({ storeOf: () => h.store, clock: h.clock, log: console });
  const alice = await h.userCaller('alice');
  tracker.track({
    accountId: h.account.id,
    caller: alice,
    permission: 'iam:GetUser',
    region: 'us-east-1',
    time: h.clock.now(),
  });
  await tracker.close();
  const Arn = 'arn:aws:iam::123456789012:user/ops/alice';
  const { JobId } = (await step('GenerateServiceLastAccessedDetails', {
    Arn,
    Granularity: 'ACTION_LEVEL',
  })) as {
    JobId: string;
  };
  await step('GetServiceLastAccessedDetails', { JobId, MaxItems: '1' });
  await step('GetServiceLastAccessedDetailsWithEntities', { JobId, ServiceNamespace: 'iam' });
  await step('ListPoliciesGrantingServiceAccess', {
    Arn,
    'ServiceNamespaces.member.1': 'iam',
    'ServiceNamespaces.member.2': 'ec2',
  });
  await step('DeleteUserPolicy', { UserName: 'alice', PolicyName: 'advisor' });
  return results;
}
