import { parseArgs } from 'node:util';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import type { SigningCredentials } from '../protocol/index.ts';
import { adminRequest } from './admin-request.ts';

/**
 * `warden workload register | list | deregister`: a client of the admin API (/admin/v1/workloads),
 * signed with the caller's own AWS credentials from the standard chain (environment, profile,
 * SSO, ...), like any AWS CLI command. Prints the answer: for register the workload id, its token
 * (shown once), its IMDS endpoint and its container credentials URI.
 */

export const WORKLOAD_USAGE = `  workload register     Bind a workload to an instance profile or a role (needs
                        warden:RegisterWorkload and iam:PassRole); prints its id, token and endpoints
            --instance-profile NAME | --role NAME
  workload list         The account's workloads (warden:ListWorkloads)
  workload deregister   Close a workload's endpoints (warden:DeregisterWorkload); --id i-...
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

const OPTIONS = {
  'instance-profile': { type: 'string' },
  role: { type: 'string' },
  id: { type: 'string' },
  'endpoint-url': { type: 'string' },
  profile: { type: 'string' },
  region: { type: 'string' },
} as const;

type Values = { [K in keyof typeof OPTIONS]?: string | undefined };

export async function workloadCommand(
  args: string[],
  deps: WorkloadCommandDeps = defaultDeps(),
): Promise<number> {
  const [sub, ...rest] = args;
  let values: Values;
  try {
    values = parseArgs({ args: rest, options: OPTIONS, strict: true }).values;
  } catch (error) {
    deps.out.error(`warden workload ${sub ?? ''}: ${(error as Error).message}`);
    return 2;
  }
  switch (sub) {
    case 'register': {
      const profileName = values['instance-profile'];
      if ((profileName === undefined) === (values.role === undefined)) {
        deps.out.error('warden workload register: give exactly one of --instance-profile and --role');
        return 2;
      }
      const body =
        profileName === undefined ? { RoleName: values.role } : { InstanceProfileName: profileName };
      return adminCall(deps, values, 'POST', '/admin/v1/workloads', body);
    }
    case 'list':
      return adminCall(deps, values, 'GET', '/admin/v1/workloads');
    case 'deregister':
      if (values.id === undefined) {
        deps.out.error('warden workload deregister: --id i-... is required');
        return 2;
      }
      return adminCall(
        deps,
        values,
        'DELETE',
        `/admin/v1/workloads?WorkloadId=${encodeURIComponent(values.id)}`,
      );
    default:
      deps.out.error(`warden workload: unknown subcommand '${sub ?? ''}'\n\n${WORKLOAD_USAGE}`);
      return 2;
  }
}

/** One signed admin API call; prints the JSON answer (errors to stderr, exit code 1). */
async function adminCall(
  deps: WorkloadCommandDeps,
  values: Values,
  method: string,
  pathAndQuery: string,
  body?: unknown,
): Promise<number> {
  const endpoint = values['endpoint-url'] ?? deps.env.AWS_ENDPOINT_URL ?? 'http://127.0.0.1:8642';
  const region = values.region ?? deps.env.AWS_REGION ?? deps.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  let credentials: SigningCredentials;
  try {
    credentials = await deps.credentials(values.profile);
  } catch (error) {
    deps.out.error(`warden workload: no AWS credentials found: ${(error as Error).message}`);
    return 1;
  }
  const target = { endpoint, credentials, region, now: deps.now, fetch: deps.fetch };
  const response = await adminRequest(target, method, pathAndQuery, body);
  if (!response.ok) {
    deps.out.error(JSON.stringify(response.body, null, 2));
    return 1;
  }
  deps.out.log(JSON.stringify(response.body, null, 2));
  return 0;
}
