import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  eventToJson,
  FILTER_PARAMS,
  FilterError,
  markerOf,
  openEventReader,
  parseFilter,
  type EventFilter,
} from '../audit/index.ts';
import { systemClock } from '../core/index.ts';
import { resolveConfig } from '../server/config.ts';

export const EVENTS_USAGE = `  events    Print the event log as JSON Lines, oldest first (reads <data-dir>/events.db)
            --data-dir DIR     data directory (env WARDEN_DATA_DIR)
            --since T --until T  ISO 8601 time, or a duration ago: 90s, 15m, 1h, 2d, 1w
            --principal ARN    --action [SERVICE:]ACTION   --decision Allow|Deny|none
            --error CODE       --request-id ID   --account ID   --kind api|console|...
            --limit N          at most N events (default: all)
            --follow           keep printing new events as they are written (Ctrl-C stops)`;

export interface EventsOut {
  write(line: string): void;
  error(line: string): void;
}

const stdout: EventsOut = {
  write: (line) => process.stdout.write(`${line}\n`),
  error: (line) => console.error(line),
};

/** `warden events`: the filters of the admin API, on the data directory's file. */
export async function eventsCommand(
  args: string[],
  out: EventsOut = stdout,
  signal?: AbortSignal,
): Promise<number> {
  let values;
  let filter: EventFilter;
  try {
    const options = Object.fromEntries(FILTER_PARAMS.map((name) => [name, { type: 'string' as const }]));
    ({ values } = parseArgs({
      args,
      options: {
        ...options,
        'data-dir': { type: 'string' },
        limit: { type: 'string' },
        follow: { type: 'boolean' },
        'poll-ms': { type: 'string' },
      },
      strict: true,
    }));
    const v = values as Record<string, string | boolean | undefined>;
    filter = parseFilter((name) => v[name] as string | undefined, systemClock.now());
  } catch (error) {
    if (error instanceof FilterError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      out.error(`warden events: ${(error as Error).message}`);
      return 2;
    }
    throw error;
  }
  const dataDir = resolveConfig(process.env, {
    ...(values['data-dir'] !== undefined && { dataDir: values['data-dir'] }),
  }).dataDir;
  const path = join(dataDir, 'events.db');
  if (!existsSync(path)) {
    out.error(`warden events: no event log at ${path}`);
    return 1;
  }
  const limit = values.limit === undefined ? Infinity : Number(values.limit);
  const pollMs = Number(values['poll-ms'] ?? 1000);
  if (!(limit >= 1) || !(pollMs >= 10)) {
    out.error('warden events: --limit must be a positive number, --poll-ms at least 10');
    return 2;
  }
  const reader = openEventReader(path);
  try {
    let printed = 0;
    let after = 0;
    for (;;) {
      const page = reader.query(filter, {
        limit: Math.min(1000, limit - printed),
        ...(after > 0 && { marker: markerOf(after) }),
      });
      for (const event of page.events) out.write(JSON.stringify(eventToJson(event)));
      printed += page.events.length;
      after = page.events.at(-1)?.seq ?? after;
      if (printed >= limit) return 0;
      if (page.marker !== undefined) continue;
      if (values.follow !== true || signal?.aborted === true) return 0;
      await sleep(pollMs, undefined, signal === undefined ? {} : { signal }).catch(() => undefined);
    }
  } finally {
    reader.close();
  }
}
