import { parseArgs } from 'node:util';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { signRequest, type SigningCredentials } from '../protocol/index.ts';

/**
 * `warden workload register`: a client of the admin API (POST /admin/v1/workloads), signed with
 * the caller's own AWS credentials from the standard chain (environment, profile, SSO, ...),
 * like any AWS CLI command. Prints the answer: the workload id, its token (shown once), its IMDS
 * endpoint and its container credentials URI.
 */

export const WORKLOAD_USAGE = `  workload register     Bind a workload to an instance profile or a role (needs
                        warden:RegisterWorkload and iam:PassRole); prints its id, token and endpoints
            --instance-profile NAME | --role NAME
            --endpoint-url URL     Warden's URL (env AWS_ENDPOINT_URL, default http://127.0.0.1:8642)
            --profile NAME         AWS profile whose credentials sign the request
            --region REGION        signing region (env AWS_REGION, default us-east-1)`;

type Out = { log(line: string): void; error(line: string): void };

export interface WorkloadCommandDeps {
  readonly env: Record<string, string | undefined>;
  readonly now: () => Date;
  readonly credentials: (profile: string | undefined) => Promise<SigningCredentials>;
  readonly fetch: typeof fetch;
  readonly out: Out;
}

const defaultDeps = (): WorkloadCommandDeps => ({
  env: process.env,
  now: () => new Date(),
  credentials: async (profile) => {
    const found = await defaultProvider(profile === undefined ? {} : { profile })();
    return {
      accessKeyId: found.accessKeyId,
      secretAccessKey: found.secretAccessKey,
      ...(found.sessionToken !== undefined && { sessionToken: found.sessionToken }),
    };
  },
  fetch,
  out: console,
});

export async function workloadCommand(
  args: string[],
  deps: WorkloadCommandDeps = defaultDeps(),
): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'register') {
    deps.out.error(`warden workload: unknown subcommand '${sub ?? ''}'\n\n${WORKLOAD_USAGE}`);
    return 2;
  }
  let values;
  try {
    values = parseArgs({
      args: rest,
      options: {
        'instance-profile': { type: 'string' },
        role: { type: 'string' },
        'endpoint-url': { type: 'string' },
        profile: { type: 'string' },
        region: { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (error) {
    deps.out.error(`warden workload register: ${(error as Error).message}`);
    return 2;
  }
  const profileName = values['instance-profile'];
  if ((profileName === undefined) === (values.role === undefined)) {
    deps.out.error('warden workload register: give exactly one of --instance-profile and --role');
    return 2;
  }
  const body = profileName === undefined ? { RoleName: values.role } : { InstanceProfileName: profileName };
  const endpoint = values['endpoint-url'] ?? deps.env.AWS_ENDPOINT_URL ?? 'http://127.0.0.1:8642';
  const region = values.region ?? deps.env.AWS_REGION ?? deps.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  let credentials: SigningCredentials;
  try {
    credentials = await deps.credentials(values.profile);
  } catch (error) {
    deps.out.error(`warden workload register: no AWS credentials found: ${(error as Error).message}`);
    return 1;
  }
  const url = new URL('/admin/v1/workloads', endpoint);
  const text = JSON.stringify(body);
  const headers = signRequest({
    method: 'POST',
    path: url.pathname,
    headers: { host: url.host, 'content-type': 'application/json' },
    body: text,
    region,
    service: 'warden',
    credentials,
    now: deps.now(),
    contentSha256: true,
  });
  const response = await deps.fetch(url, { method: 'POST', headers, body: text });
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok) {
    deps.out.error(JSON.stringify(answer, null, 2));
    return 1;
  }
  deps.out.log(JSON.stringify(answer, null, 2));
  return 0;
}
