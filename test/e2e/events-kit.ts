import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'warden.mjs');

/** Runs `warden events ARGS` on a data directory; returns its JSON Lines parsed, and its exit code. */
export function wardenEvents(
  dataDir: string,
  args: string[],
): Promise<{ code: number | null; events: Record<string, unknown>[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'events', '--data-dir', dataDir, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const events = stdout
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      resolve({ code, events, stderr });
    });
  });
}

/** `warden events` until it finds what `until` wants (the server writes its queue every second). */
export async function eventsEventually(
  dataDir: string,
  args: string[],
  until: (events: Record<string, unknown>[]) => boolean,
  timeoutMs = 8000,
): Promise<Record<string, unknown>[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { code, events, stderr } = await wardenEvents(dataDir, args);
    if (code === 0 && until(events)) return events;
    if (Date.now() > deadline) {
      throw new Error(`warden events ${args.join(' ')}: exit ${code}, ${events.length} events ${stderr}`);
    }
    await sleep(300);
  }
}
