// Imported first by every local entry point: from then on `require('wx-server-sdk')` (in our sources and in the
// bundled cloud functions) loads the local stand-in. The real SDK must never load locally: its database calls
// crash the process without cloud credentials (docs/platform-notes.md).
import Module from 'node:module';
import { join } from 'node:path';

const STAND_IN = join(__dirname, 'wx-server-sdk', 'index.ts');

type Resolve = (request: string, ...rest: unknown[]) => string;

const mod = Module as unknown as { _resolveFilename: Resolve };
const original = mod._resolveFilename;
mod._resolveFilename = function resolveFilename(this: unknown, request: string, ...rest: unknown[]) {
  return original.call(this, request === 'wx-server-sdk' ? STAND_IN : request, ...rest);
};
