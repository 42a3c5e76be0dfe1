// Each cloud function folder deploys as it is: a bundle that requires only Node built-ins and what its package.json
// declares (wx-server-sdk; exceljs and iconv-lite where spreadsheets are read or written — WeChat installs those,
// 云端安装依赖), and a config.json; and every function has its folder.
import { builtinModules } from 'node:module';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleFunction, functionNames } from '../../scripts/build-functions';
import { FUNCTION_MAINS } from '../../server/functions/registry';
import { FUNCTION_TIMEOUT_S } from '../../server/platform/jobs';

jest.setTimeout(60_000);

const root = join(__dirname, '..', '..');

/** Besides wx-server-sdk, what a function leaves WeChat to install: a library that would put its bundle past budget. */
// cases carries the most workflow (every kind's steps, the notice board, the guide): zod is installed beside it.
const INSTALLED_IN_CLOUD: Record<string, string[]> = { cases: ['zod'], reports: ['exceljs'], people: ['exceljs', 'iconv-lite'], verify: ['exceljs', 'iconv-lite'] };

it('has one deployable folder per registered function', () => {
  expect(functionNames().sort()).toEqual(Object.keys(FUNCTION_MAINS).sort());
});

it.each(Object.keys(FUNCTION_MAINS))('%s bundles to a self-contained index.js', async (name) => {
  const outfile = join(mkdtempSync(join(tmpdir(), 'xwg-bundle-')), 'index.js');
  const bytes = await bundleFunction(name, outfile);
  expect(bytes).toBeLessThan(300 * 1024);
  const code = readFileSync(outfile, 'utf8');
  const required = new Set([...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]!));
  const declared = ['wx-server-sdk', ...(INSTALLED_IN_CLOUD[name] ?? [])];
  const allowed = new Set([...declared, ...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
  expect([...required].filter((r) => !allowed.has(r))).toEqual([]);
  // Nothing declared that the bundle does not need (WeChat would install it for nothing).
  expect(declared.filter((d) => !required.has(d))).toEqual([]);
  const pkg = JSON.parse(readFileSync(join(root, 'cloudfunctions', name, 'package.json'), 'utf8'));
  expect(Object.keys(pkg.dependencies)).toEqual(declared);
  // The version WeChat installs is the one the tests ran against.
  for (const dep of INSTALLED_IN_CLOUD[name] ?? []) expect(pkg.dependencies[dep]).toBe(JSON.parse(readFileSync(join(root, 'node_modules', dep, 'package.json'), 'utf8')).version);
  const config = JSON.parse(readFileSync(join(root, 'cloudfunctions', name, 'config.json'), 'utf8'));
  expect(config.timeout).toBeGreaterThan(0);
});

it.each(Object.keys(FUNCTION_MAINS))('%s declares the timeout its jobs budget by, within the 60 s WeChat accepts', (name) => {
  const config = JSON.parse(readFileSync(join(root, 'cloudfunctions', name, 'config.json'), 'utf8'));
  expect(config.timeout).toBe(FUNCTION_TIMEOUT_S[name]);
  expect(config.timeout).toBeLessThanOrEqual(60);
});

it.each(['cases', 'visits', 'notify', 'people', 'reports', 'verify'])('%s may schedule its follow-up invocations (cloud-call permission)', (name) => {
  const config = JSON.parse(readFileSync(join(root, 'cloudfunctions', name, 'config.json'), 'utf8'));
  expect(config.permissions.openapi).toContain('cloudbase.addDelayedFunctionTask');
});
