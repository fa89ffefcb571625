import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { callJson } from './testing.ts';

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));

describe('emulator:thena command line', () => {
  it('starts with the given options, installs the app on request and stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        cli,
        '--port',
        '0',
        '--install',
        '--events-url',
        'http://127.0.0.1:9/events',
        '--webhook-secret',
        'cli-secret',
        '--rate-limit',
        'on',
        '--latency',
        '5',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await expect
        .poll(() => /bot token (pk_live_\w+)/.test(output), { timeout: 15_000, interval: 50 })
        .toBe(true);
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1] ?? '';
      const config = await callJson(url, 'GET', '/_emulator/config');
      expect(config.body).toMatchObject({
        eventsUrl: 'http://127.0.0.1:9/events',
        webhookSecret: 'cli-secret',
        latencyMs: 5,
        rateLimit: { enabled: true },
      });
      expect(output).not.toContain('cli-secret');
      const token = /bot token (pk_live_\w+)/.exec(output)?.[1] ?? '';
      expect((await callJson(url, 'GET', '/v1/accounts', { apiKey: token })).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });

  it('refuses a bad option value', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--rate-limit', 'maybe'], {
      stdio: 'pipe',
    });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(errors).toContain('--rate-limit must be on or off');
  });
});
