import { describe, expect, it } from 'vitest';
import { ConfigError, parseDatabaseUrl, productionProblems, readConfig } from './config.ts';

describe('readConfig', () => {
  it('runs with nothing set: SQLite under ./data, the demo-friendly defaults', () => {
    const config = readConfig({});
    expect(config.database).toMatchObject({ kind: 'sqlite' });
    expect(config.database.kind === 'sqlite' && config.database.path.endsWith('/data/thena-hubspot.db')).toBe(
      true,
    );
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', embeddedWorker: true, hubspot: undefined });
    expect(productionProblems(config)).toHaveLength(5);
  });

  it('names every wrong variable and what it expects, all at once', () => {
    const read = () =>
      readConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://u:pw@h/db',
        ENCRYPTION_KEY: 'short',
        LOG_LEVEL: 'loud',
        EMBEDDED_WORKER: 'maybe',
        PUBLIC_URL: 'ftp://x',
        HUBSPOT_CLIENT_ID: 'id-only',
      });
    expect(read).toThrow(ConfigError);
    try {
      read();
    } catch (err) {
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toContain('PORT: expected an integer from 0 to 65535, got "eighty"');
      expect(problems).toContain('DATABASE_URL: expected sqlite:<path> or postgres://');
      expect(problems).not.toContain(':pw@'); // the password stays out of the message
      expect(problems).toContain('ENCRYPTION_KEY: expected 32 bytes');
      expect(problems).toContain('LOG_LEVEL: expected one of');
      expect(problems).toContain('EMBEDDED_WORKER: expected true or false');
      expect(problems).toContain('PUBLIC_URL: expected an http(s) URL');
      expect(problems).toContain(
        'HUBSPOT_CLIENT_ID, HUBSPOT_CLIENT_SECRET and HUBSPOT_APP_ID must be set together',
      );
    }
  });

  it('reads a production configuration', () => {
    const config = readConfig({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      ENCRYPTION_KEY: 'a'.repeat(64),
      HUBSPOT_CLIENT_ID: 'cid',
      HUBSPOT_CLIENT_SECRET: 'secret',
      HUBSPOT_APP_ID: '42',
      PUBLIC_URL: 'https://sync.example.com/',
      ADMIN_TOKEN: 'x'.repeat(32),
      THENA_WEBHOOK_SECRET: 'whsec',
    });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/test' });
    expect(config.encryptionKey?.length).toBe(32);
    expect(config.publicUrl).toBe('https://sync.example.com');
    expect(config.hubspot).toMatchObject({ clientId: 'cid', appId: '42', apiUrl: 'https://api.hubapi.com' });
    expect(productionProblems(config)).toEqual([]);
  });
});

describe('parseDatabaseUrl', () => {
  it('accepts sqlite paths and postgres URLs', () => {
    expect(parseDatabaseUrl('sqlite::memory:', '/d')).toEqual({ kind: 'sqlite', path: ':memory:' });
    expect(parseDatabaseUrl('sqlite:/var/lib/x.db', '/d')).toEqual({ kind: 'sqlite', path: '/var/lib/x.db' });
    expect(parseDatabaseUrl('postgresql://h/db', '/d')).toEqual({
      kind: 'postgres',
      url: 'postgresql://h/db',
    });
    expect(parseDatabaseUrl('sqlite:', '/d')).toContain('needs a file path');
  });
});
