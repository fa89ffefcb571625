// No high or critical advisory in the production dependencies (`npm audit --omit=dev`). The test
// asks the registry; when the registry's audit endpoint cannot be reached it skips with one line
// saying so (CI reaches npm, so there it always runs).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface AuditReport {
  metadata?: { vulnerabilities?: Record<string, number> };
  vulnerabilities?: Record<string, { severity: string; via: unknown[]; fixAvailable: unknown }>;
  error?: { code?: string; summary?: string; detail?: string };
  message?: string;
  statusCode?: number;
}

function npmAudit(): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['audit', '--omit=dev', '--json'],
      {
        cwd: ROOT,
        timeout: 90_000,
        maxBuffer: 32 * 1024 * 1024,
        env: { ...process.env, npm_config_audit_level: 'high' },
      },
      // npm audit exits non-zero when it finds advisories: the JSON says what it found.
      (_error, stdout, stderr) => resolve({ stdout, stderr }),
    );
  });
}

/** Why the audit could not be asked, or undefined when it answered. */
function unreachable(report: AuditReport | undefined, stderr: string): string | undefined {
  if (report?.metadata?.vulnerabilities !== undefined) return undefined;
  const said = `${report?.message ?? ''} ${report?.error?.summary ?? ''} ${stderr}`;
  const network =
    /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|audit endpoint returned an error|\b(405|5\d\d)\b/;
  return network.test(said) ? said.replace(/\s+/g, ' ').trim().slice(0, 200) : undefined;
}

describe('production dependencies', () => {
  it('have no high or critical advisory (npm audit --omit=dev)', async (context) => {
    const { stdout, stderr } = await npmAudit();
    let report: AuditReport | undefined;
    try {
      report = JSON.parse(stdout) as AuditReport;
    } catch {
      report = undefined;
    }
    const why = unreachable(report, stderr);
    if (why !== undefined) {
      console.warn(`npm audit skipped: the registry's audit endpoint is unreachable from here (${why})`);
      context.skip();
      return;
    }
    expect(
      report?.metadata?.vulnerabilities,
      `npm audit answered no report:\n${stdout}\n${stderr}`,
    ).toBeDefined();
    const serious = Object.entries(report!.vulnerabilities ?? {})
      .filter(([, v]) => v.severity === 'high' || v.severity === 'critical')
      .map(([name, v]) => `${name} (${v.severity}; fix: ${JSON.stringify(v.fixAvailable)})`);
    expect(serious, 'high or critical advisories in production dependencies').toEqual([]);
  }, 120_000);
});
