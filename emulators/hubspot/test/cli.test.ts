// The command line: `npm run emulator:hubspot -- ...` starts a seeded emulator and prints how to use it.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));
let child: ChildProcess | undefined;

afterAll(() => {
  child?.kill('SIGTERM');
});

function waitForOutput(process: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`no match for ${String(pattern)} in: ${output}`)),
      20_000,
    );
    process.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    });
    process.on('exit', (code) => reject(new Error(`exited with ${String(code)}: ${output}`)));
  });
}

describe('cli', () => {
  it('starts on the given port with a seeded portal and the given app', async () => {
    child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        cli,
        '--port',
        '0',
        '--seed-contacts',
        '5',
        '--seed-companies',
        '2',
        '--client-id',
        'cli-client',
        '--app-id',
        '777',
        '--rate-limit',
        'starter',
        '--latency',
        '1',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const output = await waitForOutput(child, /private-app token (\S+)/);
    const url = /listening on (\S+)/.exec(output)?.[1] as string;
    const token = /private-app token (\S+)/.exec(output)?.[1] as string;
    expect(output).toContain('client_id=cli-client');
    expect(output).toContain('app 777');
    const response = await fetch(`${url}/crm/v3/objects/contacts?limit=10`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-hubspot-ratelimit-daily')).toBe('250000');
    const body = (await response.json()) as { results: unknown[] };
    expect(body.results).toHaveLength(5);
  });
});
