import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.ts';

describe('health routes', () => {
  it('answers /healthz, and /readyz with each check', async () => {
    let databaseUp = true;
    const app = await buildServer({
      logger: pino({ level: 'silent' }),
      readiness: {
        database: async () => {
          if (!databaseUp) throw new Error('down');
        },
      },
    });
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app.inject('/readyz');
    expect([ready.statusCode, ready.json()]).toEqual([200, { status: 'ready', checks: { database: 'ok' } }]);
    databaseUp = false;
    const notReady = await app.inject('/readyz');
    expect([notReady.statusCode, notReady.json()]).toEqual([
      503,
      { status: 'not_ready', checks: { database: 'failing' } },
    ]);
    const missing = await app.inject('/nope?x=1');
    expect([missing.statusCode, missing.json()]).toEqual([
      404,
      { error: { code: 'not_found', message: 'No route for GET /nope' } },
    ]);
    await app.close();
  });
});
