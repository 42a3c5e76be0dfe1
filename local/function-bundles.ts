// Loads the deployable bundles (cloudfunctions/<name>/index.js) exactly as WeChat would run them.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FunctionMain } from '../server/functions/registry';

export function loadFunctionBundles(root: string): Record<string, FunctionMain> {
  const mains: Record<string, FunctionMain> = {};
  for (const name of readdirSync(root)) {
    const entry = join(root, name, 'index.js');
    if (!existsSync(entry)) throw new Error(`cloud function "${name}" is not built: run npm run build:functions`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- bundles are CommonJS, loaded at run time
    const loaded = require(entry) as { main?: FunctionMain };
    if (typeof loaded.main !== 'function') throw new Error(`${entry} exports no main`);
    mains[name] = loaded.main;
  }
  return mains;
}
