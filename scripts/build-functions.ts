// Bundles each cloud function into a self-contained cloudfunctions/<name>/index.js that requires nothing
// but wx-server-sdk and Node built-ins, so WeChat DevTools can deploy the folder as it is.
import { build } from 'esbuild';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildVersion } from '../config/build-version';

const root = join(__dirname, '..');
const functionsDir = join(root, 'cloudfunctions');

export function functionNames(): string[] {
  return readdirSync(functionsDir).filter((name) => statSync(join(functionsDir, name)).isDirectory());
}

/**
 * Packages WeChat installs in the cloud (上传并部署：云端安装依赖) instead of the bundle: exceljs and iconv-lite
 * (spreadsheets) would take a function past its size budget. A function that uses them lists them in its package.json.
 */
export const CLOUD_INSTALLED = ['exceljs', 'iconv-lite'];

/** Bundles one function; returns the output size in bytes. */
export async function bundleFunction(name: string, outfile = join(functionsDir, name, 'index.js')): Promise<number> {
  const result = await build({
    entryPoints: [join(root, 'server', 'functions', name, 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    external: ['wx-server-sdk', ...CLOUD_INSTALLED],
    // The same version as the mini-program's build (config/index.ts): session.me compares them.
    define: { BUILD_VERSION: JSON.stringify(buildVersion()) },
    minify: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  return Object.values(result.metafile.outputs).reduce((sum, out) => sum + out.bytes, 0);
}

async function main(): Promise<void> {
  for (const name of functionNames()) {
    const bytes = await bundleFunction(name);
    console.log(`cloudfunctions/${name}/index.js  ${(bytes / 1024).toFixed(1)} KB`);
  }
}

if (require.main === module) {
  main().catch((thrown) => {
    console.error(thrown);
    process.exit(1);
  });
}
