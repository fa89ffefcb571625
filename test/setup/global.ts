// Runs once before the whole test run: says plainly whether the PostgreSQL leg runs, and fails
// fast when it was asked for but the server cannot be reached.
import pg from 'pg';

export default async function setup(): Promise<void> {
  const url = process.env.TEST_POSTGRES_URL;
  if (!url) {
    console.warn(
      'PostgreSQL leg skipped: TEST_POSTGRES_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test). SQLite suites run.',
    );
    return;
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (err) {
    throw new Error(
      `TEST_POSTGRES_URL is set but PostgreSQL is not reachable at ${redact(url)}: ${String(err)}`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
