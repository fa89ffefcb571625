// The dependency check must fail on a broken rule, not just pass on a clean tree.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = new URL('../scripts/check-deps.ts', import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), 'check-deps-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

function check(): { ok: boolean; output: string } {
  try {
    return {
      ok: true,
      output: execFileSync(process.execPath, ['--import', 'tsx', SCRIPT, root], { encoding: 'utf8' }),
    };
  } catch (err) {
    return { ok: false, output: String((err as { stderr: string }).stderr) };
  }
}

describe('dependency rules check', () => {
  it('passes a tree that follows the rules', () => {
    write('src/sync/a.ts', "import { createHash } from 'node:crypto';\nexport const a = createHash;\n");
    write('src/hubspot/client.ts', "import { a } from '../sync/a.ts';\nexport const c = a;\n");
    expect(check().ok).toBe(true);
  });

  it('fails when the core does I/O, adapters import each other, or an emulator imports src/', () => {
    write('src/sync/bad.ts', "import { readFileSync } from 'node:fs';\nexport const b = readFileSync;\n");
    write('src/thena/bad.ts', "import { c } from '../hubspot/client.ts';\nexport const d = c;\n");
    write('emulators/hubspot/bad.ts', "import { a } from '../../src/sync/a.ts';\nexport const e = a;\n");
    const { ok, output } = check();
    expect(ok).toBe(false);
    expect(output).toContain('src/sync/bad.ts imports package node:fs');
    expect(output).toContain('src/thena/bad.ts imports src/hubspot/client.ts');
    expect(output).toContain('emulators/hubspot/bad.ts imports src/sync/a.ts');
  });
});
