// Imported first by every page test: the pages run their H5 flavour (HTTP to the local runtime, demo sign-in).
process.env.TARO_ENV = 'h5';
// jsdom has no TextEncoder; browsers do (the ledger import encodes its CSV as UTF-8 before uploading).
import { TextEncoder as NodeTextEncoder } from 'node:util';
(globalThis as { TextEncoder?: unknown }).TextEncoder ??= NodeTextEncoder;
