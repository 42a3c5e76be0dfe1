// Bundles each cloud function into a cloudfunctions/<name>/index.js that requires nothing
// but Node built-ins and what its package.json declares (WeChat installs those), so DevTools deploys the folder as it is.
import { build } from 'esbuild';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildVersion } from '../config/build-version';

const root = join(__dirname, '..');
const functionsDir = join(root, 'cloudfunctions');

export function functionNames(): string[] {
  return readdirSync(functionsDir).filter((name) => statSync(join(functionsDir, name)).isDirectory());
}

/**
 * What WeChat installs beside a function (上传并部署：云端安装依赖) rather than the bundle carrying it: the dependencies
 * its package.json declares — wx-server-sdk everywhere; exceljs (and iconv-lite) where spreadsheets are read or written, zod in cases (each would put a bundle past its budget).
 */
function installedInCloud(name: string): string[] {
  const manifest = JSON.parse(readFileSync(join(functionsDir, name, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  return Object.keys(manifest.dependencies ?? {});
}

/** Bundles one function; returns the output size in bytes. */
export async function bundleFunction(name: string, outfile = join(functionsDir, name, 'index.js')): Promise<number> {
  const result = await build({
    entryPoints: [join(root, 'server', 'functions', name, 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    external: installedInCloud(name),
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
