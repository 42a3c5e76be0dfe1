// The dependency rule (docs/architecture.md): the core imports nothing from the other layers; pages never import
// function code; functions never import pages. A plain scan of import/require statements.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const SOURCE = /\.(ts|tsx|js|jsx|mjs|cjs)$/;

interface ImportRef {
  specifier: string;
  line: number;
  typeOnly: boolean;
}

/** Removes comments, keeping line breaks so line numbers stay right. */
function stripComments(code: string): string {
  return code
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`\\])\/\/[^\n]*/g, '$1');
}

/** Every module specifier in import/export-from/require/dynamic import statements. */
function findImports(code: string): ImportRef[] {
  const src = stripComments(code);
  const refs: ImportRef[] = [];
  const lineAt = (index: number) => src.slice(0, index).split('\n').length;
  const patterns = [
    /(?:^|[;\n}])\s*(import|export)\s+(type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g, // import x from '…', export … from '…'
    /(?:^|[;\n}])\s*import\s*['"]([^'"]+)['"]/g, // import '…'
    /\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g, // require('…'), import('…')
  ];
  for (const [i, re] of patterns.entries()) {
    for (const m of src.matchAll(re)) {
      const specifier = i === 0 ? m[3]! : m[1]!;
      const typeOnly = i === 0 && !!m[2];
      refs.push({ specifier, line: lineAt(m.index! + m[0].length), typeOnly });
    }
  }
  return refs;
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else if (SOURCE.test(name)) out.push(path);
  }
  return out;
}

/** Where a specifier points inside the repository (relative, `@/` alias, or baseUrl-rooted), else null (a package). */
function target(fromFile: string, specifier: string): string | null {
  if (specifier.startsWith('.')) return resolve(dirname(fromFile), specifier);
  if (specifier.startsWith('@/')) return resolve(ROOT, 'src', specifier.slice(2));
  const firstSegment = specifier.split('/')[0]!;
  if (['src', 'server', 'local', 'scripts', 'test', 'bench', 'config'].includes(firstSegment)) return resolve(ROOT, specifier);
  return null;
}

const within = (path: string, dir: string) => path === dir || path.startsWith(dir + sep);
const rel = (path: string) => relative(ROOT, path);

const CORE = join(ROOT, 'src', 'core');
const CORE_PACKAGES = [/^zod$/, /^dayjs$/, /^dayjs\/plugin\/[\w-]+(\.js)?$/, /^chinese-days$/];

function coreViolations(file: string, code: string): string[] {
  const out: string[] = [];
  for (const ref of findImports(code)) {
    const to = target(file, ref.specifier);
    const ok = to ? within(to, CORE) : CORE_PACKAGES.some((re) => re.test(ref.specifier));
    if (!ok) out.push(`${rel(file)}:${ref.line} imports '${ref.specifier}'`);
  }
  // No Node built-ins by global either: the core is bundled into the mini-program.
  const src = stripComments(code);
  for (const m of src.matchAll(/\b(process\.|Buffer\.|__dirname|__filename|global\.)/g)) {
    out.push(`${rel(file)}:${src.slice(0, m.index).split('\n').length} uses Node global '${m[1]}'`);
  }
  return out;
}

const SERVER = join(ROOT, 'server');
const LOCAL = join(ROOT, 'local');
const CLIENT = join(ROOT, 'src', 'client');
const PAGE_DIRS = ['pages', 'packages', 'components'].map((d) => join(ROOT, 'src', d));

function frontEndViolations(file: string, code: string): string[] {
  const out: string[] = [];
  for (const ref of findImports(code)) {
    const to = target(file, ref.specifier);
    const serverSide = to ? within(to, SERVER) || within(to, LOCAL) : ['wx-server-sdk', 'better-sqlite3'].includes(ref.specifier);
    if (!serverSide) continue;
    if (ref.typeOnly && within(file, CLIENT)) continue; // the typed client reads the functions' action tables as types
    out.push(`${rel(file)}:${ref.line} imports '${ref.specifier}'`);
  }
  return out;
}

function serverViolations(file: string, code: string): string[] {
  const out: string[] = [];
  for (const ref of findImports(code)) {
    const to = target(file, ref.specifier);
    if (to && PAGE_DIRS.some((d) => within(to, d))) out.push(`${rel(file)}:${ref.line} imports '${ref.specifier}'`);
  }
  return out;
}

const FUNCTIONS = join(SERVER, 'functions');

/**
 * A function's folder imports no other function's folder, and server code outside server/functions imports no
 * function: what several functions need (a record's persistence) has one home beside them (server/cases, server/roster).
 * The registry files directly in server/functions (registry.ts, api.ts) gather the functions' tables.
 */
function crossFunctionViolations(file: string, code: string): string[] {
  const inFunctions = within(file, FUNCTIONS);
  if (inFunctions && dirname(file) === FUNCTIONS) return [];
  const own = inFunctions ? join(FUNCTIONS, relative(FUNCTIONS, file).split(sep)[0]!) : null;
  const out: string[] = [];
  for (const ref of findImports(code)) {
    const to = target(file, ref.specifier);
    if (to && within(to, FUNCTIONS) && !(own && within(to, own))) out.push(`${rel(file)}:${ref.line} imports '${ref.specifier}'`);
  }
  return out;
}

const read = (file: string) => readFileSync(file, 'utf8');

describe('the import scanner itself', () => {
  test('finds every statement form, with line numbers and type-only flags', () => {
    const code = [
      "import { z } from 'zod';",
      "import type { Foo } from '../../server/functions/registry';",
      "import Default, { a as b } from './calendar';",
      'import {',
      '  x,',
      "} from 'node:fs';",
      "import './side-effect';",
      "export * from './errors';",
      "export { y } from '@/pages/home';",
      "const fs = require('fs');",
      "const lazy = await import('dayjs/plugin/utc');",
      "// import nope from 'commented-out';",
      "/* import nope from 'block-comment'; */",
      "const url = 'https://example.com/path'; import late from 'late-one';",
    ].join('\n');
    const refs = findImports(code);
    expect(refs.map((r) => r.specifier).sort()).toEqual(
      ['zod', '../../server/functions/registry', './calendar', 'node:fs', './side-effect', './errors', '@/pages/home', 'fs', 'dayjs/plugin/utc', 'late-one'].sort(),
    );
    expect(refs.find((r) => r.specifier === 'node:fs')!.line).toBe(6);
    expect(refs.filter((r) => r.typeOnly).map((r) => r.specifier)).toEqual(['../../server/functions/registry']);
  });

  test('flags what the rule forbids', () => {
    const coreFile = join(CORE, 'example.ts');
    expect(coreViolations(coreFile, "import { z } from 'zod';\nimport dayjs from 'dayjs';\nimport utc from 'dayjs/plugin/utc';\nimport { isWorkday } from 'chinese-days';\nimport { ok } from './errors';")).toEqual([]);
    expect(coreViolations(coreFile, "import { readFileSync } from 'node:fs';")).toHaveLength(1);
    expect(coreViolations(coreFile, "import Taro from '@tarojs/taro';")).toHaveLength(1);
    expect(coreViolations(coreFile, "import cloud from 'wx-server-sdk';")).toHaveLength(1);
    expect(coreViolations(coreFile, "import { db } from '../../server/platform/store';")).toHaveLength(1);
    expect(coreViolations(coreFile, "import { call } from '@/client/call';")).toHaveLength(1);
    expect(coreViolations(coreFile, "const env = process.env.TARO_ENV;")).toHaveLength(1);

    const page = join(ROOT, 'src', 'pages', 'home', 'index.tsx');
    const client = join(CLIENT, 'call.ts');
    expect(frontEndViolations(page, "import { main } from '../../../server/functions/cases';")).toHaveLength(1);
    expect(frontEndViolations(page, "import type { Actions } from '../../../server/functions/cases';")).toHaveLength(1);
    expect(frontEndViolations(page, "import { generateTown } from '../../../local/seed/generate';")).toHaveLength(1);
    expect(frontEndViolations(page, "import cloud from 'wx-server-sdk';")).toHaveLength(1);
    expect(frontEndViolations(page, "import { ok } from '@/core/errors';")).toEqual([]);
    expect(frontEndViolations(client, "import type { Actions } from '../../server/functions/registry';")).toEqual([]);
    expect(frontEndViolations(client, "import { actions } from '../../server/functions/registry';")).toHaveLength(1);

    const fn = join(SERVER, 'functions', 'cases', 'actions.ts');
    expect(serverViolations(fn, "import Home from '../../../src/pages/home';")).toHaveLength(1);
    expect(serverViolations(fn, "import { Card } from '@/components/card';")).toHaveLength(1);
    expect(serverViolations(fn, "import { ok } from '../../../src/core/errors';")).toEqual([]);

    const alerts = join(SERVER, 'functions', 'alerts', 'needs-help.ts');
    expect(crossFunctionViolations(alerts, "import { sortKeys } from '../cases/store';")).toHaveLength(1);
    expect(crossFunctionViolations(alerts, "import { addCase } from '../../cases/create';")).toEqual([]);
    expect(crossFunctionViolations(alerts, "import { markSchema } from './marks';")).toEqual([]);
    expect(crossFunctionViolations(join(SERVER, 'cases', 'store.ts'), "import { caseActions } from '../functions/cases/actions';")).toHaveLength(1);
    expect(crossFunctionViolations(join(FUNCTIONS, 'registry.ts'), "import { caseActions } from './cases/actions';")).toEqual([]);
  });
});

describe('dependency rule', () => {
  test('src/core imports only core files, zod, dayjs (+ plugins) and chinese-days', () => {
    const files = filesUnder(CORE);
    expect(files.length).toBeGreaterThan(0);
    expect(files.flatMap((f) => coreViolations(f, read(f)))).toEqual([]);
  });

  test('nothing under src/ imports server/ or local/ (type-only imports allowed in src/client/)', () => {
    const files = filesUnder(join(ROOT, 'src')).filter((f) => !within(f, CORE));
    expect(files.flatMap((f) => frontEndViolations(f, read(f)))).toEqual([]);
  });

  test('nothing under server/ imports pages, packages or components', () => {
    expect(filesUnder(SERVER).flatMap((f) => serverViolations(f, read(f)))).toEqual([]);
  });

  test("no function reaches into another function's files; shared persistence imports no function", () => {
    expect(filesUnder(SERVER).flatMap((f) => crossFunctionViolations(f, read(f)))).toEqual([]);
  });
});
