// Each cloud function folder deploys as it is: a bundle that requires only wx-server-sdk, Node built-ins and the
// packages WeChat installs in the cloud that its package.json lists, and a config.json; and every function has its folder.
import { builtinModules } from 'node:module';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleFunction, CLOUD_INSTALLED, functionNames } from '../../scripts/build-functions';
import { FUNCTION_MAINS } from '../../server/functions/registry';
import { FUNCTION_TIMEOUT_S } from '../../server/platform/jobs';

jest.setTimeout(60_000);

const root = join(__dirname, '..', '..');

it('has one deployable folder per registered function', () => {
  expect(functionNames().sort()).toEqual(Object.keys(FUNCTION_MAINS).sort());
});

it.each(Object.keys(FUNCTION_MAINS))('%s bundles to a self-contained index.js', async (name) => {
  const outfile = join(mkdtempSync(join(tmpdir(), 'xwg-bundle-')), 'index.js');
  const bytes = await bundleFunction(name, outfile);
  expect(bytes).toBeLessThan(300 * 1024);
  const code = readFileSync(outfile, 'utf8');
  const required = new Set([...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]!));
  const pkg = JSON.parse(readFileSync(join(root, 'cloudfunctions', name, 'package.json'), 'utf8'));
  const declared = Object.keys(pkg.dependencies);
  // Only what the cloud installs, and exactly what the bundle needs of it.
  expect(declared).toEqual(['wx-server-sdk', ...CLOUD_INSTALLED.filter((m) => required.has(m))]);
  const allowed = new Set([...declared, ...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
  expect([...required].filter((r) => !allowed.has(r))).toEqual([]);
  const config = JSON.parse(readFileSync(join(root, 'cloudfunctions', name, 'config.json'), 'utf8'));
  expect(config.timeout).toBeGreaterThan(0);
});

it.each(Object.keys(FUNCTION_MAINS))('%s declares the timeout its jobs budget by, within the 60 s WeChat accepts', (name) => {
  const config = JSON.parse(readFileSync(join(root, 'cloudfunctions', name, 'config.json'), 'utf8'));
  expect(config.timeout).toBe(FUNCTION_TIMEOUT_S[name]);
  expect(config.timeout).toBeLessThanOrEqual(60);
});

it.each(['cases', 'visits', 'notify', 'people', 'verify'])('%s may schedule its follow-up invocations (cloud-call permission)', (name) => {
  const config = JSON.parse(readFileSync(join(root, 'cloudfunctions', name, 'config.json'), 'utf8'));
  expect(config.permissions.openapi).toContain('cloudbase.addDelayedFunctionTask');
});
