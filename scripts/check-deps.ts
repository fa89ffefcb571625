// Fails when an import breaks the dependency rules of DEVELOPERS.md: dependencies point inward,
// adapters never import each other, the pure core does no I/O, emulators share no code with src/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

// The tree to check: the project by default, another folder when given (the check's own test).
const root = resolve(process.argv[2] ?? resolve(import.meta.dirname, '..'));

interface Rule {
  /** Folder (relative to the root, posix style) the rule applies to. */
  area: string;
  /** Project folders or files this area may import (its own folder is always allowed). */
  mayImport: string[];
  /** npm packages and node builtins this area may import; `*` allows any. */
  packages: string[] | '*';
}

const pureCorePackages = ['node:crypto'];

const rules: Rule[] = [
  { area: 'src/sync', mayImport: [], packages: pureCorePackages },
  { area: 'src/contracts', mayImport: [], packages: ['typebox'] },
  { area: 'src/hubspot', mayImport: ['src/sync', 'src/contracts'], packages: '*' },
  { area: 'src/thena', mayImport: ['src/sync', 'src/contracts'], packages: '*' },
  { area: 'src/store', mayImport: ['src/sync', 'src/contracts'], packages: '*' },
  // The queue lives in the store's database so that a job commits with the state it follows.
  { area: 'src/queue', mayImport: ['src/sync', 'src/store'], packages: '*' },
  { area: 'src/server', mayImport: ['src/sync', 'src/contracts'], packages: '*' },
  { area: 'src/web', mayImport: ['src/contracts'], packages: '*' },
  {
    area: 'src/cli',
    mayImport: ['src/sync', 'src/contracts', 'src/main.ts', 'src/config.ts', 'src/demo.ts', 'src/logging.ts'],
    packages: '*',
  },
  { area: 'emulators/hubspot', mayImport: [], packages: '*' },
  { area: 'emulators/thena', mayImport: [], packages: '*' },
];

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path));
    else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function importsOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      specifiers.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers;
}

function packageName(specifier: string): string {
  if (specifier.startsWith('node:')) return specifier;
  if (builtinModules.includes(specifier.split('/')[0] ?? '')) return `node:${specifier}`;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

const toPosix = (p: string): string => p.split(sep).join('/');
const within = (path: string, folder: string): boolean => path === folder || path.startsWith(`${folder}/`);

const problems: string[] = [];
for (const rule of rules) {
  const areaDir = join(root, rule.area);
  let files: string[];
  try {
    files = listFiles(areaDir);
  } catch {
    continue;
  }
  for (const file of files) {
    const from = toPosix(relative(root, file));
    // Tests of src/ may reach for helpers and frameworks; an emulator's tests stay apart from src/.
    if (/\.test\.tsx?$/.test(from) && from.startsWith('src/')) continue;
    for (const specifier of importsOf(file)) {
      if (specifier.startsWith('.')) {
        const target = toPosix(relative(root, resolve(dirname(file), specifier)));
        const allowed = within(target, rule.area) || rule.mayImport.some((f) => within(target, f));
        if (!allowed) problems.push(`${from} imports ${target}: ${rule.area} may not depend on it`);
      } else if (rule.packages !== '*') {
        const name = packageName(specifier);
        if (!rule.packages.includes(name)) {
          problems.push(`${from} imports package ${name}: ${rule.area} must stay free of I/O and frameworks`);
        }
      }
    }
  }
}

if (problems.length > 0) {
  console.error(`Dependency rules broken (${problems.length}):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('Dependency rules hold.');
