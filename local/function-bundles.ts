// Loads the deployable bundles (cloudfunctions/<name>/index.js) exactly as WeChat would run them.
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { FunctionMain } from '../server/functions/registry';

export function loadFunctionBundles(root: string): Record<string, FunctionMain> {
  const mains: Record<string, FunctionMain> = {};
  for (const name of readdirSync(root)) {
    const entry = join(root, name, 'index.js');
    if (!existsSync(entry)) throw new Error(`cloud function "${name}" is not built: run npm run build:functions`);
    // Bundles are CommonJS files found at run time, loaded as WeChat's Node loads them.
    const loaded = createRequire(__filename)(entry) as { main?: FunctionMain };
    if (typeof loaded.main !== 'function') throw new Error(`${entry} exports no main`);
    mains[name] = loaded.main;
  }
  return mains;
}
