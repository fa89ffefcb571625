// A copy of the checkout with proposed engine patches applied, so a scenario can be measured
// before and after a patch in one run without touching the shared tree. node_modules is linked.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT } from './processes.ts';

const COPIED = ['src', 'bench', 'emulators', 'test', 'package.json', 'tsconfig.json'];

export function patchedTree(patches: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'thena-hubspot-patched-'));
  for (const entry of COPIED) {
    cpSync(join(ROOT, entry), join(dir, entry), {
      recursive: true,
      filter: (source) => !source.includes(join('bench', 'results')),
    });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  for (const patch of patches) execFileSync('git', ['apply', resolve(ROOT, patch)], { cwd: dir });
  return dir;
}
