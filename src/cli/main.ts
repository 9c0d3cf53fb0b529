import { parseArgs } from 'node:util';
import { resolveConfig } from '../server/config.ts';
import { ACCOUNT_USAGE, accountCommand } from './account.ts';
import { ADMIN_USAGE, adminCommand } from './admin.ts';
import { EVENTS_USAGE, eventsCommand } from './events.ts';
import { startServer } from '../server/server.ts';
import { WORKLOAD_USAGE, workloadCommand } from './workload.ts';

const USAGE = `Usage: warden <command> [options]

Commands:
  serve     Start the IAM/STS server
            --host HOST        listen address (env WARDEN_HOST, default 127.0.0.1)
            --port PORT        listen port (env WARDEN_PORT, default 8642; 0 = any free port)
            --data-dir DIR     data directory (env WARDEN_DATA_DIR, default ./warden-data)
${ADMIN_USAGE}
${ACCOUNT_USAGE}
${EVENTS_USAGE}
${WORKLOAD_USAGE}
  help      Show this text

Environment: WARDEN_MASTER_KEY (base64, 32 bytes), WARDEN_ACCOUNT_ID (12 digits),
WARDEN_ROOT_ACCESS_KEY_ID + WARDEN_ROOT_SECRET_ACCESS_KEY, WARDEN_TEST_HOOKS=1,
WARDEN_ROOT_EMAIL + WARDEN_ROOT_PASSWORD, WARDEN_MASTER_KEY_PREVIOUS, WARDEN_CONSOLE_* and
WARDEN_SIGNIN_* (README.md).`;

/** The `warden` command. Returns the exit code; `serve` returns when the server has shut down. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve(rest);
    case 'workload':
      return workloadCommand(rest);
    case 'events':
      return eventsCommand(rest);
    case 'account':
      return accountCommand(rest);
    case 'root':
    case 'master-key':
      return adminCommand(command, rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return 0;
    default:
      console.error(`warden: unknown command '${command}'\n\n${USAGE}`);
      return 2;
  }
}

async function serve(args: string[]): Promise<number> {
  let config;
  try {
    const { values } = parseArgs({
      args,
      options: { host: { type: 'string' }, port: { type: 'string' }, 'data-dir': { type: 'string' } },
      strict: true,
    });
    config = resolveConfig(process.env, {
      ...(values.host !== undefined && { host: values.host }),
      ...(values.port !== undefined && { port: values.port }),
      ...(values['data-dir'] !== undefined && { dataDir: values['data-dir'] }),
    });
  } catch (error) {
    console.error(`warden serve: ${(error as Error).message}`);
    return 2;
  }
  const server = await startServer(config, { log: console });
  console.log(`Warden ${server.accountId} listening on ${server.url}`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      console.log('Warden shutting down: finishing in-flight requests');
      server.close().then(resolve, resolve);
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  return 0;
}
